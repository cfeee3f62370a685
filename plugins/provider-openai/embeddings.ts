import type { EmbeddingsOperation } from '../../src/plugin-sdk/index.js';
import { parseOpenAiEmbeddings, toOpenAiEmbeddingsBody } from '../../src/plugin-sdk/openai-wire/index.js';
import { resolveEndpoint } from './api.js';
import type { OpenAiProviderConfig } from './config.schema.js';

export function createEmbeddings(config: OpenAiProviderConfig): EmbeddingsOperation {
  return {
    buildRequest(request, target) {
      const endpoint = resolveEndpoint(target, config, 'embeddings');
      return { method: 'POST', url: endpoint.url, headers: endpoint.headers, body: JSON.stringify(toOpenAiEmbeddingsBody(request, target.model)) };
    },
    parseResponse: (response, { target }) => parseOpenAiEmbeddings(response.body, target.model),
  };
}
