import type {
  ChatCompletionChunk,
  ChatCompletionResponse,
  ChatOperation,
  ChatStreamState,
  SseEvent,
  UpstreamResponse,
} from '../../src/plugin-sdk/index.js';
import { mockHeaders, mockUrl } from './api.js';

function parseObject(text: string, expected: string): Record<string, unknown> {
  const value = JSON.parse(text) as Record<string, unknown> | null;
  if (!value || value.object !== expected) throw new Error(`expected an object of type "${expected}" from the mock upstream`);
  return value;
}

/** The mock speaks the OpenAI format, so mapping is the identity plus the upstream model name. */
export const chat: ChatOperation = {
  buildRequest(request, target) {
    return {
      method: 'POST',
      url: mockUrl(target, '/chat/completions'),
      headers: mockHeaders(target),
      body: JSON.stringify({ ...request, model: target.model }),
    };
  },

  parseResponse(response: UpstreamResponse): ChatCompletionResponse {
    return parseObject(response.body, 'chat.completion') as unknown as ChatCompletionResponse;
  },

  parseStreamEvent(event: SseEvent, state: ChatStreamState): ChatCompletionChunk[] {
    if (event.data === '[DONE]') {
      state.done = true;
      return [];
    }
    return [parseObject(event.data, 'chat.completion.chunk') as unknown as ChatCompletionChunk];
  },
};
