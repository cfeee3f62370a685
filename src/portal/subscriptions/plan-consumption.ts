import { RATE_WINDOW_MS, type PlanLimits, type SpendLedger } from '../../usage/enforcement/usage-gate';
import { periodKey, planBudgetKey, planRequestsKey } from '../../usage/enforcement/usage-policy';
import type { CounterStore } from '../../usage/limits/counter-store';
import type { SubscriptionPlan } from '../subscription-check.contract';

/** A plan's consumption now, for the subscription admin view. */
export interface PlanUsage {
  readonly period: string;
  readonly requestsLastMinute: number;
  readonly spentUsd: number;
  readonly reservedUsd: number;
  readonly remainingUsd: number | null;
}

/**
 * The limits of a subscription's plan for one call, to join the call's admission by the usage gate
 * (which enforces them with the workspace's own, all or nothing, and prices the budget's reservation
 * like the workspace's); undefined when the plan limits nothing, or without a ledger (plans not enforced).
 */
export function planLimitsOf(subscriptionId: string, plan: SubscriptionPlan | null, ledger: SpendLedger | null): PlanLimits | undefined {
  if (!ledger || !plan || (plan.requestsPerMinute === null && plan.monthlyBudgetUsd === null)) return undefined;
  return {
    subscriptionId,
    name: plan.name,
    requestsPerMinute: plan.requestsPerMinute,
    monthlyBudgetNanoUsd: plan.monthlyBudgetUsd === null ? null : usdToNano(plan.monthlyBudgetUsd),
    ledger,
  };
}

/**
 * What subscriptions' plans have used, read from the counter store the usage gate counts them in
 * (memory, or Redis shared by every replica), and the durable spend put back into it after a start.
 */
export class PlanConsumption {
  constructor(private readonly store: CounterStore) {}

  /** What a subscription's plan has used: requests in the last minute, money this UTC month. */
  async usage(subscriptionId: string, plan: SubscriptionPlan, at = new Date()): Promise<PlanUsage> {
    const period = periodKey('month', at);
    const [requests, spent] = await Promise.all([this.store.windowUsage(planRequestsKey(subscriptionId), RATE_WINDOW_MS), this.store.spent(planBudgetKey(subscriptionId, period))]);
    const remaining = plan.monthlyBudgetUsd === null ? null : Math.max(0, usdToNano(plan.monthlyBudgetUsd) - spent.settled - spent.reserved) / 1e9;
    return { period, requestsLastMinute: requests, spentUsd: spent.settled / 1e9, reservedUsd: spent.reserved / 1e9, remainingUsd: remaining };
  }

  /** Raises the live totals of this month to at least the durable ones (after a restart or a Redis loss). */
  async seed(spend: ReadonlyMap<string, number>, at = new Date()): Promise<void> {
    const period = periodKey('month', at);
    await Promise.all([...spend].map(([subscriptionId, nanoUsd]) => this.store.seed(planBudgetKey(subscriptionId, period), nanoUsd)));
  }
}

function usdToNano(usd: number): number {
  return Math.round(usd * 1e9);
}
