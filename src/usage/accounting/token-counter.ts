import type { ChatCompletionRequest, ChatMessage, ContentPart, ToolCall } from '../../plugin-sdk/index.js';

/** The BPE encodings Portico counts with. */
export type EncodingName = 'o200k_base' | 'cl100k_base';

/** The part of a gpt-tokenizer encoding module the counter uses. */
interface Encoding {
  countTokens(text: string): number;
}

/**
 * Encodings are loaded on first use (the rank tables are a few MB each) and then kept, one per
 * encoding. `require` keeps the load synchronous so counting stays a plain function call.
 * `disallowedSpecial` is emptied so user text that spells a special token counts as text.
 */
const loaders: Record<EncodingName, () => Encoding> = {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  o200k_base: () => wrap(require('gpt-tokenizer/encoding/o200k_base') as typeof import('gpt-tokenizer/encoding/o200k_base')),
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  cl100k_base: () => wrap(require('gpt-tokenizer/encoding/cl100k_base') as typeof import('gpt-tokenizer/encoding/cl100k_base')),
};

const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

function wrap(module: { encode(text: string, options?: typeof PLAIN_TEXT): number[] }): Encoding {
  return { countTokens: (text) => (text === '' ? 0 : module.encode(text, PLAIN_TEXT).length) };
}

const loaded = new Map<EncodingName, Encoding>();

function encoding(name: EncodingName): Encoding {
  let found = loaded.get(name);
  if (!found) {
    found = loaders[name]();
    loaded.set(name, found);
  }
  return found;
}

/** Legacy OpenAI chat models on cl100k_base: gpt-3.5-*, gpt-4, gpt-4-* (but not gpt-4o / gpt-4.1 / gpt-4.5). */
const CL100K_MODEL = /^(?:gpt-3\.5|gpt-35|gpt-4(?:$|-)|text-embedding-(?:ada-002|3-))/;

/**
 * The encoding for a model id (a `provider/` prefix is ignored). gpt-4o, gpt-4.1, gpt-4.5, gpt-5
 * and the o-series use o200k_base, gpt-3.5 and gpt-4 (incl. turbo) cl100k_base. Every other
 * model — Anthropic, Gemini, Llama, Mistral… — has its own tokenizer that is not public or not
 * bundled, so its counts are ESTIMATES on o200k_base, the closest modern general-purpose BPE.
 */
export function encodingForModel(model?: string): EncodingName {
  const id = (model ?? '').toLowerCase().split('/').pop() ?? '';
  return CL100K_MODEL.test(id) ? 'cl100k_base' : 'o200k_base';
}

/** Whether the counter's figure for this model is exact (an OpenAI model) or an estimate. */
export function isExactForModel(model?: string): boolean {
  const id = (model ?? '').toLowerCase().split('/').pop() ?? '';
  return /^(?:gpt-|chatgpt-|o\d)/.test(id);
}

/**
 * Chat overhead as OpenAI documents it for its chat models (the "counting tokens for chat
 * models" cookbook): every message costs 3 tokens of framing (`<|start|>{role}<|message|>…<|end|>`),
 * a `name` adds 1, and the reply is primed with 3 more (`<|start|>assistant<|message|>`).
 */
export const TOKENS_PER_MESSAGE = 3;
export const TOKENS_PER_NAME = 1;
export const REPLY_PRIMING_TOKENS = 3;

/**
 * Flat estimate per image part: the base cost of one image in OpenAI's vision pricing for
 * gpt-4o (`detail: low` is exactly 85; `high`/`auto` grow with the tile count, which needs the
 * image's size — not known without fetching it, so `high`/`auto` are charged as one 512 px tile
 * on top of the base: 85 + 170 = 255).
 */
export const IMAGE_TOKENS_LOW = 85;
export const IMAGE_TOKENS_DEFAULT = 255;

/**
 * Counts tokens with a real BPE tokenizer. Exact for OpenAI text; for tool definitions (the
 * upstream renders them in an internal format) and for non-OpenAI models it is an estimate.
 *
 * @example
 * const counter = new TokenCounter();
 * counter.countText('Hello, world!', 'gpt-4o'); // 4
 */
export class TokenCounter {
  /** Tokens of a plain text under the model's encoding (o200k_base when no model is given). */
  countText(text: string, model?: string): number {
    return encoding(encodingForModel(model)).countTokens(text);
  }

  /**
   * Prompt tokens of a chat request: per-message framing, role, name, content (text parts;
   * images at the flat estimate), tool calls and tool definitions as their JSON, plus the
   * reply priming.
   */
  countChatPrompt(request: ChatCompletionRequest): number {
    const count = encoding(encodingForModel(request.model)).countTokens;
    let tokens = REPLY_PRIMING_TOKENS;
    for (const message of request.messages) tokens += this.messageTokens(message, count);
    if (request.tools?.length) tokens += count(JSON.stringify(request.tools));
    return tokens;
  }

  /** Tokens of tool calls (name and arguments), as a reply or a prompt carries them. */
  countToolCalls(calls: readonly Pick<ToolCall, 'function'>[], model?: string): number {
    const count = encoding(encodingForModel(model)).countTokens;
    return calls.reduce((sum, call) => sum + count(call.function.name) + count(call.function.arguments), 0);
  }

  private messageTokens(message: ChatMessage, count: (text: string) => number): number {
    let tokens = TOKENS_PER_MESSAGE + count(message.role);
    if (message.name) tokens += TOKENS_PER_NAME + count(message.name);
    tokens += contentTokens(message.content, count);
    if (message.tool_calls?.length) tokens += count(JSON.stringify(message.tool_calls));
    if (message.tool_call_id) tokens += count(message.tool_call_id);
    return tokens;
  }
}

function contentTokens(content: string | ContentPart[] | null, count: (text: string) => number): number {
  if (content === null) return 0;
  if (typeof content === 'string') return count(content);
  let tokens = 0;
  for (const part of content) {
    if (part.type === 'text') tokens += count(part.text);
    else tokens += part.image_url.detail === 'low' ? IMAGE_TOKENS_LOW : IMAGE_TOKENS_DEFAULT;
  }
  return tokens;
}
