import { isPorticoError } from '../../common/errors';
import { ProviderStreamError, type ProviderCaller } from '../../plugin-host/provider-call';
import type {
  ChatCompletionChunk,
  ChatCompletionRequest,
  ChatCompletionResponse,
  ChatStreamState,
  EmbeddingsRequest,
  EmbeddingsResponse,
  ProviderError,
  ProviderTarget,
} from '../../plugin-sdk';
import { toPluginAccount } from '../../providers/provider-account-snapshot';
import { TransportError } from '../transport/undici-transport';
import type { AttemptContext, AttemptResult, AttemptTarget, ExecutionOutcome, Executor, RoutePlan } from './ports';

export type ChatSuccess =
  | { kind: 'response'; response: ChatCompletionResponse }
  | { kind: 'stream'; first: ChatCompletionChunk; rest: AsyncIterator<ChatCompletionChunk>; state: ChatStreamState };

/** Time spent waiting on upstreams, so a response can report the time spent inside Portico. */
export interface UpstreamClock {
  upstreamMs: number;
}

/**
 * Runs a canonical request against a plan: one attempt function per operation, handed to the
 * executor (which decides order, retries, fallbacks). Each attempt does the I/O through the
 * provider caller and turns every way an upstream can fail into a `ProviderError` class.
 * A stream counts as answered only once its first chunk arrived within the first-byte deadline,
 * so a silent upstream still fails over before anything reached the client.
 */
export class Dispatcher {
  constructor(
    private readonly executor: Executor,
    private readonly caller: ProviderCaller,
  ) {}

  chat(plan: RoutePlan, request: ChatCompletionRequest, signal: AbortSignal, clock: UpstreamClock): Promise<ExecutionOutcome<ChatSuccess>> {
    const { timeouts } = plan.policy;
    return this.executor.run<ChatSuccess>(
      plan,
      (context) =>
        this.timed<ChatSuccess>(clock, context, async (attemptSignal, abortAttempt) => {
          const upstreamRequest: ChatCompletionRequest = request.stream
            ? { ...request, model: context.target.model, stream_options: { ...request.stream_options, include_usage: true } }
            : { ...request, model: context.target.model };
          const result = await this.caller.chat({
            providerId: context.target.account.pluginId,
            target: providerTarget(context.target, context.credential),
            request: upstreamRequest,
            signal: attemptSignal,
            transport: { timeouts: { connectMs: timeouts.connectMs, firstByteMs: timeouts.firstByteMs, idleMs: timeouts.firstByteMs } },
          });
          if (!result.ok) return { ok: false, error: result.error };
          if (result.kind === 'response') return { ok: true, value: { kind: 'response', response: result.response } };
          const rest = result.chunks[Symbol.asyncIterator]();
          const first = await firstWithin(rest, timeouts.firstByteMs, abortAttempt);
          if (first.done) return { ok: false, error: { class: 'server', status: 502, message: 'the upstream stream ended before any chunk' } };
          return { ok: true, value: { kind: 'stream', first: first.value, rest, state: result.state } };
        }),
      signal,
    );
  }

  embeddings(plan: RoutePlan, request: EmbeddingsRequest, signal: AbortSignal, clock: UpstreamClock): Promise<ExecutionOutcome<EmbeddingsResponse>> {
    const { timeouts } = plan.policy;
    return this.executor.run<EmbeddingsResponse>(
      plan,
      (context) =>
        this.timed<EmbeddingsResponse>(clock, context, async (attemptSignal) => {
          const result = await this.caller.embeddings({
            providerId: context.target.account.pluginId,
            target: providerTarget(context.target, context.credential),
            request: { ...request, model: context.target.model },
            signal: attemptSignal,
            transport: { timeouts: { connectMs: timeouts.connectMs, firstByteMs: timeouts.firstByteMs, idleMs: timeouts.firstByteMs } },
          });
          return result.ok ? { ok: true, value: result.response } : { ok: false, error: result.error };
        }),
      signal,
    );
  }

  /** One attempt: its own abort (linked to the request's), its upstream time, its failures classified. */
  private async timed<T>(
    clock: UpstreamClock,
    context: AttemptContext,
    work: (signal: AbortSignal, abort: (reason: Error) => void) => Promise<AttemptResult<T>>,
  ): Promise<AttemptResult<T>> {
    const controller = new AbortController();
    const onAbort = () => controller.abort(context.signal.reason);
    if (context.signal.aborted) controller.abort(context.signal.reason);
    else context.signal.addEventListener('abort', onAbort, { once: true });
    const started = performance.now();
    try {
      const result = await work(controller.signal, (reason) => controller.abort(reason));
      if (!result.ok) context.signal.removeEventListener('abort', onAbort);
      return result;
    } catch (error) {
      context.signal.removeEventListener('abort', onAbort);
      controller.abort(error);
      return { ok: false, error: classify(error, context.signal) };
    } finally {
      clock.upstreamMs += performance.now() - started;
    }
  }
}

function providerTarget(target: AttemptTarget, credential: string | undefined): ProviderTarget {
  const account = toPluginAccount(target.account);
  return { ...account, apiKey: credential ?? account.apiKey, model: target.model };
}

class FirstChunkTimeout extends Error {
  constructor(ms: number) {
    super(`the upstream sent no stream chunk within ${ms} ms`);
    this.name = 'FirstChunkTimeout';
  }
}

async function firstWithin<T>(iterator: AsyncIterator<T>, ms: number, abort: (reason: Error) => void): Promise<IteratorResult<T>> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const reason = new FirstChunkTimeout(ms);
      abort(reason);
      reject(reason);
    }, ms);
  });
  try {
    return await Promise.race([iterator.next(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Every way an attempt can fail, as a provider error class the executor can reason about. */
export function classify(error: unknown, requestSignal?: AbortSignal): ProviderError {
  if (requestSignal?.aborted) return { class: 'timeout', status: 504, code: 'request_aborted', message: 'the request was cancelled or ran out of time' };
  if (error instanceof FirstChunkTimeout) return { class: 'timeout', status: 504, code: 'first_byte_timeout', message: error.message };
  if (error instanceof TransportError) {
    if (error.kind === 'connection') return { class: 'server', status: 502, code: 'connection_error', message: error.message };
    return { class: 'timeout', status: 504, code: error.kind, message: error.message };
  }
  if (error instanceof ProviderStreamError) return error.providerError;
  if (isPorticoError(error) && (error.status === 400 || error.status === 422)) {
    return { class: 'bad_request', status: 400, code: 'unsupported_parameter', message: error.message };
  }
  const message = isPorticoError(error) ? error.message : 'the provider adapter failed';
  return { class: 'server', status: 502, code: 'plugin_failure', message };
}
