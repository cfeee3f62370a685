import type { ChatCompletionChunk, ChatCompletionRequest } from '../canonical.js';
import type { ChatStreamState, ProviderAdapter, ProviderTarget } from '../provider.js';
import { SseParser } from '../sse.js';

/** Runs the adapter's stream parser over `pieces`, exactly as the host does. */
export function parseStreamPieces(
  adapter: ProviderAdapter,
  request: ChatCompletionRequest,
  target: ProviderTarget,
  pieces: Array<string | Uint8Array>,
): { chunks: ChatCompletionChunk[]; state: ChatStreamState } {
  const state: ChatStreamState = { request, target, done: false, scratch: {} };
  const parser = new SseParser();
  const chunks: ChatCompletionChunk[] = [];
  const take = (events: ReturnType<SseParser['push']>) => {
    for (const event of events) chunks.push(...adapter.chat.parseStreamEvent(event, state));
  };
  for (const piece of pieces) take(parser.push(piece));
  take(parser.end());
  return { chunks, state };
}
