import { ErrorCode, PorticoError } from '../common/errors.js';
import type {
  ChatCompletionRequest,
  ChatCompletionResponse,
  Guard,
  GuardContext,
  GuardVerdict,
} from '../plugin-sdk/index.js';
import { type HostLogger, scopedLogger } from './host-logger.js';
import type { PluginHost, RegisteredGuard } from './plugin-host.js';

/** One guard enabled for a call (loading is not enabling: bindings come from audited data). */
export interface GuardBinding {
  pluginId: string;
  /** The binding's config, handed to the guard as `ctx.config`. */
  config?: Record<string, unknown>;
  /** `closed` (default): a failing guard blocks the call. `open`: it is skipped and reported. */
  failMode?: 'open' | 'closed';
  /** Time budget for one hook call; default 1000 ms. */
  timeoutMs?: number;
}

export interface GuardCall {
  requestId: string;
  workspaceId: string;
}

export interface GuardBlock {
  pluginId: string;
  code: string;
  status: number;
  message: string;
  /** True when the block comes from a failing fail-closed guard rather than its verdict. */
  failure: boolean;
}

export interface GuardFailure {
  pluginId: string;
  hook: string;
  failMode: 'open' | 'closed';
  error: PorticoError;
}

export type GuardStage = 'request' | 'response';

export type GuardRunResult<T> =
  | { outcome: 'pass'; value: T; modifiedBy: string[]; failures: GuardFailure[] }
  | { outcome: 'block'; block: GuardBlock; failures: GuardFailure[] };

export const DEFAULT_GUARD_TIMEOUT_MS = 1000;
/** A fail-closed guard that breaks makes the gateway unable to serve the call safely. */
export const GUARD_FAILURE_STATUS = 503;

export interface ActiveGuard {
  binding: GuardBinding;
  registered: RegisteredGuard | undefined;
  context: GuardContext;
  failMode: 'open' | 'closed';
  timeoutMs: number;
}

/**
 * The config a binding saved without one hands its guard: one frozen object for every call, so a guard that keeps what it
 * derives from its config by the config object (guard-pii-redaction builds its detectors once per config) derives it once.
 */
const EMPTY_CONFIG: Readonly<Record<string, unknown>> = Object.freeze({});

/** Resolves bindings to loaded guards and orders them by priority, highest first. */
export function activateGuards(host: PluginHost, bindings: readonly GuardBinding[], call: GuardCall, logger: HostLogger): ActiveGuard[] {
  const active = bindings.map((binding) => {
    const registered = host.getGuard(binding.pluginId);
    const context: GuardContext = {
      requestId: call.requestId,
      workspaceId: call.workspaceId,
      config: binding.config ?? EMPTY_CONFIG,
      logger: scopedLogger(logger, { pluginId: binding.pluginId, requestId: call.requestId }),
      callState: {},
    };
    return {
      binding,
      registered,
      context,
      failMode: binding.failMode ?? 'closed',
      timeoutMs: binding.timeoutMs ?? DEFAULT_GUARD_TIMEOUT_MS,
    };
  });
  const priority = (guard: ActiveGuard) => guard.registered?.priority ?? Number.NEGATIVE_INFINITY;
  return active.sort((a, b) => priority(b) - priority(a));
}

function isValidStatus(status: unknown): boolean {
  return Number.isInteger(status) && (status as number) >= 400 && (status as number) <= 599;
}

/** Checks a verdict's shape; `hold` is only allowed where the caller says so. */
export function checkVerdict(verdict: unknown, allowHold: boolean): string | undefined {
  const value = verdict as { action?: unknown; value?: unknown; code?: unknown; status?: unknown; message?: unknown } | null;
  switch (value?.action) {
    case 'pass':
      return undefined;
    case 'modify':
      return value.value === undefined || value.value === null ? 'modify verdict without a value' : undefined;
    case 'block':
      if (typeof value.code !== 'string' || typeof value.message !== 'string' || !isValidStatus(value.status)) {
        return 'block verdict needs a string code, a string message and a 4xx/5xx status';
      }
      return undefined;
    case 'hold':
      return allowHold ? undefined : 'hold is only allowed on stream chunks';
    default:
      return `unknown verdict ${JSON.stringify(verdict)?.slice(0, 80)}`;
  }
}

/**
 * Calls one hook of one guard under its time budget and checks the verdict. A failure (throw,
 * timeout, malformed verdict, guard not loaded) comes back as `failure`, already counted and
 * logged by the host.
 */
export async function callGuardHook<V>(
  host: PluginHost,
  guard: ActiveGuard,
  hook: keyof Guard,
  call: (guard: Guard) => unknown,
  allowHold: boolean,
): Promise<{ verdict: V } | { skipped: true } | { failure: GuardFailure }> {
  const { pluginId } = guard.binding;
  const failure = (error: PorticoError) => ({ failure: { pluginId, hook, failMode: guard.failMode, error } });
  if (!guard.registered) {
    return failure(host.recordFailure(pluginId, hook, new Error('guard is bound but not loaded'), GUARD_FAILURE_STATUS));
  }
  const implementation = guard.registered.guard;
  if (typeof implementation[hook] !== 'function') return { skipped: true };
  try {
    const verdict = await host.invoke(pluginId, hook, () => call(implementation), {
      timeoutMs: guard.timeoutMs,
      status: GUARD_FAILURE_STATUS,
    });
    const problem = checkVerdict(verdict, allowHold);
    if (problem) return failure(host.recordFailure(pluginId, hook, new Error(problem), GUARD_FAILURE_STATUS));
    return { verdict: verdict as V };
  } catch (error) {
    if (error instanceof PorticoError && error.code === ErrorCode.PLUGIN_RUNTIME_FAILURE) return failure(error);
    throw error;
  }
}

export function blockFromFailure(failure: GuardFailure): GuardBlock {
  return {
    pluginId: failure.pluginId,
    code: ErrorCode.PLUGIN_RUNTIME_FAILURE,
    status: GUARD_FAILURE_STATUS,
    message: `guard "${failure.pluginId}" failed and is configured to fail closed`,
    failure: true,
  };
}

export function blockFromVerdict(pluginId: string, verdict: { code: string; status: number; message: string }): GuardBlock {
  return { pluginId, code: verdict.code, status: verdict.status, message: verdict.message, failure: false };
}

type StageValue<S extends GuardStage> = S extends 'request' ? ChatCompletionRequest : ChatCompletionResponse;

/**
 * Runs the bound guards over a request or a complete response, in priority order. Each guard sees
 * the value the previous one let through; the first block ends the run.
 */
export async function runGuards<S extends GuardStage>(
  host: PluginHost,
  stage: S,
  bindings: readonly GuardBinding[],
  call: GuardCall,
  value: StageValue<S>,
  logger: HostLogger,
): Promise<GuardRunResult<StageValue<S>>> {
  return runActiveGuards(host, stage, activateGuards(host, bindings, call, logger), value);
}

/** `runGuards` over guards already activated for the call (so their `callState` carries across hooks). */
export async function runActiveGuards<S extends GuardStage>(
  host: PluginHost,
  stage: S,
  active: readonly ActiveGuard[],
  value: StageValue<S>,
): Promise<GuardRunResult<StageValue<S>>> {
  const failures: GuardFailure[] = [];
  const modifiedBy: string[] = [];
  let current = value;
  const hook = stage === 'request' ? 'onRequest' : 'onResponse';
  for (const guard of active) {
    const result = await callGuardHook<GuardVerdict<StageValue<S>>>(
      host,
      guard,
      hook,
      (implementation) =>
        stage === 'request'
          ? implementation.onRequest?.(guard.context, current as ChatCompletionRequest)
          : implementation.onResponse?.(guard.context, current as ChatCompletionResponse),
      false,
    );
    if ('skipped' in result) continue;
    if ('failure' in result) {
      failures.push(result.failure);
      if (result.failure.failMode === 'closed') return { outcome: 'block', block: blockFromFailure(result.failure), failures };
      continue;
    }
    const verdict = result.verdict;
    if (verdict.action === 'block') return { outcome: 'block', block: blockFromVerdict(guard.binding.pluginId, verdict), failures };
    if (verdict.action === 'modify') {
      current = verdict.value;
      modifiedBy.push(guard.binding.pluginId);
    }
  }
  return { outcome: 'pass', value: current, modifiedBy, failures };
}

