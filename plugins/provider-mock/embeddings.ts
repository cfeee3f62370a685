import type { EmbeddingsOperation, EmbeddingsResponse } from '../../src/plugin-sdk/index.js';
import { mockHeaders, mockUrl } from './api.js';

export const embeddings: EmbeddingsOperation = {
  buildRequest(request, target) {
    return {
      method: 'POST',
      url: mockUrl(target, '/embeddings'),
      headers: mockHeaders(target),
      body: JSON.stringify({ ...request, model: target.model }),
    };
  },

  parseResponse(response): EmbeddingsResponse {
    const value = JSON.parse(response.body) as EmbeddingsResponse | null;
    if (value?.object !== 'list' || !Array.isArray(value.data)) throw new Error('expected an embeddings list from the mock upstream');
    return value;
  },
};
