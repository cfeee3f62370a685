import type { ApiKeyRecord } from '../../auth/api-keys/api-key-registry';
import { isSynchronous, type ConsumeResult, type CounterStore, type LimitsLogger, type SynchronousCounterStore } from '../limits/counter-store';
import { costOf, type Price } from '../prices/price';
import { budgetCounterKey, periodEnd, periodKey, planBudgetKey, planRequestsKey, type BudgetPeriod, type BudgetRule, type RateLimitRule } from './usage-policy';
import { formatReset, UsageRefusal, type RefusalKind } from './usage-refusal';

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

/** Durable record of settled spend, written off the request path (`BudgetLedger`, the plans' `PlanSpendLedger`). */
export interface SpendLedger {
  /** `id`: the budget's, or the subscription's for a plan. */
  record(id: string, period: string, nanoUsd: number): void;
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
  /** The workspace whose prices apply, where the targets' accounts live (an API of another workspace); default the key's. */
  readonly pricedIn?: string;
  /** A subscription plan the call is also made under (prompt and REST APIs): its limits join this admission. */
  readonly plan?: PlanLimits;
}

/**
 * A subscription plan's own limits: requests per minute and a monthly budget per subscription,
 * checked in the same admission as the workspace's rules (all or nothing, on the same store, so
 * shared by every replica with Redis), and refused with the same 429s.
 */
export interface PlanLimits {
  readonly subscriptionId: string;
  readonly name: string;
  readonly requestsPerMinute: number | null;
  readonly monthlyBudgetNanoUsd: number | null;
  /** Where the plan's settled spend becomes durable (per subscription and month). */
  readonly ledger: SpendLedger;
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

/** An already-settled promise: what synchronous settlements return (no allocation per request). */
const SETTLED: Promise<void> = Promise.resolve();
const NO_HEADERS: Readonly<Record<string, string>> = Object.freeze({});
const NOTHING_APPLIES: Admission = { headers: NO_HEADERS, settle: () => SETTLED };
/** Counter sets cached before the cache starts over (one per key, route and model in use). */
const MAX_CACHED_SETS = 20_000;

/**
 * Admission control before a call, settlement after it: requests/min, tokens/min, concurrency and
 * budgets, all as atomic operations on the counter store (memory, or Redis shared by replicas).
 * Every check of one request runs concurrently; if any refuses, everything the others took is
 * given back, so a refused request consumes nothing. Budgets are reserved with an estimate
 * (prompt tokens + max output tokens at the most expensive candidate's price) and settled with the
 * actual cost, so concurrent requests cannot overspend. No database, no call-log query.
 *
 * Which counters a request must pass depends only on its key, route and model under the workspace's
 * current rules, so that list (with its counter keys) is worked out once and reused until the rules
 * are reloaded; a request then costs one store operation per counter and little else.
 */
export class UsageGate {
  private readonly pending = new Set<Promise<void>>();
  /** Set when the store answers synchronously (this process's memory): admission then costs no promise per check. */
  private readonly syncStore: SynchronousCounterStore | undefined;
  /** Counter sets by rule list (a reload makes a new list, so stale sets are never found), key id and model. */
  private counterSets = new WeakMap<readonly RateLimitRule[], Map<string, Map<string, CounterSet>>>();
  private cachedSets = 0;

  constructor(
    private readonly policies: UsagePolicies,
    private readonly store: CounterStore,
    private readonly prices: Pricer,
    private readonly ledger: SpendLedger,
    private readonly logger: LimitsLogger,
  ) {
    this.syncStore = isSynchronous(store) ? store : undefined;
  }

  async admit(request: AdmissionRequest): Promise<Admission> {
    const set = this.counterSetOf(request);
    const counters = request.plan ? [...set.counters, ...planCounters(request.plan)] : set.counters;
    if (counters.length === 0) return NOTHING_APPLIES;
    const size = this.sizeOf(set, request);
    if (this.syncStore) {
      const outcomes: Outcome[] = [];
      const now = this.syncStore.clock();
      for (const counter of counters) outcomes.push(this.checkSync(counter, size, request, now));
      return this.decide(outcomes, request);
    }
    let outcomes: Outcome[];
    try {
      outcomes = await Promise.all(counters.map((counter) => this.check(counter, size, request)));
    } catch (error) {
      // The store failed in a way the degrading store could not absorb: serve rather than refuse.
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'limits could not be checked; the request is admitted unchecked');
      return NOTHING_APPLIES;
    }
    return this.decide(outcomes, request);
  }

  /** Resolves when every settlement in flight has finished (shutdown waits for it before closing the store). */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** The counters this request must pass, from the cache while the workspace's rules and budgets are unchanged. */
  private counterSetOf(request: AdmissionRequest): CounterSet {
    const { key, model, route } = request;
    const rules = this.policies.rateLimits(key.workspaceId);
    const budgets = this.policies.budgets(key.workspaceId);
    if (rules.length === 0 && budgets.length === 0) return NO_COUNTERS;
    let byKey = this.counterSets.get(rules);
    if (byKey === undefined) this.counterSets.set(rules, (byKey = new Map()));
    let byModel = byKey.get(key.id);
    if (byModel === undefined) byKey.set(key.id, (byModel = new Map()));
    const cached = byModel.get(model);
    if (cached !== undefined && cached.budgets === budgets && cached.route === route) return cached;
    if (this.cachedSets >= MAX_CACHED_SETS) {
      this.counterSets = new WeakMap();
      this.cachedSets = 0;
    }
    const set = counterSet(rules, budgets, request);
    byModel.set(model, set);
    this.cachedSets++;
    return set;
  }

  /** Tokens and cost a token limit or a budget must hold for this request (estimated only when one applies). */
  private sizeOf(set: CounterSet, request: AdmissionRequest): Size {
    const reserves = set.reserves || (request.plan !== undefined && request.plan.monthlyBudgetNanoUsd !== null);
    if (!set.countsTokens && !reserves) return NO_SIZE;
    const estimate = request.estimate();
    const tokens = estimate.promptTokens + (estimate.maxOutputTokens ?? DEFAULT_RESERVED_OUTPUT_TOKENS);
    // At least one nano-dollar, so an exhausted budget refuses even calls it cannot price.
    const costNanoUsd = reserves ? Math.max(1, this.estimateCost(request, estimate.promptTokens, estimate.maxOutputTokens)) : 0;
    return { tokens, costNanoUsd };
  }

  private checkSync(counter: Counter, size: Size, request: AdmissionRequest, now: number): Outcome {
    const store = this.syncStore!;
    switch (counter.kind) {
      case 'requests':
      case 'tokens': {
        const amount = counter.kind === 'tokens' ? size.tokens : 1;
        const window = store.consumeSync(counter.key, amount, counter.limit, RATE_WINDOW_MS, now);
        return new Outcome(counter, counter.key, amount, window.allowed, '', window, '');
      }
      case 'lease': {
        const lease = store.acquireSync(counter.key, counter.limit, request.holdMs, now);
        return new Outcome(counter, counter.key, 1, lease !== null, lease?.leaseId ?? '', null, '');
      }
      case 'reservation': {
        const period = periodKey(spendPeriodOf(counter), request.at);
        const key = spendKeyOf(counter, period);
        const reservation = store.reserveSync(key, size.costNanoUsd, counter.limit, request.holdMs, now);
        return new Outcome(counter, key, size.costNanoUsd, reservation.ok, reservation.ok ? reservation.reservationId : '', null, period);
      }
    }
  }

  private async check(counter: Counter, size: Size, request: AdmissionRequest): Promise<Outcome> {
    switch (counter.kind) {
      case 'requests':
      case 'tokens': {
        const amount = counter.kind === 'tokens' ? size.tokens : 1;
        const window = await this.store.consume(counter.key, amount, counter.limit, RATE_WINDOW_MS);
        return new Outcome(counter, counter.key, amount, window.allowed, '', window, '');
      }
      case 'lease': {
        const lease = await this.store.acquire(counter.key, counter.limit, request.holdMs);
        return new Outcome(counter, counter.key, 1, lease !== null, lease?.leaseId ?? '', null, '');
      }
      case 'reservation': {
        const period = periodKey(spendPeriodOf(counter), request.at);
        const key = spendKeyOf(counter, period);
        const reservation = await this.store.reserve(key, size.costNanoUsd, counter.limit, request.holdMs);
        return new Outcome(counter, key, size.costNanoUsd, reservation.ok, reservation.ok ? reservation.reservationId : '', null, period);
      }
    }
  }

  /** The admission, or (refused) a promise that rejects once what the other counters took is given back. */
  private decide(outcomes: readonly Outcome[], request: AdmissionRequest): Admission | Promise<never> {
    const headers = rateLimitHeaders(outcomes);
    const refused = outcomes.find((outcome) => !outcome.ok);
    if (refused) {
      // A refused request consumes nothing: undo what the other checks took.
      const refusal = new UsageRefusal(refusalKind(refused.counter), refusalMessage(refused), retryAfterMs(refused, request.at), headers);
      return this.release(outcomes, null, true).then(() => Promise.reject(refusal));
    }
    let settled = false;
    return {
      headers,
      settle: (actual) => {
        if (settled) return SETTLED;
        settled = true;
        return this.track(this.release(outcomes, actual, false));
      },
    };
  }

  private track(work: Promise<void>): Promise<void> {
    if (work === SETTLED) return work;
    const tracked = work.catch((error: unknown) => {
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'settling a request with the limits store failed');
    });
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
    return tracked;
  }

  /**
   * After the call, for every counter that admitted the request: a request counts as made; tokens,
   * slots and money as actually used (`actual` null: nothing). With `rollBack`, the request was
   * refused and even its request count is undone.
   */
  private release(outcomes: readonly Outcome[], actual: ActualUsage | null, rollBack: boolean): Promise<void> {
    if (this.syncStore) {
      try {
        const now = this.syncStore.clock();
        for (const outcome of outcomes) if (outcome.ok) this.releaseSync(outcome, actual, rollBack, now);
        return SETTLED;
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return Promise.all(outcomes.filter((outcome) => outcome.ok).map((outcome) => this.releaseAsync(outcome, actual, rollBack))).then(() => undefined);
  }

  private releaseSync(held: Outcome, actual: ActualUsage | null, rollBack: boolean, now: number): void {
    const store = this.syncStore!;
    switch (held.counter.kind) {
      case 'requests':
        if (rollBack) store.adjustSync(held.key, -held.amount, RATE_WINDOW_MS, held.window!.bucket, now);
        return;
      case 'tokens':
        return store.adjustSync(held.key, (rollBack ? 0 : (actual?.tokens ?? 0)) - held.amount, RATE_WINDOW_MS, held.window!.bucket, now);
      case 'lease':
        return store.releaseSync(held.key, held.id);
      case 'reservation':
        if (rollBack || !actual) return store.cancelSync(held.key, held.id);
        store.settleSync(held.key, held.id, actual.costNanoUsd, now);
        if (actual.costNanoUsd > 0) this.recordSpend(held, actual.costNanoUsd);
    }
  }

  private async releaseAsync(held: Outcome, actual: ActualUsage | null, rollBack: boolean): Promise<void> {
    switch (held.counter.kind) {
      case 'requests':
        if (rollBack) await this.store.adjust(held.key, -held.amount, RATE_WINDOW_MS, held.window!.bucket);
        return;
      case 'tokens':
        return this.store.adjust(held.key, (rollBack ? 0 : (actual?.tokens ?? 0)) - held.amount, RATE_WINDOW_MS, held.window!.bucket);
      case 'lease':
        return this.store.release(held.key, held.id);
      case 'reservation':
        if (rollBack || !actual) return this.store.cancel(held.key, held.id);
        await this.store.settle(held.key, held.id, actual.costNanoUsd);
        if (actual.costNanoUsd > 0) this.recordSpend(held, actual.costNanoUsd);
    }
  }

  /** Settled money of a budget goes to the budget ledger; a plan's to the plan's own. */
  private recordSpend(held: Outcome, nanoUsd: number): void {
    const { budget, plan } = held.counter;
    if (plan) plan.ledger.record(plan.subscriptionId, held.period, nanoUsd);
    else this.ledger.record(budget!.id, held.period, nanoUsd);
  }

  private estimateCost(request: AdmissionRequest, promptTokens: number, maxOutputTokens: number | null): number {
    const completion = maxOutputTokens ?? DEFAULT_RESERVED_OUTPUT_TOKENS;
    let highest = 0;
    for (const target of request.targets) {
      const price = this.prices.priceAt(request.pricedIn ?? request.key.workspaceId, target.account.pluginId, target.model, request.at);
      if (!price) continue;
      const cost = costOf({ prompt_tokens: promptTokens, completion_tokens: completion, total_tokens: promptTokens + completion }, price).nanoUsd;
      if (cost > highest) highest = cost;
    }
    return highest;
  }
}

/** One counter a request must pass: one limit of a matching rule, an applicable budget, or a subscription plan's limit. */
interface Counter {
  readonly kind: 'requests' | 'tokens' | 'lease' | 'reservation';
  /** The counter-store key; a budget's key also names the period (see {@link budgetKeyOf}). */
  readonly key: string;
  readonly limit: number;
  /** `String(limit)`, for the `x-ratelimit-limit-*` header. */
  readonly limitText: string;
  readonly rule: RateLimitRule | null;
  readonly budget: BudgetRule | null;
  readonly plan: PlanLimits | null;
  /** Budgets: the period last asked for, and its counter key (a new one each UTC day or month). */
  period: string;
  periodKey: string;
}

/** The counters of one key, route and model under one version of the workspace's rules and budgets. */
interface CounterSet {
  readonly budgets: readonly BudgetRule[];
  readonly route: string | null;
  readonly counters: readonly Counter[];
  readonly countsTokens: boolean;
  readonly reserves: boolean;
}

const NO_COUNTERS: CounterSet = { budgets: [], route: null, counters: [], countsTokens: false, reserves: false };

/** What a token limit and a budget must hold for one request. */
interface Size {
  readonly tokens: number;
  readonly costNanoUsd: number;
}

const NO_SIZE: Size = { tokens: 0, costNanoUsd: 0 };

/** What one counter answered one request; one that admitted it is what settlement gives back. */
class Outcome {
  constructor(
    readonly counter: Counter,
    /** The key the amount was counted under (a budget's names the period of the request). */
    readonly key: string,
    readonly amount: number,
    readonly ok: boolean,
    /** The lease or reservation id; '' for rate windows. */
    readonly id: string,
    /** Rate windows: what the window said (remaining, reset, the bucket the amount landed in). */
    readonly window: ConsumeResult | null,
    /** Budgets: the period the reservation belongs to. */
    readonly period: string,
  ) {}
}

/** Every counter this request must pass: one per limit of each matching rule, one per applicable budget. */
function counterSet(rules: readonly RateLimitRule[], budgets: readonly BudgetRule[], request: AdmissionRequest): CounterSet {
  const counters: Counter[] = [];
  const counter = (kind: Counter['kind'], key: string, limit: number, rule: RateLimitRule | null, budget: BudgetRule | null) => newCounter(kind, key, limit, { rule, budget });
  for (const rule of rules) {
    if (!matches(rule, request)) continue;
    const dims = counterDims(rule, request);
    if (rule.requestsPerMinute !== null) counters.push(counter('requests', `r:${rule.id}${dims}`, rule.requestsPerMinute, rule, null));
    if (rule.tokensPerMinute !== null) counters.push(counter('tokens', `t:${rule.id}${dims}`, rule.tokensPerMinute, rule, null));
    if (rule.concurrentRequests !== null) counters.push(counter('lease', `c:${rule.id}${dims}`, rule.concurrentRequests, rule, null));
  }
  for (const budget of budgets) {
    if (appliesTo(budget, request.key)) counters.push(counter('reservation', '', budget.limitNanoUsd, null, budget));
  }
  return {
    budgets,
    route: request.route,
    counters,
    countsTokens: counters.some((one) => one.kind === 'tokens'),
    reserves: counters.some((one) => one.kind === 'reservation'),
  };
}

/** A subscription plan's counters: its request window and its monthly budget (made per call: they depend on the subscription). */
function planCounters(plan: PlanLimits): Counter[] {
  const counters: Counter[] = [];
  if (plan.requestsPerMinute !== null) counters.push(newCounter('requests', planRequestsKey(plan.subscriptionId), plan.requestsPerMinute, { plan }));
  if (plan.monthlyBudgetNanoUsd !== null) counters.push(newCounter('reservation', '', plan.monthlyBudgetNanoUsd, { plan }));
  return counters;
}

function newCounter(kind: Counter['kind'], key: string, limit: number, source: { rule?: RateLimitRule | null; budget?: BudgetRule | null; plan?: PlanLimits }): Counter {
  return { kind, key, limit, limitText: String(limit), rule: source.rule ?? null, budget: source.budget ?? null, plan: source.plan ?? null, period: '', periodKey: '' };
}

/** The period a reservation counter's money is counted over: the budget's, or a plan's month. */
function spendPeriodOf(counter: Counter): BudgetPeriod {
  return counter.budget?.period ?? 'month';
}

/** A reservation counter's store key in one period (kept until the period changes). */
function spendKeyOf(counter: Counter, period: string): string {
  if (counter.period !== period) {
    counter.period = period;
    counter.periodKey = counter.plan ? planBudgetKey(counter.plan.subscriptionId, period) : budgetCounterKey(counter.budget!.id, period);
  }
  return counter.periodKey;
}

function refusalKind(counter: Counter): RefusalKind {
  if (counter.kind === 'lease') return 'concurrency';
  return counter.kind === 'reservation' ? 'budget' : counter.kind;
}

/** When the same request could pass: a window's reset, a second for a slot, the period's end for a budget (never for a total). */
function retryAfterMs(refused: Outcome, at: Date): number | null {
  const { counter } = refused;
  if (counter.kind === 'lease') return 1000;
  if (counter.kind !== 'reservation') return refused.window!.resetMs;
  const end = periodEnd(spendPeriodOf(counter), at);
  return end ? end.getTime() - at.getTime() : null;
}

/** Messages are built only for refusals (never on the admitted path). */
function refusalMessage(refused: Outcome): string {
  const { counter, amount } = refused;
  const { plan } = counter;
  if (plan && counter.kind === 'reservation') {
    return `Budget exceeded: plan '${plan.name}' of this subscription allows $${(counter.limit / 1e9).toFixed(2)} per month and cannot cover this request (estimated $${(amount / 1e9).toFixed(6)})`;
  }
  if (plan) return `Plan '${plan.name}' of this subscription allows ${counter.limit} requests per minute. Retry after ${formatReset(refused.window!.resetMs)}`;
  if (counter.kind === 'reservation') {
    const budget = counter.budget!;
    const usd = (budget.limitNanoUsd / 1e9).toFixed(2);
    const scope = budget.scope === 'workspace' ? 'workspace' : budget.scope.replace('_', ' ');
    const when = budget.period === 'total' ? 'total' : `per ${budget.period}`;
    return `Budget exceeded: the ${scope} budget of $${usd} ${when} cannot cover this request (estimated $${(amount / 1e9).toFixed(6)})`;
  }
  const { rule, limit } = counter;
  if (counter.kind === 'lease') return `Concurrency limit '${rule!.name}' reached: ${limit} requests at a time`;
  if (amount > limit) return `This request needs about ${amount} tokens, more than the ${limit} tokens per minute the rate limit '${rule!.name}' allows; lower max_tokens or the prompt`;
  return `Rate limit '${rule!.name}' reached: ${limit} ${counter.kind} per minute. Retry after ${formatReset(refused.window!.resetMs)}`;
}

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
function rateLimitHeaders(outcomes: readonly Outcome[]): Readonly<Record<string, string>> {
  let requests: Outcome | undefined;
  let tokens: Outcome | undefined;
  for (const outcome of outcomes) {
    const { window } = outcome;
    if (window === null) continue;
    if (outcome.counter.kind === 'requests') {
      if (requests === undefined || window.remaining < requests.window!.remaining) requests = outcome;
    } else if (tokens === undefined || window.remaining < tokens.window!.remaining) tokens = outcome;
  }
  if (requests === undefined && tokens === undefined) return NO_HEADERS;
  const headers: Record<string, string> = {};
  if (requests !== undefined) {
    headers['x-ratelimit-limit-requests'] = requests.counter.limitText;
    headers['x-ratelimit-remaining-requests'] = String(requests.window!.remaining);
    headers['x-ratelimit-reset-requests'] = formatReset(requests.window!.resetMs);
  }
  if (tokens !== undefined) {
    headers['x-ratelimit-limit-tokens'] = tokens.counter.limitText;
    headers['x-ratelimit-remaining-tokens'] = String(tokens.window!.remaining);
    headers['x-ratelimit-reset-tokens'] = formatReset(tokens.window!.resetMs);
  }
  return headers;
}
