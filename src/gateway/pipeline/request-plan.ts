import type { ApiKeyRecord } from '../../auth/api-keys/api-key-registry';
import { ErrorCode, PorticoError } from '../../common/errors';
import type { Admission, PlanLimits, UsageGate } from '../../usage/enforcement/usage-gate';
import type { DataPlaneAuthenticator } from '../data-plane-authenticator';
import type { UpstreamClock } from './dispatcher';
import type { ExecutionOutcome, Planner, RoutePlan } from './ports';

/**
 * The model a request names is a route alias (`chat-default`) or a direct `<account>/<model>`:
 * check the key may use it, then plan it. Unknown names answer 404 `model_not_found`.
 */
export function resolvePlan(deps: { authenticator: DataPlaneAuthenticator; planner: Planner }, key: ApiKeyRecord, model: string): RoutePlan {
  deps.authenticator.authorize(key, model.includes('/') ? { kind: 'model', name: model } : { kind: 'route', name: model });
  const plan = deps.planner.plan(key.workspaceId, model);
  if (!plan || plan.targets.length === 0) {
    throw new PorticoError(ErrorCode.NOT_FOUND, `The model '${model}' does not exist or is not available to this key`, {
      status: 404,
      details: { param: 'model' },
    });
  }
  return plan;
}

/** Margin over the request's deadline before a held slot or reservation is presumed dead. */
const HOLD_MARGIN_MS = 60_000;

/** Asks the usage gate before a call (rate limits, concurrency, budget reservation, a subscription plan's limits); throws `UsageRefusal`. */
export function admitChat<T extends { model: string }>(
  gate: UsageGate,
  key: ApiKeyRecord,
  request: T,
  plan: RoutePlan,
  at: Date,
  estimate: (request: T) => { promptTokens: number; maxOutputTokens: number | null },
  /** A call of an API product: priced in the product's workspace, and under the subscription's plan if it has limits. */
  api?: { readonly pricedIn: string; readonly plan: PlanLimits | undefined },
): Promise<Admission> {
  return gate.admit({
    key,
    model: request.model,
    route: plan.alias ?? null,
    targets: plan.targets,
    estimate: () => estimate(request),
    at,
    holdMs: plan.policy.timeouts.totalMs + HOLD_MARGIN_MS,
    pricedIn: api?.pricedIn,
    plan: api?.plan,
  });
}

/** What every answer tells about its journey: the target used, the attempts made, Portico's own time. */
export function outcomeHeaders(outcome: ExecutionOutcome<unknown>, startedAt: number, clock: UpstreamClock): Record<string, string> {
  const headers: Record<string, string> = {
    'x-portico-attempts': String(outcome.attempts.length),
    'x-portico-overhead-ms': Math.max(0, performance.now() - startedAt - clock.upstreamMs).toFixed(2),
  };
  if (outcome.ok) headers['x-portico-target'] = headerSafe(outcome.target.displayName);
  return headers;
}

/**
 * A target's name comes from the caller's `model` for pass-through accounts, so it may hold any
 * character; a header value may not (Node refuses the whole answer). Printable ASCII stays as is,
 * everything else (and `%`) is percent-encoded as UTF-8.
 */
export function headerSafe(value: string): string {
  return /^[\x20-\x24\x26-\x7e]*$/.test(value) ? value : value.replace(/[^\x20-\x24\x26-\x7e]/gu, (char) => [...Buffer.from(char, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
}

export function cacheHitHeaders(target: string, startedAt: number): Record<string, string> {
  return {
    'x-portico-cache': 'hit',
    'x-portico-target': headerSafe(target),
    'x-portico-attempts': '0',
    'x-portico-overhead-ms': (performance.now() - startedAt).toFixed(2),
  };
}
