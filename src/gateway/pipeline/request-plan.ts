import type { ApiKeyRecord } from '../../auth/api-keys/api-key-registry';
import { ErrorCode, PorticoError } from '../../common/errors';
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

/** What every answer tells about its journey: the target used, the attempts made, Portico's own time. */
export function outcomeHeaders(outcome: ExecutionOutcome<unknown>, startedAt: number, clock: UpstreamClock): Record<string, string> {
  const headers: Record<string, string> = {
    'x-portico-attempts': String(outcome.attempts.length),
    'x-portico-overhead-ms': Math.max(0, performance.now() - startedAt - clock.upstreamMs).toFixed(2),
  };
  if (outcome.ok) headers['x-portico-target'] = outcome.target.displayName;
  return headers;
}

export function cacheHitHeaders(target: string, startedAt: number): Record<string, string> {
  return {
    'x-portico-cache': 'hit',
    'x-portico-target': target,
    'x-portico-attempts': '0',
    'x-portico-overhead-ms': (performance.now() - startedAt).toFixed(2),
  };
}
