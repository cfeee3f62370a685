import type { ChatCompletionResponse, FinishReason, Usage } from '../canonical.js';
import type { EmbeddingsResponse } from '../canonical-embeddings.js';

const CANONICAL_FINISH: readonly string[] = ['stop', 'length', 'tool_calls', 'content_filter', 'function_call'];

// Spellings seen on OpenAI-compatible servers that are not OpenAI's own.
const FINISH_ALIASES: Record<string, FinishReason> = {
  eos: 'stop',
  eos_token: 'stop',
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  model_length: 'length',
  tool_call: 'tool_calls',
  tool_use: 'tool_calls',
};

/**
 * OpenAI's finish reasons unchanged, known aliases of compatible servers mapped, anything else `stop`.
 *
 * @example
 * normalizeFinishReason('tool_calls'); // → 'tool_calls'
 * normalizeFinishReason('eos');        // → 'stop'
 * normalizeFinishReason(null);         // → null
 */
export function normalizeFinishReason(reason: unknown): FinishReason | null {
  if (reason === null || reason === undefined) return null;
  if (typeof reason === 'string' && CANONICAL_FINISH.includes(reason)) return reason as FinishReason;
  return (typeof reason === 'string' && FINISH_ALIASES[reason]) || 'stop';
}

/**
 * Checks a usage object, fills `total_tokens` when a server leaves it out and drops null details. Details
 * (`prompt_tokens_details.cached_tokens`, `completion_tokens_details.reasoning_tokens`, ...) are kept as sent.
 *
 * @example
 * normalizeUsage({ prompt_tokens: 3, completion_tokens: 2 }); // → { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 }
 */
export function normalizeUsage(value: unknown): Usage | undefined {
  if (!isObject(value)) return undefined;
  const prompt = value.prompt_tokens;
  const completion = value.completion_tokens ?? 0;
  if (typeof prompt !== 'number' || typeof completion !== 'number') throw new Error('upstream usage has no numeric prompt_tokens');
  const total = typeof value.total_tokens === 'number' ? value.total_tokens : prompt + completion;
  const usage: Record<string, unknown> = { ...value, prompt_tokens: prompt, completion_tokens: completion, total_tokens: total };
  // Some servers send `"prompt_tokens_details": null`; absent and null mean the same, absent is the canonical form.
  for (const details of ['prompt_tokens_details', 'completion_tokens_details']) if (usage[details] === null) delete usage[details];
  return usage as unknown as Usage;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseJsonObject(text: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`upstream ${what} is not JSON: ${text.slice(0, 120)}`);
  }
  if (!isObject(value)) throw new Error(`upstream ${what} is not a JSON object`);
  return value;
}

/**
 * Parses an OpenAI `chat.completion` body. OpenAI's own answers come out unchanged; a compatible
 * server's missing `object`/`created`/`model`/`total_tokens` are filled and its finish reasons mapped.
 *
 * @example
 * parseOpenAiChatCompletion('{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"m","choices":[...]}', 'm');
 */
export function parseOpenAiChatCompletion(text: string, fallbackModel: string): ChatCompletionResponse {
  const body = parseJsonObject(text, 'chat completion');
  if (body.object !== undefined && body.object !== 'chat.completion') throw new Error(`upstream answered object "${String(body.object)}", not chat.completion`);
  if (!Array.isArray(body.choices)) throw new Error('upstream chat completion has no choices');
  const response = {
    ...body,
    id: typeof body.id === 'string' ? body.id : '',
    object: 'chat.completion',
    created: typeof body.created === 'number' ? body.created : 0,
    model: typeof body.model === 'string' ? body.model : fallbackModel,
    choices: body.choices.map((choice: Record<string, unknown>) => ({ ...choice, finish_reason: normalizeFinishReason(choice.finish_reason) })),
  } as ChatCompletionResponse;
  const usage = normalizeUsage(body.usage);
  if (usage) response.usage = usage;
  return response;
}

/**
 * Parses an OpenAI embeddings body (`object: 'list'`), filling `usage` when a server leaves it out.
 *
 * @example
 * parseOpenAiEmbeddings('{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.1]}],"model":"e","usage":{"prompt_tokens":1,"total_tokens":1}}', 'e');
 */
export function parseOpenAiEmbeddings(text: string, fallbackModel: string): EmbeddingsResponse {
  const body = parseJsonObject(text, 'embeddings answer');
  if (body.object !== 'list' || !Array.isArray(body.data)) throw new Error('upstream embeddings answer is not an object "list" with data');
  const usage = isObject(body.usage) ? body.usage : { prompt_tokens: 0, total_tokens: 0 };
  return { ...body, model: typeof body.model === 'string' ? body.model : fallbackModel, usage } as EmbeddingsResponse;
}
