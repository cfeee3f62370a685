import type { ProviderError, ProviderErrorClass } from '../../../plugin-sdk/index.js';
import type { LiveProviderAccount } from '../../../providers/provider-account-snapshot';
import type { Clock } from '../clock';
import { DEFAULT_RESILIENCE_POLICY, type ResiliencePolicy } from '../resilience-policy';
import type { AttemptContext, AttemptResult, AttemptTarget, RoutePlan } from '../route-plan';

export function account(name: string, credentials: string[] = [], overrides: Partial<LiveProviderAccount> = {}): LiveProviderAccount {
  return {
    id: `id-${name}`,
    workspaceId: 'ws-1',
    name,
    pluginId: 'provider-mock',
    baseUrl: null,
    ...(credentials[0] !== undefined && { credential: credentials[0] }),
    credentials,
    config: {},
    ...overrides,
  };
}

export function target(name: string, options: Partial<Omit<AttemptTarget, 'account'>> & { credentials?: string[] } = {}): AttemptTarget {
  const { credentials, ...rest } = options;
  const owner = account(name, credentials);
  const model = rest.model ?? 'm';
  return { key: `${owner.id}:${model}`, account: owner, model, displayName: `${name}/${model}`, weight: 1, priority: 0, ...rest };
}

export function plan(targets: AttemptTarget[], policy: Partial<ResiliencePolicy> = {}): RoutePlan {
  return { targets, policy: { ...DEFAULT_RESILIENCE_POLICY, backoffBaseMs: 100, backoffMaxMs: 1_000, ...policy }, cacheTtlSeconds: null };
}

export function providerError(errorClass: ProviderErrorClass, status: number, extra: Partial<ProviderError> = {}): ProviderError {
  return { class: errorClass, status, message: `${errorClass} failure`, ...extra };
}

/** Time that moves only when someone sleeps (or the spec advances it). */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];

  constructor(public time = 1_000_000) {}

  now(): number {
    return this.time;
  }

  async sleep(ms: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    this.sleeps.push(ms);
    this.time += ms;
  }

  advance(ms: number): void {
    this.time += ms;
  }
}

type Scripted = AttemptResult<string> | ((context: AttemptContext) => AttemptResult<string> | Promise<AttemptResult<string>>);

/**
 * An attempt function answering from a script per display name (in order; the last answer
 * repeats), recording every call.
 */
export function scriptedAttempts(script: Record<string, Scripted[]>, clock?: FakeClock, latencyMs = 0) {
  const calls: Array<{ target: string; credential: string | undefined; attemptNumber: number }> = [];
  const cursors = new Map<string, number>();
  const attempt = async (context: AttemptContext): Promise<AttemptResult<string>> => {
    const name = context.target.displayName;
    calls.push({ target: name, credential: context.credential, attemptNumber: context.attemptNumber });
    const answers = script[name] ?? [ok(`from ${name}`)];
    const index = cursors.get(name) ?? 0;
    cursors.set(name, index + 1);
    const answer = answers[Math.min(index, answers.length - 1)];
    clock?.advance(latencyMs);
    return typeof answer === 'function' ? answer(context) : answer;
  };
  return { attempt, calls };
}

export const ok = (value: string): AttemptResult<string> => ({ ok: true, value });
export const failed = (error: ProviderError): AttemptResult<string> => ({ ok: false, error });
