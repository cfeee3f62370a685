import type { ApiKeyRecord } from '../../auth/api-keys/api-key-registry';
import type { CounterStore, ConsumeResult, LimitsLogger } from '../limits/counter-store';
import { costOf, type Price } from '../prices/price';
import { budgetCounterKey, periodEnd, periodKey, type BudgetRule, type RateLimitRule } from './usage-policy';
import { formatReset, UsageRefusal } from './usage-refusal';

export const RATE_WINDOW_MS = 60_000;
/** Output tokens a reservation assumes when the request sets no `max_tokens`. */
export const DEFAULT_RESERVED_OUTPUT_TOKENS = 1024;

/** What the gate reads from memory: the rules of a workspace (the snapshot of the admin tables). */
export interface UsagePolicies {
  rateLimits(workspaceId: string): readonly RateLimitRule[];
  budgets(workspaceId: string): readonly BudgetRule[];
}

export interface Pricer {
  priceAt(workspaceId: string, pluginId: string, model: string, at?: Date): Price | undefined;
}

/** Durable record of settled spend, written off the request path (`BudgetLedger`). */
export interface SpendLedger {
  record(budgetId: string, period: string, nanoUsd: number): void;
}

/** Where a request may go and how large it may get, for estimates. */
export interface AdmissionRequest {
  readonly key: ApiKeyRecord;
  /** As the caller sent it: a route alias or `<account>/<model>`. */
  readonly model: string;
  readonly route: string | null;
  /** The plan's candidate targets: a reservation covers the most expensive one. */
  readonly targets: readonly { readonly account: { readonly pluginId: string }; readonly model: string }[];
  /** Called only when a token limit or a budget applies (counting a prompt is not free). */
  readonly estimate: () => { promptTokens: number; maxOutputTokens: number | null };
  readonly at: Date;
  /** How long a lease or reservation may be held before it is presumed dead. */
  readonly holdMs: number;
}

/** What the call actually used, known once it ended; null when it failed before using anything. */
export interface ActualUsage {
  readonly tokens: number;
  readonly costNanoUsd: number;
}

export interface Admission {
  /** `x-ratelimit-*` headers for the response. */
  readonly headers: Readonly<Record<string, string>>;
  /** Settles once: corrects token windows, frees concurrency slots, turns reservations into spend. */
  settle(actual: ActualUsage | null): Promise<void>;
}

const NOTHING_APPLIES: Admission = { headers: {}, settle: () => Promise.resolve() };

interface Hold {
  kind: 'requests' | 'tokens' | 'lease' | 'reservation';
  key: string;
  id: string;
  amount: number;
  /** Rate windows: the bucket the amount was counted in. */
  bucket?: number;
  budget?: BudgetRule;
  period?: string;
}

/**
 * Admission control before a call, settlement after it: requests/min, tokens/min, concurrency and
 * budgets, all as atomic operations on the counter store (memory, or Redis shared by replicas).
 * Every check of one request runs concurrently; if any refuses, everything the others took is
 * given back, so a refused request consumes nothing. Budgets are reserved with an estimate
 * (prompt tokens + max output tokens at the most expensive candidate's price) and settled with the
 * actual cost, so concurrent requests cannot overspend. No database, no call-log query.
 */
export class UsageGate {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly policies: UsagePolicies,
    private readonly store: CounterStore,
    private readonly prices: Pricer,
    private readonly ledger: SpendLedger,
    private readonly logger: LimitsLogger,
  ) {}

  async admit(request: AdmissionRequest): Promise<Admission> {
    const workspaceId = request.key.workspaceId;
    const rules = this.policies.rateLimits(workspaceId).filter((rule) => matches(rule, request));
    const budgets = this.policies.budgets(workspaceId).filter((budget) => appliesTo(budget, request.key));
    if (rules.length === 0 && budgets.length === 0) return NOTHING_APPLIES;
    const needsEstimate = budgets.length > 0 || rules.some((rule) => rule.tokensPerMinute !== null);
    const estimate = needsEstimate ? request.estimate() : { promptTokens: 0, maxOutputTokens: 0 };
    const tokens = estimate.promptTokens + (estimate.maxOutputTokens ?? DEFAULT_RESERVED_OUTPUT_TOKENS);
    const cost = budgets.length > 0 ? this.estimateCost(request, estimate.promptTokens, estimate.maxOutputTokens) : 0;

    const checks: Promise<Check>[] = [];
    for (const rule of rules) {
      const dims = counterDims(rule, request);
      if (rule.requestsPerMinute !== null) checks.push(this.consume('requests', `r:${rule.id}${dims}`, 1, rule.requestsPerMinute, rule));
      if (rule.tokensPerMinute !== null) checks.push(this.consume('tokens', `t:${rule.id}${dims}`, tokens, rule.tokensPerMinute, rule));
      if (rule.concurrentRequests !== null) checks.push(this.acquire(`c:${rule.id}${dims}`, rule.concurrentRequests, request.holdMs, rule));
    }
    for (const budget of budgets) checks.push(this.reserve(budget, cost, request));

    let results: Check[];
    try {
      results = await Promise.all(checks);
    } catch (error) {
      // The store failed in a way the degrading store could not absorb: serve rather than refuse.
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'limits could not be checked; the request is admitted unchecked');
      return NOTHING_APPLIES;
    }
    const headers = rateLimitHeaders(results);
    const refused = results.find((result): result is Refused => !result.ok);
    if (refused) {
      await this.rollBack(results.flatMap((result) => (result.ok && result.hold ? [result.hold] : [])));
      throw new UsageRefusal(refused.kind, refused.message, refused.retryAfterMs, headers);
    }
    const holds = results.flatMap((result) => (result.ok && result.hold ? [result.hold] : []));
    let settled = false;
    return {
      headers,
      settle: (actual) => {
        if (settled) return Promise.resolve();
        settled = true;
        return this.track(this.giveBack(holds, actual));
      },
    };
  }

  /** Resolves when every settlement in flight has finished (shutdown waits for it before closing the store). */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private track(work: Promise<void>): Promise<void> {
    const tracked = work.catch((error: unknown) => {
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'settling a request with the limits store failed');
    });
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
    return tracked;
  }

  /** A refused request consumes nothing: undo what the other checks took. */
  private async rollBack(holds: readonly Hold[]): Promise<void> {
    await Promise.all(
      holds.map((hold) => {
        if (hold.kind === 'lease') return this.store.release(hold.key, hold.id);
        if (hold.kind === 'reservation') return this.store.cancel(hold.key, hold.id);
        return this.store.adjust(hold.key, -hold.amount, RATE_WINDOW_MS, hold.bucket);
      }),
    );
  }

  /** After the call: a request counts as made; tokens, slots and money as actually used (`null`: nothing). */
  private async giveBack(holds: readonly Hold[], actual: ActualUsage | null): Promise<void> {
    await Promise.all(
      holds.map(async (hold) => {
        if (hold.kind === 'requests') return;
        if (hold.kind === 'lease') return this.store.release(hold.key, hold.id);
        if (hold.kind === 'tokens') return this.store.adjust(hold.key, (actual?.tokens ?? 0) - hold.amount, RATE_WINDOW_MS, hold.bucket);
        if (!actual) return this.store.cancel(hold.key, hold.id);
        await this.store.settle(hold.key, hold.id, actual.costNanoUsd);
        if (actual.costNanoUsd > 0) this.ledger.record(hold.budget!.id, hold.period!, actual.costNanoUsd);
      }),
    );
  }

  private async consume(kind: 'requests' | 'tokens', key: string, amount: number, limit: number, rule: RateLimitRule): Promise<Check> {
    const result = await this.store.consume(key, amount, limit, RATE_WINDOW_MS);
    if (result.allowed) return { ok: true, kind, result, hold: { kind, key, id: '', amount, bucket: result.bucket } };
    const message =
      amount > limit
        ? `This request needs about ${amount} tokens, more than the ${limit} tokens per minute the rate limit '${rule.name}' allows; lower max_tokens or the prompt`
        : `Rate limit '${rule.name}' reached: ${limit} ${kind} per minute. Retry after ${formatReset(result.resetMs)}`;
    return { ok: false, kind, result, message, retryAfterMs: result.resetMs };
  }

  private async acquire(key: string, limit: number, holdMs: number, rule: RateLimitRule): Promise<Check> {
    const lease = await this.store.acquire(key, limit, holdMs);
    if (lease) return { ok: true, kind: 'concurrency', hold: { kind: 'lease', key, id: lease.leaseId, amount: 1 } };
    return { ok: false, kind: 'concurrency', message: `Concurrency limit '${rule.name}' reached: ${limit} requests at a time`, retryAfterMs: 1000 };
  }

  private async reserve(budget: BudgetRule, cost: number, request: AdmissionRequest): Promise<Check> {
    const period = periodKey(budget.period, request.at);
    const key = budgetCounterKey(budget.id, period);
    // At least one nano-dollar, so an exhausted budget refuses even calls it cannot price.
    const reservation = await this.store.reserve(key, Math.max(1, cost), budget.limitNanoUsd, request.holdMs);
    if (reservation.ok) return { ok: true, kind: 'budget', hold: { kind: 'reservation', key, id: reservation.reservationId, amount: cost, budget, period } };
    const end = periodEnd(budget.period, request.at);
    const usd = (budget.limitNanoUsd / 1e9).toFixed(2);
    const scope = budget.scope === 'workspace' ? 'workspace' : budget.scope.replace('_', ' ');
    const when = budget.period === 'total' ? 'total' : `per ${budget.period}`;
    return {
      ok: false,
      kind: 'budget',
      message: `Budget exceeded: the ${scope} budget of $${usd} ${when} cannot cover this request (estimated $${(cost / 1e9).toFixed(6)})`,
      retryAfterMs: end ? end.getTime() - request.at.getTime() : null,
    };
  }

  private estimateCost(request: AdmissionRequest, promptTokens: number, maxOutputTokens: number | null): number {
    const completion = maxOutputTokens ?? DEFAULT_RESERVED_OUTPUT_TOKENS;
    let highest = 0;
    for (const target of request.targets) {
      const price = this.prices.priceAt(request.key.workspaceId, target.account.pluginId, target.model, request.at);
      if (!price) continue;
      const cost = costOf({ prompt_tokens: promptTokens, completion_tokens: completion, total_tokens: promptTokens + completion }, price).nanoUsd;
      if (cost > highest) highest = cost;
    }
    return highest;
  }
}

type Granted = { ok: true; kind: 'requests' | 'tokens' | 'concurrency' | 'budget'; result?: ConsumeResult; hold?: Hold };
type Refused = { ok: false; kind: 'requests' | 'tokens' | 'concurrency' | 'budget'; result?: ConsumeResult; message: string; retryAfterMs: number | null };
type Check = Granted | Refused;

function matches(rule: RateLimitRule, request: AdmissionRequest): boolean {
  const { match } = rule;
  return (
    (match.apiKeyId === null || match.apiKeyId === request.key.id) &&
    (match.route === null || match.route === request.route) &&
    (match.model === null || match.model === request.model)
  );
}

function counterDims(rule: RateLimitRule, request: AdmissionRequest): string {
  let dims = '';
  if (rule.per.key) dims += `:k=${request.key.id}`;
  if (rule.per.route) dims += `:r=${request.route ?? ''}`;
  if (rule.per.model) dims += `:m=${request.model}`;
  return dims;
}

function appliesTo(budget: BudgetRule, key: ApiKeyRecord): boolean {
  switch (budget.scope) {
    case 'workspace':
      return true;
    case 'api_key':
      return budget.scopeId === key.id;
    case 'service_account':
      return key.ownerType === 'service_account' && budget.scopeId === key.ownerId;
    case 'user':
      return key.ownerType === 'user' && budget.scopeId === key.ownerId;
  }
}

/** OpenAI-style headers from the tightest request and token windows this request was checked against. */
function rateLimitHeaders(results: readonly Check[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const kind of ['requests', 'tokens'] as const) {
    let tightest: ConsumeResult | undefined;
    for (const check of results) {
      if (check.kind !== kind || !check.result) continue;
      if (!tightest || check.result.remaining < tightest.remaining) tightest = check.result;
    }
    if (!tightest) continue;
    headers[`x-ratelimit-limit-${kind}`] = String(tightest.limit);
    headers[`x-ratelimit-remaining-${kind}`] = String(tightest.remaining);
    headers[`x-ratelimit-reset-${kind}`] = formatReset(tightest.resetMs);
  }
  return headers;
}
