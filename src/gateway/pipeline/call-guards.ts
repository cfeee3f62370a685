import type { GuardVerdictSummary } from '../../audit/call-records/call-record';
import type { GuardBinding, GuardBlock, GuardFailure, GuardRunResult } from '../../plugin-host/guard-runner';
import type { GuardSession } from '../../plugin-host/guard-session';
import type { GuardStream } from '../../plugin-host/guard-stream';
import type { PluginHost } from '../../plugin-host/plugin-host';
import type { ChatCompletionChunk, ChatCompletionRequest, ChatCompletionResponse } from '../../plugin-sdk';
import { fromProviderError, type WireError } from '../errors/openai-errors';
import type { CallTrace } from './call-trace';
import { classify } from './dispatcher';

/** What the pipeline asks of the guard bindings (the snapshot). */
export interface GuardBindings {
  bindingsFor(workspaceId: string, target: { apiKeyId: string; route: string | null; promptApiId: string | null }): readonly GuardBinding[];
}

/** A guard refused the call (its verdict, or a fail-closed guard that broke). */
export class GuardRefusal extends Error {
  constructor(readonly block: GuardBlock) {
    super(block.message);
    this.name = 'GuardRefusal';
  }

  toWire(): WireError {
    const { status } = this.block;
    const type = this.block.failure ? 'server_error' : status === 403 ? 'permission_error' : 'invalid_request_error';
    return { status, headers: {}, type, code: this.block.code, message: this.block.message, param: null };
  }
}

export function isGuardRefusal(value: unknown): value is GuardRefusal {
  return value instanceof GuardRefusal;
}

/**
 * The guards bound to one call (by workspace, route, key or prompt API), run at each stage of the
 * pipeline with one shared session, and their verdicts for the call log: per guard, the stages it
 * ran at, what it did, and the counts it reported in `callState.counts` — never matched values.
 */
export class CallGuards {
  private readonly verdicts = new Map<string, { phase: GuardVerdictSummary['phase']; action: GuardVerdictSummary['action'] }>();

  private constructor(private readonly session: GuardSession) {}

  /** Null when no guard is bound to the call: the common case costs one map lookup. */
  static open(host: PluginHost, bindings: GuardBindings, call: { requestId: string; workspaceId: string; apiKeyId: string; route: string | null; promptApiId?: string | null }): CallGuards | null {
    const bound = bindings.bindingsFor(call.workspaceId, { apiKeyId: call.apiKeyId, route: call.route, promptApiId: call.promptApiId ?? null });
    if (bound.length === 0) return null;
    return new CallGuards(host.openGuardSession(bound, { requestId: call.requestId, workspaceId: call.workspaceId }));
  }

  /** The request as the guards let it through; throws {@link GuardRefusal} on a block. */
  async request(request: ChatCompletionRequest): Promise<ChatCompletionRequest> {
    return this.settle('request', await this.session.request(request));
  }

  async response(response: ChatCompletionResponse): Promise<ChatCompletionResponse> {
    return this.settle('response', await this.session.response(response));
  }

  stream(): GuardStream {
    return this.session.stream();
  }

  /** Notes a stream's outcome (the stream itself reports blocks through its steps). */
  streamed(block: GuardBlock | undefined, failures: readonly GuardFailure[]): void {
    for (const guard of this.session.active) this.note(guard.binding.pluginId, 'stream', 'pass');
    for (const failure of failures) this.note(failure.pluginId, 'stream', 'pass');
    if (block) this.note(block.pluginId, 'stream', 'block');
  }

  summaries(): GuardVerdictSummary[] {
    return this.session.active.flatMap((guard) => {
      const seen = this.verdicts.get(guard.binding.pluginId);
      if (!seen) return [];
      const counts = guard.context.callState.counts;
      return [
        {
          guardId: guard.binding.pluginId,
          version: guard.registered?.manifest.version ?? 'unknown',
          phase: seen.phase,
          action: seen.action,
          counts: isCounts(counts) ? { ...counts } : {},
        },
      ];
    });
  }

  private settle<T>(phase: 'request' | 'response', result: GuardRunResult<T>): T {
    if (result.outcome === 'block') {
      this.note(result.block.pluginId, phase, 'block');
      throw new GuardRefusal(result.block);
    }
    const modified = new Set(result.modifiedBy);
    for (const guard of this.session.active) this.note(guard.binding.pluginId, phase, modified.has(guard.binding.pluginId) ? 'modify' : 'pass');
    return result.value;
  }

  /** The strongest action wins across stages: block > modify > pass. */
  private note(pluginId: string, phase: GuardVerdictSummary['phase'], action: GuardVerdictSummary['action']): void {
    const rank = { pass: 0, hold: 0, modify: 1, block: 2 } as const;
    const previous = this.verdicts.get(pluginId);
    if (!previous || rank[action] > rank[previous.action]) this.verdicts.set(pluginId, { phase, action });
  }
}

function isCounts(value: unknown): value is Record<string, number> {
  return typeof value === 'object' && value !== null && Object.values(value).every((count) => typeof count === 'number');
}

/**
 * The upstream's chunks as the client may see them: each is metered as it came (what was paid
 * for), then passed through the call's stream guards, which may hold text back and release it in
 * order. A block ends the iteration with a {@link GuardRefusal}. Without guards, chunks pass as they are.
 */
export async function* guardedChunks(
  first: ChatCompletionChunk,
  rest: AsyncIterator<ChatCompletionChunk>,
  guards: CallGuards | null,
  observe: (chunk: ChatCompletionChunk) => void,
): AsyncGenerator<ChatCompletionChunk> {
  const stream = guards?.stream();
  let blocked: GuardBlock | undefined;
  try {
    for (let next: IteratorResult<ChatCompletionChunk> = { done: false, value: first }; !next.done; next = await rest.next()) {
      observe(next.value);
      if (!stream) {
        yield next.value;
        continue;
      }
      const step = await stream.push(next.value);
      if (step.outcome === 'block') throw new GuardRefusal((blocked = step.block));
      yield* step.chunks;
    }
    if (stream) {
      const step = await stream.end();
      if (step.outcome === 'block') throw new GuardRefusal((blocked = step.block));
      yield* step.chunks;
    }
  } finally {
    if (stream) guards!.streamed(blocked, stream.failures);
  }
}

/**
 * A stream that failed after its headers were sent (a guard's block or an upstream failure), noted
 * on the trace; the answer is the error event the endpoint writes in its own format.
 */
export function failStream(trace: CallTrace, error: unknown): WireError {
  if (isGuardRefusal(error)) {
    const wire = error.toWire();
    trace.failed('guard_blocked', wire.code);
    return wire;
  }
  const wire = fromProviderError(classify(error));
  trace.failedWith(wire, 'upstream');
  return wire;
}
