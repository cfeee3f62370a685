import type { ChatCompletionChunk, ChatCompletionRequest, ChatCompletionResponse } from './canonical.js';
import type { PluginLogger } from './logger.js';

/**
 * What a guard hook sees about the call: ids for correlation, the config of the binding that
 * enabled the guard here (route, API or key level), a logger, and `callState`: scratch space of
 * this guard for this one call, shared by all its hooks (e.g. the placeholder → value map that
 * `onRequest` builds and `onResponse` / `onStreamChunk` use to put the values back). The host
 * never logs or stores it; it is dropped when the call ends.
 *
 * @example
 * const ctx: GuardContext<{ mask: string }> = { requestId: 'req_1', workspaceId: 'ws_1', config: { mask: '***' }, logger, callState: {} };
 */
export interface GuardContext<TBinding = Record<string, unknown>> {
  requestId: string;
  workspaceId: string;
  config: TBinding;
  logger: PluginLogger;
  callState: Record<string, unknown>;
}

/**
 * Let the value through unchanged.
 *
 * @example
 * const verdict: PassVerdict = { action: 'pass' };
 */
export interface PassVerdict {
  action: 'pass';
}

/**
 * Replace the value with `value`.
 *
 * @example
 * const verdict: ModifyVerdict<ChatCompletionRequest> = { action: 'modify', value: { ...request, messages: redacted } };
 */
export interface ModifyVerdict<T> {
  action: 'modify';
  value: T;
}

/**
 * Stop the call. `code` is the guard's stable code, `status` the HTTP status the client gets.
 *
 * @example
 * const verdict: BlockVerdict = { action: 'block', code: 'PII_DETECTED', status: 422, message: 'The prompt contains an e-mail address.' };
 */
export interface BlockVerdict {
  action: 'block';
  code: string;
  status: number;
  message: string;
}

/**
 * Stream chunks only: keep this chunk (and earlier held ones) back until a later verdict decides,
 * e.g. while a PII value may be split across two chunks.
 *
 * @example
 * const verdict: HoldVerdict = { action: 'hold' };
 */
export interface HoldVerdict {
  action: 'hold';
}

/**
 * A guard's answer.
 *
 * @example
 * const verdict: GuardVerdict<ChatCompletionResponse> = { action: 'pass' };
 */
export type GuardVerdict<T> = PassVerdict | ModifyVerdict<T> | BlockVerdict;

/**
 * A stream-chunk answer. `modify` replaces the held chunks plus the current one; `pass` releases
 * them unchanged.
 *
 * @example
 * const verdict: StreamChunkVerdict = { action: 'modify', value: [mergedChunk] };
 */
export type StreamChunkVerdict = GuardVerdict<ChatCompletionChunk[]> | HoldVerdict;

/**
 * Per-stream state of one guard: the chunks it is holding back, and scratch space it owns.
 *
 * @example
 * const textSoFar = state.held.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
 */
export interface GuardStreamState {
  readonly held: readonly ChatCompletionChunk[];
  scratch: Record<string, unknown>;
}

/**
 * A value or a promise of it: hooks may be sync or async.
 *
 * @example
 * const verdict: MaybePromise<PassVerdict> = Promise.resolve({ action: 'pass' });
 */
export type MaybePromise<T> = T | Promise<T>;

/**
 * The hooks of a guard; each is optional. At the end of a stream, `onStreamEnd` decides about
 * the chunks still held: `pass` releases them, `modify` replaces them, `block` drops them and
 * ends the stream with an error.
 *
 * @example
 * const guard: Guard<{ words: string[] }> = {
 *   onRequest(ctx, request) {
 *     const text = JSON.stringify(request.messages);
 *     return ctx.config.words.some((word) => text.includes(word))
 *       ? { action: 'block', code: 'DENYLIST', status: 400, message: 'A denied word was used.' }
 *       : { action: 'pass' };
 *   },
 * };
 */
export interface Guard<TBinding = Record<string, unknown>> {
  onRequest?(ctx: GuardContext<TBinding>, request: ChatCompletionRequest): MaybePromise<GuardVerdict<ChatCompletionRequest>>;
  onResponse?(ctx: GuardContext<TBinding>, response: ChatCompletionResponse): MaybePromise<GuardVerdict<ChatCompletionResponse>>;
  onStreamChunk?(ctx: GuardContext<TBinding>, chunk: ChatCompletionChunk, state: GuardStreamState): MaybePromise<StreamChunkVerdict>;
  onStreamEnd?(ctx: GuardContext<TBinding>, state: GuardStreamState): MaybePromise<GuardVerdict<ChatCompletionChunk[]>>;
}

/**
 * Builders for verdicts, so guards read as sentences.
 *
 * @example
 * return containsSecret ? verdict.block('SECRET', 422, 'A secret was found.') : verdict.pass();
 */
export const verdict = {
  pass: (): PassVerdict => ({ action: 'pass' }),
  modify: <T>(value: T): ModifyVerdict<T> => ({ action: 'modify', value }),
  block: (code: string, status: number, message: string): BlockVerdict => ({ action: 'block', code, status, message }),
  hold: (): HoldVerdict => ({ action: 'hold' }),
};
