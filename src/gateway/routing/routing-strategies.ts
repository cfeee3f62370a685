import type { LatencyTracker } from './latency-tracker';
import type { RoutingStrategyName } from './resilience-policy';
import type { AttemptTarget, PlanHints } from './route-plan';

export interface StrategyContext {
  readonly hints: PlanHints;
  readonly latency: LatencyTracker;
  /** Uniform in [0, 1). */
  readonly random: () => number;
}

/** Orders a route's live targets for one request; the executor tries them in that order. */
export interface RoutingStrategy {
  order(targets: readonly AttemptTarget[], context: StrategyContext): AttemptTarget[];
}

/** Prompt tokens assumed by `lowest_cost` when the caller gives no estimate. */
export const DEFAULT_COST_PROMPT_TOKENS = 1_000;
/** Completion tokens assumed by `lowest_cost` when the caller gives no estimate. */
export const DEFAULT_COST_OUTPUT_TOKENS = 500;

/** Ascending priority; targets keep the admin's order within one priority. */
const byPriority = (a: AttemptTarget, b: AttemptTarget) => a.priority - b.priority;

export const priorityStrategy: RoutingStrategy = {
  order: (targets) => [...targets].sort(byPriority),
};

/** A weighted random order without replacement: the first pick is proportional to weight, then the next among the rest. */
export const weightedStrategy: RoutingStrategy = {
  order(targets, { random }) {
    const pool = [...targets];
    const ordered: AttemptTarget[] = [];
    while (pool.length > 0) {
      const total = pool.reduce((sum, target) => sum + target.weight, 0);
      let point = random() * total;
      let index = pool.findIndex((target) => (point -= target.weight) < 0);
      if (index < 0) index = pool.length - 1;
      ordered.push(...pool.splice(index, 1));
    }
    return ordered;
  },
};

/** Targets never measured first (so they get measured), by priority; then fastest EWMA first. */
export const leastLatencyStrategy: RoutingStrategy = {
  order(targets, { latency }) {
    const estimate = (target: AttemptTarget) => latency.estimate(target.key) ?? -1;
    return [...targets].sort((a, b) => estimate(a) - estimate(b) || byPriority(a, b));
  },
};

/** Cheapest estimated cost first (prices per 1M tokens × token estimates); targets without both prices last, by priority. */
export const lowestCostStrategy: RoutingStrategy = {
  order(targets, { hints }) {
    const prompt = hints.promptTokens ?? DEFAULT_COST_PROMPT_TOKENS;
    const output = hints.outputTokens ?? DEFAULT_COST_OUTPUT_TOKENS;
    const cost = (target: AttemptTarget) =>
      target.inputPricePerMTok === undefined || target.outputPricePerMTok === undefined
        ? Number.POSITIVE_INFINITY
        : (prompt * target.inputPricePerMTok + output * target.outputPricePerMTok) / 1_000_000;
    return [...targets].sort((a, b) => compare(cost(a), cost(b)) || byPriority(a, b));
  },
};

export const ROUTING_STRATEGY_IMPLEMENTATIONS: Readonly<Record<RoutingStrategyName, RoutingStrategy>> = Object.freeze({
  priority: priorityStrategy,
  weighted: weightedStrategy,
  least_latency: leastLatencyStrategy,
  lowest_cost: lowestCostStrategy,
});

/**
 * Whatever the strategy, a target whose known context window is smaller than the prompt goes
 * last: it would only answer `context_length`. Stable, so the strategy's order holds otherwise.
 */
export function demoteTooSmall(targets: AttemptTarget[], promptTokens: number | undefined): AttemptTarget[] {
  if (promptTokens === undefined) return targets;
  const fits = (target: AttemptTarget) => target.contextWindow === undefined || target.contextWindow >= promptTokens;
  return [...targets.filter(fits), ...targets.filter((target) => !fits(target))];
}

function compare(a: number, b: number): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
