import type {
  ChatCompletionRequest,
  ChatCompletionResponse,
  FinishReason,
  ProviderTarget,
  ToolCall,
  UpstreamResponse,
  Usage,
} from '../../src/plugin-sdk/index.js';
import { bareModelName, type GeminiRuntime } from './api.js';
import type { GeminiCandidate, GeminiGenerateContentResponse, GeminiPart, GeminiUsageMetadata } from './wire.js';

const FINISH_REASONS: Record<string, FinishReason> = {
  STOP: 'stop',
  MAX_TOKENS: 'length',
  SAFETY: 'content_filter',
  RECITATION: 'content_filter',
  BLOCKLIST: 'content_filter',
  PROHIBITED_CONTENT: 'content_filter',
  SPII: 'content_filter',
  IMAGE_SAFETY: 'content_filter',
};

/** Gemini finish reason → canonical; a turn that called functions ends with `tool_calls`. */
export function toFinishReason(reason: string, calledTools: boolean): FinishReason {
  if (calledTools && (reason === 'STOP' || reason === 'FINISH_REASON_UNSPECIFIED')) return 'tool_calls';
  return FINISH_REASONS[reason] ?? 'stop';
}

/** Gemini counts thoughts apart from the answer; OpenAI counts reasoning inside completion tokens. */
export function toUsage(metadata: GeminiUsageMetadata | undefined): Usage {
  const prompt = metadata?.promptTokenCount ?? 0;
  const reasoning = metadata?.thoughtsTokenCount ?? 0;
  const completion = (metadata?.candidatesTokenCount ?? 0) + reasoning;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: metadata?.cachedContentTokenCount ?? 0 },
    completion_tokens_details: { reasoning_tokens: reasoning },
  };
}

export function parseGeminiJson(text: string): GeminiGenerateContentResponse {
  const value = JSON.parse(text) as unknown;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('expected a GenerateContentResponse object from Gemini');
  if ('error' in value) throw new Error(`Gemini answered an error inside a success: ${JSON.stringify((value as { error: unknown }).error)}`);
  return value as GeminiGenerateContentResponse;
}

export function toolCallId(responseToken: string, candidateIndex: number, callIndex: number): string {
  return `call_${responseToken}_${candidateIndex}_${callIndex}`;
}

export function answerText(parts: GeminiPart[]): string | undefined {
  const texts = parts.filter((part) => typeof part.text === 'string' && part.thought !== true).map((part) => part.text as string);
  return texts.length > 0 ? texts.join('') : undefined;
}

export function toolCalls(parts: GeminiPart[], makeId: (callIndex: number) => string): ToolCall[] {
  return parts
    .filter((part) => part.functionCall)
    .map((part, callIndex) => ({
      id: part.functionCall!.id ?? makeId(callIndex),
      type: 'function' as const,
      function: { name: part.functionCall!.name, arguments: JSON.stringify(part.functionCall!.args ?? {}) },
    }));
}

export function candidateIndex(candidate: GeminiCandidate, position: number): number {
  return candidate.index ?? position;
}

export function blockedRefusal(blockReason: string): string {
  return `Gemini blocked the prompt (${blockReason}).`;
}

export function parseChatResponse(
  response: UpstreamResponse,
  context: { request: ChatCompletionRequest; target: ProviderTarget },
  runtime: GeminiRuntime,
): ChatCompletionResponse {
  const body = parseGeminiJson(response.body);
  const token = body.responseId ?? runtime.newId();
  const completion: ChatCompletionResponse = {
    id: `chatcmpl-${token}`,
    object: 'chat.completion',
    created: Math.floor(runtime.now() / 1000),
    model: body.modelVersion ?? bareModelName(context.target.model),
    choices: [],
    usage: toUsage(body.usageMetadata),
  };
  const blockReason = body.promptFeedback?.blockReason;
  if (blockReason && !(body.candidates?.length ?? 0)) {
    completion.choices.push({
      index: 0,
      message: { role: 'assistant', content: null, refusal: blockedRefusal(blockReason) },
      logprobs: null,
      finish_reason: 'content_filter',
    });
    return completion;
  }
  (body.candidates ?? []).forEach((candidate, position) => {
    const index = candidateIndex(candidate, position);
    const parts = candidate.content?.parts ?? [];
    const calls = toolCalls(parts, (callIndex) => toolCallId(token, index, callIndex));
    const message: ChatCompletionResponse['choices'][number]['message'] = { role: 'assistant', content: answerText(parts) ?? null, refusal: null };
    if (calls.length > 0) message.tool_calls = calls;
    completion.choices.push({ index, message, logprobs: null, finish_reason: toFinishReason(candidate.finishReason ?? 'STOP', calls.length > 0) });
  });
  if (completion.choices.length === 0) throw new Error('Gemini answered no candidates and no block reason');
  return completion;
}
