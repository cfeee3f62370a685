import type {
  ChatCompletionChunk,
  ChatCompletionChunkChoice,
  ChatStreamState,
  SseEvent,
} from '../../src/plugin-sdk/index.js';
import { bareModelName, type GeminiRuntime } from './api.js';
import {
  answerText,
  blockedRefusal,
  candidateIndex,
  parseGeminiJson,
  toFinishReason,
  toolCallId,
  toUsage,
} from './chat-response.js';
import type { GeminiCandidate, GeminiGenerateContentResponse, GeminiUsageMetadata } from './wire.js';

interface StreamProgress {
  token: string;
  created: number;
  model: string;
  begun: number[];
  callCounts: Record<number, number>;
  finished: number[];
  usage?: GeminiUsageMetadata;
}

/**
 * Each SSE `data:` of `streamGenerateContent?alt=sse` is a whole `GenerateContentResponse`
 * holding the next slice of every candidate. Gemini sends no `[DONE]`: the stream is complete
 * once every requested candidate (`n`, default 1) has reported a `finishReason`, or the prompt
 * was blocked. Usage rides on the same last event, so the usage chunk goes out right then.
 */
export function parseChatStreamEvent(event: SseEvent, state: ChatStreamState, runtime: GeminiRuntime): ChatCompletionChunk[] {
  if (state.done || event.data.trim() === '') return [];
  const body = parseGeminiJson(event.data);
  const progress = progressOf(state, body, runtime);
  if (body.usageMetadata) progress.usage = body.usageMetadata;
  const withUsage = state.request.stream_options?.include_usage === true;
  const chunk = (choices: ChatCompletionChunkChoice[]): ChatCompletionChunk => {
    const out: ChatCompletionChunk = { id: `chatcmpl-${progress.token}`, object: 'chat.completion.chunk', created: progress.created, model: progress.model, choices };
    if (withUsage) out.usage = null;
    return out;
  };

  const chunks: ChatCompletionChunk[] = [];
  const blockReason = body.promptFeedback?.blockReason;
  if (blockReason && !(body.candidates?.length ?? 0)) {
    chunks.push(chunk([{ index: 0, delta: { role: 'assistant', content: null, refusal: blockedRefusal(blockReason) }, logprobs: null, finish_reason: 'content_filter' }]));
    progress.finished = Array.from({ length: expectedCandidates(state) }, (_, index) => index);
  }
  (body.candidates ?? []).forEach((candidate, position) => {
    const choice = toChunkChoice(candidate, candidateIndex(candidate, position), progress);
    if (choice) chunks.push(chunk([choice]));
  });

  if (progress.finished.length >= expectedCandidates(state)) {
    state.done = true;
    if (withUsage) chunks.push({ ...chunk([]), usage: toUsage(progress.usage) });
  }
  return chunks;
}

function expectedCandidates(state: ChatStreamState): number {
  return Math.max(1, state.request.n ?? 1);
}

function progressOf(state: ChatStreamState, body: GeminiGenerateContentResponse, runtime: GeminiRuntime): StreamProgress {
  const existing = state.scratch.gemini as StreamProgress | undefined;
  if (existing) return existing;
  const progress: StreamProgress = {
    token: body.responseId ?? runtime.newId(),
    created: Math.floor(runtime.now() / 1000),
    model: body.modelVersion ?? bareModelName(state.target.model),
    begun: [],
    callCounts: {},
    finished: [],
  };
  state.scratch.gemini = progress;
  return progress;
}

function toChunkChoice(candidate: GeminiCandidate, index: number, progress: StreamProgress): ChatCompletionChunkChoice | undefined {
  const parts = candidate.content?.parts ?? [];
  const delta: ChatCompletionChunkChoice['delta'] = {};
  if (!progress.begun.includes(index)) {
    progress.begun.push(index);
    delta.role = 'assistant';
  }
  const text = answerText(parts);
  if (text !== undefined && text !== '') delta.content = text;
  const calls = parts.filter((part) => part.functionCall);
  if (calls.length > 0) {
    const before = progress.callCounts[index] ?? 0;
    delta.tool_calls = calls.map((part, offset) => ({
      index: before + offset,
      id: part.functionCall!.id ?? toolCallId(progress.token, index, before + offset),
      type: 'function' as const,
      function: { name: part.functionCall!.name, arguments: JSON.stringify(part.functionCall!.args ?? {}) },
    }));
    progress.callCounts[index] = before + calls.length;
  }
  let finishReason: ChatCompletionChunkChoice['finish_reason'] = null;
  if (candidate.finishReason && !progress.finished.includes(index)) {
    progress.finished.push(index);
    finishReason = toFinishReason(candidate.finishReason, (progress.callCounts[index] ?? 0) > 0);
  }
  if (Object.keys(delta).length === 0 && finishReason === null) return undefined;
  return { index, delta, logprobs: null, finish_reason: finishReason };
}
