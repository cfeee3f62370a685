import type { ChatOperation } from '../../src/plugin-sdk/index.js';
import {
  assertOpenAiWireFeatures,
  parseOpenAiChatCompletion,
  parseOpenAiStreamEvent,
  toOpenAiChatBody,
} from '../../src/plugin-sdk/openai-wire/index.js';
import { compatibleHeaders, compatibleUrl } from './api.js';
import type { CompatibleSettings } from './config.schema.js';
import { resolveSettings } from './settings.js';

/** Chat completions on any OpenAI-wire server: refuse what it cannot do, adapt the rest. */
export function createChat(defaults: CompatibleSettings): ChatOperation {
  return {
    buildRequest(request, target) {
      const settings = resolveSettings(defaults, target.extra);
      assertOpenAiWireFeatures(request, {
        tools: settings.supportsTools,
        jsonSchema: settings.supportsJsonSchema,
        vision: settings.supportsVision,
      });
      const body = toOpenAiChatBody(request, {
        model: target.model,
        streamUsage: settings.supportsStreamUsage ? 'always' : 'never',
        maxTokensParameter: settings.maxTokensParameter,
        developerRole: settings.developerRole,
      });
      return {
        method: 'POST',
        url: compatibleUrl(target, 'chat/completions'),
        headers: compatibleHeaders(target, settings, request.stream === true),
        body: JSON.stringify(body),
      };
    },
    parseResponse: (response, { target }) => parseOpenAiChatCompletion(response.body, target.model),
    parseStreamEvent: parseOpenAiStreamEvent,
  };
}
