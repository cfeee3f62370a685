import type { ProviderError } from '../../plugin-sdk';
import type { LiveProviderAccount } from '../../providers/provider-account-snapshot';

/**
 * What the pipeline needs from routing and resilience (`src/gateway/routing`), as narrow
 * structural interfaces: the pipeline does I/O and protocol, routing decides where and how often.
 */
export interface AttemptTarget {
  key: string;
  account: LiveProviderAccount;
  model: string;
  /** `<account>/<model>`, reported in `x-portico-target`. */
  displayName: string;
  contextWindow?: number;
}

export interface PlanTimeouts {
  connectMs: number;
  firstByteMs: number;
  totalMs: number;
}

export interface RoutePlan {
  alias?: string;
  targets: readonly AttemptTarget[];
  policy: { timeouts: PlanTimeouts };
  cacheTtlSeconds: number | null;
}

export interface Planner {
  plan(workspaceId: string, model: string, hints?: { promptTokens?: number }): RoutePlan | null;
}

export interface AttemptContext {
  target: AttemptTarget;
  credential: string | undefined;
  attemptNumber: number;
  signal: AbortSignal;
}

export type AttemptResult<T> = { ok: true; value: T } | { ok: false; error: ProviderError };

export interface AttemptRecord {
  target: string;
  status?: number;
  errorClass?: string;
  ms: number;
}

export type ExecutionOutcome<T> =
  | { ok: true; value: T; target: AttemptTarget; attempts: AttemptRecord[] }
  | { ok: false; error: ProviderError; attempts: AttemptRecord[] };

export interface Executor {
  run<T>(plan: RoutePlan, attempt: (context: AttemptContext) => Promise<AttemptResult<T>>, signal: AbortSignal): Promise<ExecutionOutcome<T>>;
}
