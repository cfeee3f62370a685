import type { ApiKeyRecord } from '../../auth/api-keys/api-key-registry';
import { isSynchronous, type ConsumeResult, type CounterStore, type Lease, type LimitsLogger, type ReserveResult, type SynchronousCounterStore } from '../limits/counter-store';
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
  /** Set when the store answers synchronously (this process's memory): admission then costs no promise per check. */
  private readonly syncStore: SynchronousCounterStore | undefined;

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
    const operations = this.operationsFor(request);
    if (operations.length === 0) return NOTHING_APPLIES;
    if (this.syncStore) return this.decide(operations.map((operation) => this.checkSync(operation)), request);
    let results: Check[];
    try {
      results = await Promise.all(operations.map((operation) => this.check(operation)));
    } catch (error) {
      // The store failed in a way the degrading store could not absorb: serve rather than refuse.
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'limits could not be checked; the request is admitted unchecked');
      return NOTHING_APPLIES;
    }
    return this.decide(results, request);
  }

  /** Resolves when every settlement in flight has finished (shutdown waits for it before closing the store). */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Every counter this request must pass: one per limit of each matching rule, one per applicable budget. */
  private operationsFor(request: AdmissionRequest): Operation[] {
    const workspaceId = request.key.workspaceId;
    const operations: Operation[] = [];
    let needsEstimate = false;
    for (const rule of this.policies.rateLimits(workspaceId)) {
      if (!matches(rule, request)) continue;
      const dims = counterDims(rule, request);
      if (rule.requestsPerMinute !== null) operations.push({ kind: 'requests', key: `r:${rule.id}${dims}`, amount: 1, limit: rule.requestsPerMinute, holdMs: 0, rule });
      if (rule.tokensPerMinute !== null) {
        operations.push({ kind: 'tokens', key: `t:${rule.id}${dims}`, amount: 0, limit: rule.tokensPerMinute, holdMs: 0, rule });
        needsEstimate = true;
      }
      if (rule.concurrentRequests !== null) operations.push({ kind: 'lease', key: `c:${rule.id}${dims}`, amount: 1, limit: rule.concurrentRequests, holdMs: request.holdMs, rule });
    }
    for (const budget of this.policies.budgets(workspaceId)) {
      if (!appliesTo(budget, request.key)) continue;
      const period = periodKey(budget.period, request.at);
      operations.push({ kind: 'reservation', key: budgetCounterKey(budget.id, period), amount: 0, limit: budget.limitNanoUsd, holdMs: request.holdMs, budget, period });
      needsEstimate = true;
    }
    if (!needsEstimate) return operations;
    const estimate = request.estimate();
    const tokens = estimate.promptTokens + (estimate.maxOutputTokens ?? DEFAULT_RESERVED_OUTPUT_TOKENS);
    let cost: number | undefined;
    for (const operation of operations) {
      if (operation.kind === 'tokens') operation.amount = tokens;
      // At least one nano-dollar, so an exhausted budget refuses even calls it cannot price.
      else if (operation.kind === 'reservation') operation.amount = Math.max(1, (cost ??= this.estimateCost(request, estimate.promptTokens, estimate.maxOutputTokens)));
    }
    return operations;
  }

  private checkSync(operation: Operation): Check {
    const store = this.syncStore!;
    switch (operation.kind) {
      case 'requests':
      case 'tokens':
        return windowChecked(operation, store.consumeSync(operation.key, operation.amount, operation.limit, RATE_WINDOW_MS));
      case 'lease':
        return leaseChecked(operation, store.acquireSync(operation.key, operation.limit, operation.holdMs));
      case 'reservation':
        return reservationChecked(operation, store.reserveSync(operation.key, operation.amount, operation.limit, operation.holdMs));
    }
  }

  private async check(operation: Operation): Promise<Check> {
    switch (operation.kind) {
      case 'requests':
      case 'tokens':
        return windowChecked(operation, await this.store.consume(operation.key, operation.amount, operation.limit, RATE_WINDOW_MS));
      case 'lease':
        return leaseChecked(operation, await this.store.acquire(operation.key, operation.limit, operation.holdMs));
      case 'reservation':
        return reservationChecked(operation, await this.store.reserve(operation.key, operation.amount, operation.limit, operation.holdMs));
    }
  }

  private async decide(results: readonly Check[], request: AdmissionRequest): Promise<Admission> {
    const headers = rateLimitHeaders(results);
    const holds: Hold[] = [];
    let refused: Refused | undefined;
    for (const result of results) {
      if (!result.ok) refused ??= result;
      else if (result.hold) holds.push(result.hold);
    }
    if (refused) {
      // A refused request consumes nothing: undo what the other checks took.
      await this.release(holds, null, true);
      const { operation } = refused;
      const end = operation.kind === 'reservation' ? periodEnd(operation.budget.period, request.at) : null;
      const retryAfterMs = operation.kind === 'reservation' ? (end ? end.getTime() - request.at.getTime() : null) : refused.retryAfterMs;
      throw new UsageRefusal(refused.kind, refusalMessage(refused), retryAfterMs, headers);
    }
    let settled = false;
    return {
      headers,
      settle: (actual) => {
        if (settled) return SETTLED;
        settled = true;
        return this.track(this.release(holds, actual, false));
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
   * After the call: a request counts as made; tokens, slots and money as actually used (`actual`
   * null: nothing). With `rollBack`, the request was refused and even its request count is undone.
   */
  private release(holds: readonly Hold[], actual: ActualUsage | null, rollBack: boolean): Promise<void> {
    if (this.syncStore) {
      try {
        for (const hold of holds) this.releaseSync(hold, actual, rollBack);
        return SETTLED;
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return Promise.all(holds.map((hold) => this.releaseAsync(hold, actual, rollBack))).then(() => undefined);
  }

  private releaseSync(hold: Hold, actual: ActualUsage | null, rollBack: boolean): void {
    const store = this.syncStore!;
    switch (hold.kind) {
      case 'requests':
        if (rollBack) store.adjustSync(hold.key, -hold.amount, RATE_WINDOW_MS, hold.bucket);
        return;
      case 'tokens':
        return store.adjustSync(hold.key, (rollBack ? 0 : (actual?.tokens ?? 0)) - hold.amount, RATE_WINDOW_MS, hold.bucket);
      case 'lease':
        return store.releaseSync(hold.key, hold.id);
      case 'reservation':
        if (rollBack || !actual) return store.cancelSync(hold.key, hold.id);
        store.settleSync(hold.key, hold.id, actual.costNanoUsd);
        if (actual.costNanoUsd > 0) this.ledger.record(hold.budget!.id, hold.period!, actual.costNanoUsd);
    }
  }

  private async releaseAsync(hold: Hold, actual: ActualUsage | null, rollBack: boolean): Promise<void> {
    switch (hold.kind) {
      case 'requests':
        if (rollBack) await this.store.adjust(hold.key, -hold.amount, RATE_WINDOW_MS, hold.bucket);
        return;
      case 'tokens':
        return this.store.adjust(hold.key, (rollBack ? 0 : (actual?.tokens ?? 0)) - hold.amount, RATE_WINDOW_MS, hold.bucket);
      case 'lease':
        return this.store.release(hold.key, hold.id);
      case 'reservation':
        if (rollBack || !actual) return this.store.cancel(hold.key, hold.id);
        await this.store.settle(hold.key, hold.id, actual.costNanoUsd);
        if (actual.costNanoUsd > 0) this.ledger.record(hold.budget!.id, hold.period!, actual.costNanoUsd);
    }
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

/** An already-settled promise: what synchronous settlements return (no allocation per request). */
const SETTLED: Promise<void> = Promise.resolve();

type Operation =
  | { kind: 'requests' | 'tokens' | 'lease'; key: string; amount: number; limit: number; holdMs: number; rule: RateLimitRule; budget?: undefined; period?: undefined }
  | { kind: 'reservation'; key: string; amount: number; limit: number; holdMs: number; rule?: undefined; budget: BudgetRule; period: string };

function windowChecked(operation: Operation, result: ConsumeResult): Check {
  const kind = operation.kind as 'requests' | 'tokens';
  if (result.allowed) return { ok: true, kind, result, hold: { kind, key: operation.key, id: '', amount: operation.amount, bucket: result.bucket } };
  return { ok: false, kind, result, operation, retryAfterMs: result.resetMs };
}

function leaseChecked(operation: Operation, lease: Lease | null): Check {
  if (lease) return { ok: true, kind: 'concurrency', hold: { kind: 'lease', key: operation.key, id: lease.leaseId, amount: 1 } };
  return { ok: false, kind: 'concurrency', operation, retryAfterMs: 1000 };
}

function reservationChecked(operation: Operation, reservation: ReserveResult): Check {
  const { budget, period } = operation;
  if (reservation.ok) return { ok: true, kind: 'budget', hold: { kind: 'reservation', key: operation.key, id: reservation.reservationId, amount: operation.amount, budget, period } };
  return { ok: false, kind: 'budget', operation, retryAfterMs: null };
}

/** Messages are built only for refusals (never on the admitted path). */
function refusalMessage(refused: Refused): string {
  const { operation } = refused;
  if (operation.kind === 'reservation') {
    const { budget, amount } = operation;
    const usd = (budget.limitNanoUsd / 1e9).toFixed(2);
    const scope = budget.scope === 'workspace' ? 'workspace' : budget.scope.replace('_', ' ');
    const when = budget.period === 'total' ? 'total' : `per ${budget.period}`;
    return `Budget exceeded: the ${scope} budget of $${usd} ${when} cannot cover this request (estimated $${(amount / 1e9).toFixed(6)})`;
  }
  const { rule, limit, amount } = operation;
  if (operation.kind === 'lease') return `Concurrency limit '${rule.name}' reached: ${limit} requests at a time`;
  if (amount > limit) return `This request needs about ${amount} tokens, more than the ${limit} tokens per minute the rate limit '${rule.name}' allows; lower max_tokens or the prompt`;
  return `Rate limit '${rule.name}' reached: ${limit} ${operation.kind} per minute. Retry after ${formatReset(refused.result!.resetMs)}`;
}

type Granted = { ok: true; kind: 'requests' | 'tokens' | 'concurrency' | 'budget'; result?: ConsumeResult; hold?: Hold };
type Refused = { ok: false; kind: 'requests' | 'tokens' | 'concurrency' | 'budget'; result?: ConsumeResult; operation: Operation; retryAfterMs: number | null };
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
