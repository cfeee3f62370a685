import type { EmbeddingsOperation } from '../../src/plugin-sdk/index.js';
import { parseOpenAiEmbeddings, toOpenAiEmbeddingsBody } from '../../src/plugin-sdk/openai-wire/index.js';
import { compatibleHeaders, compatibleUrl } from './api.js';
import type { CompatibleSettings } from './config.schema.js';
import { resolveSettings } from './settings.js';

export function createEmbeddings(defaults: CompatibleSettings): EmbeddingsOperation {
  return {
    buildRequest(request, target) {
      const settings = resolveSettings(defaults, target.extra);
      return {
        method: 'POST',
        url: compatibleUrl(target, 'embeddings'),
        headers: compatibleHeaders(target, settings),
        body: JSON.stringify(toOpenAiEmbeddingsBody(request, target.model)),
      };
    },
    parseResponse: (response, { target }) => parseOpenAiEmbeddings(response.body, target.model),
  };
}
