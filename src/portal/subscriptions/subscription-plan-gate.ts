import type { ActualUsage } from '../../usage/enforcement/usage-gate';
import { periodEnd, periodKey } from '../../usage/enforcement/usage-policy';
import { formatReset, UsageRefusal } from '../../usage/enforcement/usage-refusal';
import type { ConsumeResult, CounterStore, LimitsLogger } from '../../usage/limits/counter-store';
import type { SubscriptionPlan } from '../subscription-check.contract';

export const PLAN_WINDOW_MS = 60_000;

/** Where settled plan spend goes to become durable (`PlanSpendLedger`). */
export interface PlanSpendSink {
  record(subscriptionId: string, period: string, nanoUsd: number): void;
}

export interface PlanAdmissionRequest {
  readonly subscriptionId: string;
  readonly plan: SubscriptionPlan | null;
  readonly at: Date;
  /** How long a budget reservation may be held before its holder is presumed dead. */
  readonly holdMs: number;
  /** The call's estimated cost in nano-USD; asked only when the plan has a budget. */
  readonly estimateNanoUsd: () => number;
}

export interface PlanAdmission {
  /** `x-ratelimit-*-requests` of the plan's window. */
  readonly headers: Readonly<Record<string, string>>;
  /** The call was refused after the plan admitted it (e.g. by the workspace's limits): it consumed nothing. */
  cancel(): Promise<void>;
  /** After the call: the request counts as made, the reservation becomes the actual cost. */
  settle(actual: ActualUsage | null): Promise<void>;
}

/** A plan's consumption now, for the subscription admin view. */
export interface PlanUsage {
  readonly period: string;
  readonly requestsLastMinute: number;
  readonly spentUsd: number;
  readonly reservedUsd: number;
  readonly remainingUsd: number | null;
}

const NOTHING: PlanAdmission = { headers: {}, cancel: () => Promise.resolve(), settle: () => Promise.resolve() };

/**
 * A subscription plan's requests per minute and monthly budget, enforced on the same counter store
 * as the workspace's limits (memory, or Redis shared by every replica): one atomic consume for the
 * request window, one reservation of the estimated cost against the month's budget, settled with
 * the actual cost after the call. Refusals are the usage gate's own (`UsageRefusal`: 429 with
 * `retry-after`; `budget_exceeded` for the budget), so every data-plane envelope renders them.
 */
export class SubscriptionPlanGate {
  constructor(
    private readonly store: CounterStore,
    private readonly ledger: PlanSpendSink,
    private readonly logger: LimitsLogger,
  ) {}

  async admit(request: PlanAdmissionRequest): Promise<PlanAdmission> {
    const { plan, subscriptionId } = request;
    if (!plan || (plan.requestsPerMinute === null && plan.monthlyBudgetUsd === null)) return NOTHING;
    const period = periodKey('month', request.at);
    const budgetKey = planBudgetKey(subscriptionId, period);
    const requestsKey = planRequestsKey(subscriptionId);
    const cost = plan.monthlyBudgetUsd === null ? 0 : Math.max(1, Math.round(request.estimateNanoUsd()));
    let window: ConsumeResult | undefined;
    let reservation: Awaited<ReturnType<CounterStore['reserve']>> | undefined;
    try {
      [window, reservation] = await Promise.all([
        plan.requestsPerMinute === null ? undefined : this.store.consume(requestsKey, 1, plan.requestsPerMinute, PLAN_WINDOW_MS),
        plan.monthlyBudgetUsd === null ? undefined : this.store.reserve(budgetKey, cost, usdToNano(plan.monthlyBudgetUsd), request.holdMs),
      ]);
    } catch (error) {
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'subscription plan limits could not be checked; the request is admitted unchecked');
      return NOTHING;
    }
    const headers = window ? requestHeaders(window) : {};
    const giveBackWindow = () => (window?.allowed ? this.store.adjust(requestsKey, -1, PLAN_WINDOW_MS, window.bucket) : Promise.resolve());
    const giveBackReservation = () => (reservation?.ok ? this.store.cancel(budgetKey, reservation.reservationId) : Promise.resolve());
    if (window && !window.allowed) {
      await giveBackReservation();
      throw new UsageRefusal('requests', `Plan '${plan.name}' of this subscription allows ${window.limit} requests per minute. Retry after ${formatReset(window.resetMs)}`, window.resetMs, headers);
    }
    if (reservation && !reservation.ok) {
      await giveBackWindow();
      const end = periodEnd('month', request.at)!;
      throw new UsageRefusal('budget', `Budget exceeded: plan '${plan.name}' of this subscription allows $${plan.monthlyBudgetUsd!.toFixed(2)} per month and cannot cover this request (estimated $${(cost / 1e9).toFixed(6)})`, end.getTime() - request.at.getTime(), headers);
    }
    let done = false;
    const once = (work: () => Promise<unknown>) => async () => {
      if (done) return;
      done = true;
      await work().catch((error: unknown) => this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'settling a subscription plan with the limits store failed'));
    };
    return {
      headers,
      cancel: once(() => Promise.all([giveBackWindow(), giveBackReservation()])),
      settle: (actual) =>
        once(async () => {
          if (!reservation?.ok) return;
          if (!actual) return this.store.cancel(budgetKey, reservation.reservationId);
          await this.store.settle(budgetKey, reservation.reservationId, actual.costNanoUsd);
          if (actual.costNanoUsd > 0) this.ledger.record(subscriptionId, period, actual.costNanoUsd);
        })(),
    };
  }

  /** What a subscription's plan has used: requests in the last minute, money this UTC month. */
  async usage(subscriptionId: string, plan: SubscriptionPlan, at = new Date()): Promise<PlanUsage> {
    const period = periodKey('month', at);
    const [requests, spent] = await Promise.all([this.store.windowUsage(planRequestsKey(subscriptionId), PLAN_WINDOW_MS), this.store.spent(planBudgetKey(subscriptionId, period))]);
    const remaining = plan.monthlyBudgetUsd === null ? null : Math.max(0, usdToNano(plan.monthlyBudgetUsd) - spent.settled - spent.reserved) / 1e9;
    return { period, requestsLastMinute: requests, spentUsd: spent.settled / 1e9, reservedUsd: spent.reserved / 1e9, remainingUsd: remaining };
  }

  /** Raises the live totals of this month to at least the durable ones (after a restart or a Redis loss). */
  async seed(spend: ReadonlyMap<string, number>, at = new Date()): Promise<void> {
    const period = periodKey('month', at);
    await Promise.all([...spend].map(([subscriptionId, nanoUsd]) => this.store.seed(planBudgetKey(subscriptionId, period), nanoUsd)));
  }
}

/** The tighter of two sets of `x-ratelimit-*-requests` headers (the one with fewer requests left). */
export function tighterRequestHeaders(gate: Readonly<Record<string, string>>, plan: Readonly<Record<string, string>>): Record<string, string> {
  const remaining = (headers: Readonly<Record<string, string>>) => Number(headers['x-ratelimit-remaining-requests'] ?? Infinity);
  return remaining(plan) < remaining(gate) ? { ...gate, ...plan } : { ...gate };
}

export function planRequestsKey(subscriptionId: string): string {
  return `sp:r:${subscriptionId}`;
}

export function planBudgetKey(subscriptionId: string, period: string): string {
  return `sp:b:${subscriptionId}:${period}`;
}

function usdToNano(usd: number): number {
  return Math.round(usd * 1e9);
}

function requestHeaders(window: ConsumeResult): Record<string, string> {
  return {
    'x-ratelimit-limit-requests': String(window.limit),
    'x-ratelimit-remaining-requests': String(window.remaining),
    'x-ratelimit-reset-requests': formatReset(window.resetMs),
  };
}
