import type {
  ChatCompletionChunk,
  ChatCompletionChunkChoice,
  ChatCompletionRequest,
  ChatCompletionResponse,
  EmbeddingsRequest,
  EmbeddingsResponse,
  Usage,
} from '../../src/plugin-sdk/index.js';
import { MOCK_CREATED_AT } from './api.js';
import { composeChoice, countTokens, digest, embeddingVector, type MockChoice, promptTokens } from './reply.js';

/** Bodies exactly as OpenAI's API writes them, built from the deterministic reply. */

const FINGERPRINT = 'fp_mock';

function choicesOf(request: ChatCompletionRequest, replyWords: number): MockChoice[] {
  const n = Math.max(1, request.n ?? 1);
  return Array.from({ length: n }, (_, index) => composeChoice(request, index, replyWords));
}

function usageOf(request: ChatCompletionRequest, choices: MockChoice[]): Usage {
  const prompt = promptTokens(request.messages);
  const completion = choices.reduce((sum, choice) => sum + choice.completionTokens, 0);
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0 },
  };
}

export function completionId(requestBody: string): string {
  return `chatcmpl-mock${digest(requestBody).slice(0, 24)}`;
}

export function chatCompletion(request: ChatCompletionRequest, id: string, replyWords: number): ChatCompletionResponse {
  const choices = choicesOf(request, replyWords);
  return {
    id,
    object: 'chat.completion',
    created: MOCK_CREATED_AT,
    model: request.model,
    choices: choices.map((choice, index) => ({
      index,
      message: {
        role: 'assistant',
        content: choice.content,
        refusal: null,
        ...(choice.toolCalls ? { tool_calls: choice.toolCalls } : {}),
      },
      logprobs: null,
      finish_reason: choice.finishReason,
    })),
    usage: usageOf(request, choices),
    service_tier: 'default',
    system_fingerprint: FINGERPRINT,
  };
}

function splitContent(content: string, wordsPerChunk: number): string[] {
  const words = content.split(' ');
  const pieces: string[] = [];
  for (let i = 0; i < words.length; i += wordsPerChunk) {
    const last = i + wordsPerChunk >= words.length;
    pieces.push(words.slice(i, i + wordsPerChunk).join(' ') + (last ? '' : ' '));
  }
  return pieces;
}

function deltasOf(choice: MockChoice, wordsPerChunk: number): ChatCompletionChunkChoice['delta'][] {
  const call = choice.toolCalls?.[0];
  if (call) {
    return [
      { role: 'assistant', content: null, tool_calls: [{ index: 0, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }] },
      { tool_calls: [{ index: 0, function: { arguments: call.function.arguments } }] },
    ];
  }
  const content = choice.content ?? '';
  return [{ role: 'assistant', content: '', refusal: null }, ...(content ? splitContent(content, wordsPerChunk).map((piece) => ({ content: piece })) : [])];
}

/**
 * The chunks of a streamed answer in OpenAI's order: per choice a role chunk, content chunks
 * and a finish chunk; then, with `stream_options.include_usage`, a usage chunk with no choices
 * (earlier chunks then carry `usage: null`).
 */
export function chatChunks(request: ChatCompletionRequest, id: string, replyWords: number, wordsPerChunk: number): ChatCompletionChunk[] {
  const choices = choicesOf(request, replyWords);
  const includeUsage = request.stream_options?.include_usage === true;
  const chunk = (chunkChoices: ChatCompletionChunkChoice[]): ChatCompletionChunk => ({
    id,
    object: 'chat.completion.chunk',
    created: MOCK_CREATED_AT,
    model: request.model,
    service_tier: 'default',
    system_fingerprint: FINGERPRINT,
    choices: chunkChoices,
    ...(includeUsage ? { usage: null } : {}),
  });
  const chunks: ChatCompletionChunk[] = [];
  choices.forEach((choice, index) => {
    for (const delta of deltasOf(choice, wordsPerChunk)) chunks.push(chunk([{ index, delta, logprobs: null, finish_reason: null }]));
    chunks.push(chunk([{ index, delta: {}, logprobs: null, finish_reason: choice.finishReason }]));
  });
  if (includeUsage) chunks.push({ ...chunk([]), usage: usageOf(request, choices) });
  return chunks;
}

export function sseFrame(data: string): string {
  return `data: ${data}\n\n`;
}

export const SSE_DONE = 'data: [DONE]\n\n';

function inputsOf(input: EmbeddingsRequest['input']): string[] {
  if (typeof input === 'string') return [input];
  if (input.length > 0 && input.every((item) => typeof item === 'number')) return [JSON.stringify(input)];
  return (input as Array<string | number[]>).map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
}

function toBase64(vector: number[]): string {
  const floats = new Float32Array(vector);
  return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength).toString('base64');
}

export function embeddingsList(request: EmbeddingsRequest, dimensions: number): EmbeddingsResponse {
  const inputs = inputsOf(request.input);
  const tokens = inputs.reduce((sum, text) => sum + Math.max(1, countTokens(text)), 0);
  return {
    object: 'list',
    data: inputs.map((text, index) => {
      const vector = embeddingVector(text, dimensions);
      return { object: 'embedding', index, embedding: request.encoding_format === 'base64' ? toBase64(vector) : vector };
    }),
    model: request.model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}
