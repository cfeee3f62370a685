import type { ProviderError, ProviderErrorClass } from '../../plugin-sdk/index.js';
import type { BreakerState, CircuitBreakers } from './circuit-breaker';
import { InMemoryCircuitBreakers } from './circuit-breaker';
import { type Clock, systemClock } from './clock';
import { EwmaLatencyTracker, type LatencyTracker } from './latency-tracker';
import type { ResiliencePolicy } from './resilience-policy';
import type { AttemptFunction, AttemptRecord, AttemptTarget, ExecutionOutcome, RoutePlan } from './route-plan';

export interface ResilientExecutorOptions {
  breakers?: CircuitBreakers;
  latency?: LatencyTracker;
  clock?: Clock;
  /** Uniform in [0, 1), for the backoff jitter. */
  random?: () => number;
}

/** Failures that say the upstream is unwell: they open circuits and are retried with backoff. */
const TRANSIENT: ReadonlySet<ProviderErrorClass> = new Set(['server', 'overloaded', 'timeout']);
/** Failures that another target would answer the same way: returned at once. */
const FINAL: ReadonlySet<ProviderErrorClass> = new Set(['bad_request', 'content_policy', 'not_found']);

interface RunState {
  readonly policy: ResiliencePolicy;
  readonly signal: AbortSignal;
  readonly attempts: AttemptRecord[];
  used: number;
  lastError?: ProviderError;
  /** After a context-length failure only targets with a larger known window remain candidates. */
  contextFloor?: number;
  skippedOpen: AttemptTarget[];
}

type Verdict<T> = { done: true; outcome: ExecutionOutcome<T> } | { done: false };

/**
 * Runs one request over a plan's targets: retries with backoff, credential rotation, fallback to
 * the next target, circuit breakers and a cap on attempts. The caller's `attempt` does the I/O
 * and reports upstream failures as `ProviderError`s; the executor decides what happens next.
 */
export class ResilientExecutor {
  private readonly breakers: CircuitBreakers;
  private readonly latency: LatencyTracker;
  private readonly clock: Clock;
  private readonly random: () => number;
  /** Breaker key → `<account>/<model>`, so breaker states can be reported by name. */
  private readonly targetNames = new Map<string, string>();

  constructor(options: ResilientExecutorOptions = {}) {
    this.breakers = options.breakers ?? new InMemoryCircuitBreakers();
    this.latency = options.latency ?? new EwmaLatencyTracker();
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
  }

  async run<T>(plan: RoutePlan, attempt: AttemptFunction<T>, signal: AbortSignal): Promise<ExecutionOutcome<T>> {
    const state: RunState = { policy: plan.policy, signal, attempts: [], used: 0, skippedOpen: [] };
    if (plan.targets.length === 0) return { ok: false, error: noTargetError(), attempts: state.attempts };
    for (const target of plan.targets) {
      if (state.contextFloor !== undefined && !((target.contextWindow ?? 0) > state.contextFloor)) continue;
      const verdict = await this.tryTarget(target, attempt, state);
      if (verdict.done) return verdict.outcome;
    }
    return { ok: false, error: state.lastError ?? this.allUnavailable(state.skippedOpen), attempts: state.attempts };
  }

  /** Breaker state of every target seen so far, for `/metrics`. */
  breakerStates(): Array<{ key: string; state: BreakerState }> {
    return this.breakers.states(this.clock.now());
  }

  /** Breaker states by target name (`<account>/<model>`) of the targets this process tried, for the breaker gauge. */
  breakerStatesByTarget(): Array<{ target: string; state: BreakerState }> {
    return this.breakerStates().flatMap(({ key, state }) => {
      const target = this.targetNames.get(key);
      return target === undefined ? [] : [{ target, state }];
    });
  }

  private async tryTarget<T>(target: AttemptTarget, attempt: AttemptFunction<T>, state: RunState): Promise<Verdict<T>> {
    const credentials = credentialsOf(target);
    let credentialIndex = 0;
    let retries = 0;
    for (;;) {
      if (state.signal.aborted) return this.fail(state, abortedError());
      if (state.used >= state.policy.maxAttempts) return this.fail(state, state.lastError ?? noTargetError());
      this.targetNames.set(target.key, target.displayName);
      if (!this.breakers.tryAcquire(target.key, this.clock.now())) {
        state.skippedOpen.push(target);
        return { done: false };
      }
      state.used += 1;
      const started = this.clock.now();
      const result = await invoke(attempt, { target, credential: credentials[credentialIndex], attemptNumber: state.used, signal: state.signal });
      const ms = this.clock.now() - started;
      if (result.ok) {
        this.breakers.record(target.key, 'success', this.clock.now());
        this.latency.record(target.key, ms);
        state.attempts.push({ target: target.displayName, ms });
        return { done: true, outcome: { ok: true, value: result.value, target, attempts: state.attempts } };
      }
      const { error } = result;
      state.attempts.push({ target: target.displayName, status: error.status, errorClass: error.class, ms });
      if (state.signal.aborted) {
        this.breakers.record(target.key, 'neutral', this.clock.now());
        return this.fail(state, abortedError());
      }
      this.breakers.record(target.key, TRANSIENT.has(error.class) ? 'failure' : 'success', this.clock.now());
      state.lastError = error;

      if (FINAL.has(error.class)) return this.fail(state, error);
      if ((error.class === 'auth' || error.class === 'rate_limit') && credentialIndex + 1 < credentials.length) {
        credentialIndex += 1;
        continue;
      }
      if (error.class === 'auth') return this.fail(state, error);
      if (error.class === 'context_length') {
        state.contextFloor = Math.max(state.contextFloor ?? 0, target.contextWindow ?? 0);
        return { done: false };
      }
      const delay = this.retryDelay(error, retries + 1, state.policy);
      if (delay === undefined) return { done: false };
      if (state.used >= state.policy.maxAttempts) return this.fail(state, error);
      retries += 1;
      await this.clock.sleep(delay, state.signal);
    }
  }

  /** How long to wait before retrying the same target, or undefined to move on to the next one. */
  private retryDelay(error: ProviderError, retry: number, policy: ResiliencePolicy): number | undefined {
    if (retry > policy.retriesPerTarget) return undefined;
    if (error.retryAfterSeconds !== undefined && error.retryAfterSeconds > policy.maxRetryAfterSeconds) return undefined;
    const ceiling = Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** (retry - 1));
    const jittered = Math.floor(this.random() * ceiling);
    return Math.max(jittered, (error.retryAfterSeconds ?? 0) * 1000);
  }

  private fail<T>(state: RunState, error: ProviderError): Verdict<T> {
    return { done: true, outcome: { ok: false, error, attempts: state.attempts } };
  }

  private allUnavailable(open: readonly AttemptTarget[]): ProviderError {
    const now = this.clock.now();
    const waits = open.map((target) => this.breakers.msUntilHalfOpen(target.key, now));
    const soonest = waits.length > 0 ? Math.min(...waits) : 0;
    return {
      class: 'overloaded',
      status: 503,
      code: 'all_targets_unavailable',
      message: 'all targets are unavailable',
      retryAfterSeconds: Math.max(1, Math.ceil(soonest / 1000)),
    };
  }
}

async function invoke<T>(attempt: AttemptFunction<T>, context: Parameters<AttemptFunction<T>>[0]) {
  try {
    return await attempt(context);
  } catch (error) {
    // The attempt function should report failures, not throw them; a throw still must not escape as a 500 without a record.
    return { ok: false as const, error: { class: 'server' as const, status: 502, code: 'attempt_failed', message: (error as Error)?.message ?? 'attempt failed' } };
  }
}

/** The account's credentials in rotation order; `[undefined]` for an account without any. */
function credentialsOf(target: AttemptTarget): ReadonlyArray<string | undefined> {
  const { credentials, credential } = target.account;
  if (credentials?.length) return credentials;
  return [credential];
}

function abortedError(): ProviderError {
  return { class: 'timeout', status: 504, code: 'request_aborted', message: 'the request was aborted before an upstream answered' };
}

function noTargetError(): ProviderError {
  return { class: 'overloaded', status: 503, code: 'no_available_target', message: 'the route has no available target', retryAfterSeconds: 1 };
}
