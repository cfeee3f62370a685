/**
 * Rate limits and budgets as the data plane reads them from memory (`UsagePolicySnapshot`).
 * The admin API stores them in `rate_limits` and `budgets`; these are their frozen, validated forms.
 */

/**
 * One rate-limit rule of a workspace. It applies to a request when every `match` field that is set
 * equals the request's; `per` splits its counter by key, route or model (unset: one shared counter
 * for every matching request). So "60 req/min for each key", "10 000 tokens/min on route
 * chat-default", "5 concurrent requests for key X on model openai/gpt-4o" are all one rule each.
 */
export interface RateLimitRule {
  readonly id: string;
  readonly workspaceId: string;
  readonly name: string;
  readonly match: {
    readonly apiKeyId: string | null;
    /** A route alias. */
    readonly route: string | null;
    /** The model string as the caller sends it: `<account>/<model>` or a route alias. */
    readonly model: string | null;
  };
  readonly per: { readonly key: boolean; readonly route: boolean; readonly model: boolean };
  readonly requestsPerMinute: number | null;
  readonly tokensPerMinute: number | null;
  readonly concurrentRequests: number | null;
}

export const BUDGET_SCOPES = ['workspace', 'service_account', 'user', 'api_key'] as const;
export type BudgetScope = (typeof BUDGET_SCOPES)[number];

export const BUDGET_PERIODS = ['day', 'month', 'total'] as const;
export type BudgetPeriod = (typeof BUDGET_PERIODS)[number];

/** A spending cap in USD (held as integer nano-USD) per UTC day, UTC month or in total. */
export interface BudgetRule {
  readonly id: string;
  readonly workspaceId: string;
  /** `service_account` is a team or app; `user` a person; both through the keys they own. */
  readonly scope: BudgetScope;
  /** The service account, user or API key id; null for `workspace`. */
  readonly scopeId: string | null;
  readonly period: BudgetPeriod;
  readonly limitNanoUsd: number;
  /** Percentages (1–100) at which a `budget.threshold_reached` webhook fires once per period. */
  readonly alertThresholds: readonly number[];
}

/** The counter key part of a period: `2026-11-22`, `2026-11` or `total` (UTC). */
export function periodKey(period: BudgetPeriod, at: Date): string {
  if (period === 'total') return 'total';
  // Every admitted request asks: remember the last UTC day rather than format a date each time.
  const day = Math.floor(at.getTime() / DAY_MS);
  if (day !== lastDay.number) {
    const iso = at.toISOString();
    lastDay.number = day;
    lastDay.day = iso.slice(0, 10);
    lastDay.month = iso.slice(0, 7);
  }
  return period === 'day' ? lastDay.day : lastDay.month;
}

const DAY_MS = 86_400_000;
const lastDay = { number: Number.NaN, day: '', month: '' };

/** When the period containing `at` ends (UTC); null for `total`. */
export function periodEnd(period: BudgetPeriod, at: Date): Date | null {
  if (period === 'total') return null;
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth();
  return period === 'day' ? new Date(Date.UTC(y, m, at.getUTCDate() + 1)) : new Date(Date.UTC(y, m + 1, 1));
}

/** The counter-store key of a budget in one period. */
export function budgetCounterKey(budgetId: string, period: string): string {
  return `b:${budgetId}:${period}`;
}

/** The counter-store key of a subscription plan's request window. */
export function planRequestsKey(subscriptionId: string): string {
  return `sp:r:${subscriptionId}`;
}

/** The counter-store key of a subscription plan's budget in one month. */
export function planBudgetKey(subscriptionId: string, period: string): string {
  return `sp:b:${subscriptionId}:${period}`;
}
