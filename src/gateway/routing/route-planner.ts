import type { LiveProviderAccount } from '../../providers/provider-account-snapshot';
import type { LatencyTracker } from './latency-tracker';
import { DEFAULT_RESILIENCE_POLICY } from './resilience-policy';
import type { AttemptTarget, PlanHints, RoutePlan } from './route-plan';
import type { LiveRoute, LiveRouteTarget } from './route-snapshot';
import { demoteTooSmall, ROUTING_STRATEGY_IMPLEMENTATIONS, type RoutingStrategy } from './routing-strategies';
import type { RoutingStrategyName } from './resilience-policy';

/** The enabled accounts of a workspace (`ProviderAccountSnapshot`; a stub in unit specs). */
export interface AccountLookup {
  get(workspaceId: string, name: string): LiveProviderAccount | undefined;
  getById(workspaceId: string, id: string): LiveProviderAccount | undefined;
}

/** The enabled routes of a workspace (`RouteSnapshot`; a stub in unit specs). */
export interface RouteLookup {
  get(workspaceId: string, alias: string): LiveRoute | undefined;
}

export interface RoutePlannerOptions {
  random?: () => number;
  strategies?: Readonly<Record<RoutingStrategyName, RoutingStrategy>>;
}

/**
 * Turns the `model` of a request into a plan, from memory only: a route alias (no `/`) gives
 * its live targets ordered by the route's strategy; `<account>/<model>` gives that one target
 * with the default policy. Unknown names (and disabled routes or accounts) plan to null.
 */
export class RoutePlanner {
  private readonly random: () => number;
  private readonly strategies: Readonly<Record<RoutingStrategyName, RoutingStrategy>>;

  constructor(
    private readonly routes: RouteLookup,
    private readonly accounts: AccountLookup,
    private readonly latency: LatencyTracker,
    options: RoutePlannerOptions = {},
  ) {
    this.random = options.random ?? Math.random;
    this.strategies = options.strategies ?? ROUTING_STRATEGY_IMPLEMENTATIONS;
  }

  plan(workspaceId: string, model: string, hints: PlanHints = {}): RoutePlan | null {
    const slash = model.indexOf('/');
    return slash < 0 ? this.planRoute(workspaceId, model, hints) : this.planDirect(workspaceId, model.slice(0, slash), model.slice(slash + 1));
  }

  /**
   * A route whose every target's account is disabled plans to zero targets (the executor answers
   * 503), so the caller can tell "unknown model" (null) from "nothing available right now".
   */
  private planRoute(workspaceId: string, alias: string, hints: PlanHints): RoutePlan | null {
    const route = this.routes.get(workspaceId, alias);
    if (!route) return null;
    const live = route.targets.flatMap((target) => {
      const account = this.accounts.getById(workspaceId, target.providerAccountId);
      return account ? [attemptTarget(account, target)] : [];
    });
    const ordered = this.strategies[route.strategy].order(live, { hints, latency: this.latency, random: this.random });
    return Object.freeze({
      alias: route.alias,
      targets: Object.freeze(demoteTooSmall(ordered, hints.promptTokens)),
      policy: route.policy,
      cacheTtlSeconds: route.cacheTtlSeconds,
    });
  }

  private planDirect(workspaceId: string, accountName: string, model: string): RoutePlan | null {
    const account = this.accounts.get(workspaceId, accountName);
    if (!account || model.length === 0) return null;
    return Object.freeze({
      targets: Object.freeze([attemptTarget(account, { model, weight: 1, priority: 0 })]),
      policy: DEFAULT_RESILIENCE_POLICY,
      cacheTtlSeconds: null,
    });
  }
}

function attemptTarget(account: LiveProviderAccount, target: Omit<LiveRouteTarget, 'providerAccountId'>): AttemptTarget {
  return Object.freeze({
    key: `${account.id}:${target.model}`,
    account,
    model: target.model,
    displayName: `${account.name}/${target.model}`,
    weight: target.weight,
    priority: target.priority,
    ...(target.contextWindow !== undefined && { contextWindow: target.contextWindow }),
    ...(target.inputPricePerMTok !== undefined && { inputPricePerMTok: target.inputPricePerMTok }),
    ...(target.outputPricePerMTok !== undefined && { outputPricePerMTok: target.outputPricePerMTok }),
  });
}
