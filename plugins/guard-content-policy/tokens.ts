import type { ChatCompletionRequest, ChatMessage } from '../../src/plugin-sdk/index.js';
import type { TokenizerName } from './config.schema.js';
import { messageText } from './text.js';

type EncodingName = Exclude<TokenizerName, 'auto'>;

interface Encoding {
  isWithinTokenLimit(text: string, limit: number, options: { disallowedSpecial: Set<string> }): false | number;
}

/**
 * gpt-tokenizer's rank tables are a few MB each: loaded on first use, then kept. `require` keeps
 * the load synchronous so counting stays a plain call inside the hook.
 */
const loaders: Record<EncodingName, () => Encoding> = {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  o200k_base: () => require('gpt-tokenizer/encoding/o200k_base') as Encoding,
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  cl100k_base: () => require('gpt-tokenizer/encoding/cl100k_base') as Encoding,
};
const loaded = new Map<EncodingName, Encoding>();

/** User text that spells a special token is counted as text, never refused. */
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/** The chat framing OpenAI documents for its chat models: 3 tokens a message, 1 for a name, 3 to prime the reply. */
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_NAME = 1;
const REPLY_PRIMING_TOKENS = 3;
/** gpt-3.5 and gpt-4 (turbo included) use cl100k_base; gpt-4o, gpt-4.1, gpt-5, o-series and the rest o200k_base. */
const CL100K_MODEL = /^(?:gpt-3\.5|gpt-35|gpt-4(?:$|-(?!o)))/;

export function encodingFor(model: unknown, tokenizer: TokenizerName): EncodingName {
  if (tokenizer !== 'auto') return tokenizer;
  const id = (typeof model === 'string' ? model : '').toLowerCase().split('/').pop() ?? '';
  return CL100K_MODEL.test(id) ? 'cl100k_base' : 'o200k_base';
}

function encoding(name: EncodingName): Encoding {
  let found = loaded.get(name);
  if (!found) {
    found = loaders[name]();
    loaded.set(name, found);
  }
  return found;
}

function messagePieces(message: ChatMessage): string[] {
  const pieces = [message.role, messageText(message)];
  if (message.name) pieces.push(message.name);
  if (message.tool_calls?.length) pieces.push(JSON.stringify(message.tool_calls));
  if (message.tool_call_id) pieces.push(message.tool_call_id);
  return pieces;
}

/**
 * Whether the request's prompt fits in `max` tokens: every message (role, text, name, tool calls)
 * with chat framing, and the tool definitions as JSON. Stops counting as soon as the budget is
 * spent, so a huge prompt costs no more than `max` tokens of work. Exact for OpenAI text; an
 * estimate for tool definitions and for other providers' models.
 *
 * @example
 * fitsInTokens({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello' }] }, 100, 'auto'); // true
 */
export function fitsInTokens(request: ChatCompletionRequest, max: number, tokenizer: TokenizerName): boolean {
  const { isWithinTokenLimit } = encoding(encodingFor(request.model, tokenizer));
  const messages = Array.isArray(request.messages) ? request.messages.filter(Boolean) : [];
  let remaining = max - REPLY_PRIMING_TOKENS;
  const pieces: string[] = [];
  for (const message of messages) {
    remaining -= TOKENS_PER_MESSAGE + (message.name ? TOKENS_PER_NAME : 0);
    pieces.push(...messagePieces(message));
  }
  if (request.tools?.length) pieces.push(JSON.stringify(request.tools));
  if (remaining < 0) return false;
  for (const piece of pieces) {
    if (piece === '') continue;
    const used = isWithinTokenLimit(piece, remaining, PLAIN_TEXT);
    if (used === false) return false;
    remaining -= used;
  }
  return true;
}
