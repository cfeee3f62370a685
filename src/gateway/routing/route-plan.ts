import type { ProviderError } from '../../plugin-sdk/index.js';
import type { LiveProviderAccount } from '../../providers/provider-account-snapshot';
import type { ResiliencePolicy } from './resilience-policy';

/** One place an attempt may go: an account and the provider's model name. */
export interface AttemptTarget {
  /** Stable `${accountId}:${model}`: the key of the circuit breaker and the latency estimate. */
  readonly key: string;
  readonly account: LiveProviderAccount;
  readonly model: string;
  /** `${account.name}/${model}`, what logs and `x-portico-*` headers show. */
  readonly displayName: string;
  readonly contextWindow?: number;
  readonly weight: number;
  readonly priority: number;
  readonly inputPricePerMTok?: number;
  readonly outputPricePerMTok?: number;
}

/** Where a request for `model` goes, in the order the executor tries, and how hard it tries. */
export interface RoutePlan {
  /** Set when the model named a route alias. */
  readonly alias?: string;
  readonly targets: readonly AttemptTarget[];
  readonly policy: ResiliencePolicy;
  /** Opt-in response cache of the route; null for direct models and routes without one. */
  readonly cacheTtlSeconds: number | null;
}

/** What the planner may know about the request before it is sent. */
export interface PlanHints {
  promptTokens?: number;
  /** Expected completion tokens, for `lowest_cost` (default 500). */
  outputTokens?: number;
}

export interface AttemptContext {
  readonly target: AttemptTarget;
  /** The credential to use; undefined when the account has none. */
  readonly credential: string | undefined;
  /** 1 for the first attempt of the request, counting across targets and credentials. */
  readonly attemptNumber: number;
  readonly signal: AbortSignal;
}

export type AttemptResult<T> = { ok: true; value: T } | { ok: false; error: ProviderError };

export type AttemptFunction<T> = (context: AttemptContext) => Promise<AttemptResult<T>>;

export interface AttemptRecord {
  /** The target's display name, `<account>/<model>`. */
  target: string;
  /** The upstream status of a failed attempt (absent on success). */
  status?: number;
  errorClass?: string;
  ms: number;
}

export type ExecutionOutcome<T> =
  | { ok: true; value: T; target: AttemptTarget; attempts: AttemptRecord[] }
  | { ok: false; error: ProviderError; attempts: AttemptRecord[] };
