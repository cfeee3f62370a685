/**
 * Shared-state primitives for rate limits, concurrency limits and budgets.
 *
 * Every operation is one atomic step against the store (one Redis round trip for the Redis store),
 * so the same code enforces limits for one process (memory) or for many replicas (Redis).
 * Keys are opaque strings chosen by the caller (e.g. `rpm:key:<id>`, `budget:ws:<id>:2025-06`);
 * a budget period belongs in the key.
 */

/** The answer of {@link CounterStore.consume}. */
export interface ConsumeResult {
  /** Whether `amount` was admitted (and counted). A refused call counts nothing. */
  readonly allowed: boolean;
  /** What is left in the sliding window after this call (never negative, rounded down). */
  readonly remaining: number;
  /**
   * Allowed: milliseconds until the current fixed window rolls over.
   * Refused: milliseconds until the same `amount` would be admitted if nothing else arrived
   * (use it for `Retry-After`); `windowMs` when `amount` exceeds `limit` and can never pass.
   */
  readonly resetMs: number;
  /** The limit the call was checked against (echoed for response headers). */
  readonly limit: number;
  /** The bucket the amount was counted in (pass it to `adjust` to correct that amount); -1 when refused. */
  readonly bucket: number;
}

/** A held concurrency slot. */
export interface Lease {
  readonly leaseId: string;
}

export type ReserveResult =
  | { readonly ok: true; readonly reservationId: string; readonly remaining: number }
  | { readonly ok: false; readonly remaining: number };

/** What a budget key has spent: settled (actual) costs and still-held reservations. */
export interface BudgetSpent {
  readonly settled: number;
  readonly reserved: number;
}

export interface CounterStore {
  /**
   * Rate limit: admit `amount` units (1 per request for requests/min, the token count for
   * tokens/min) if the sliding window of `windowMs` ending now holds at most `limit - amount`.
   * Admission and counting are one atomic step; a refused call consumes nothing.
   */
  consume(key: string, amount: number, limit: number, windowMs: number): Promise<ConsumeResult>;

  /**
   * Corrects a rate window by `delta` units without a limit check (e.g. tokens/min counted from an
   * estimate at admission, then from the actual usage): positive adds, negative gives back. The
   * window's count never goes below zero. With `bucket` (from `consume`), the correction lands where
   * the amount was counted, so it leaves the window together with it (a correction of an amount
   * that already left is dropped); without it, a negative delta is taken from the newest buckets.
   */
  adjust(key: string, delta: number, windowMs: number, bucket?: number): Promise<void>;

  /** The sliding-window usage of a rate key now (what `consume` compares with its limit), for reports. */
  windowUsage(key: string, windowMs: number): Promise<number>;

  /**
   * Concurrency limit: take one of `limit` slots under `key`, or `null` when all are held.
   * A lease not released within `ttlMs` expires (its holder is presumed dead), so slots never leak;
   * choose `ttlMs` above the longest legitimate request (streams included).
   */
  acquire(key: string, limit: number, ttlMs: number): Promise<Lease | null>;

  /** Gives a slot back. Releasing an unknown or already expired lease is a no-op. */
  release(key: string, leaseId: string): Promise<void>;

  /**
   * Budget: hold `amount` (integer nano-USD) against `limit` if `settled + reserved + amount <= limit`.
   * The hold lasts until {@link settle} or {@link cancel}, or until `ttlMs` passes (holder died).
   * `remaining` is `limit - settled - reserved` after the call (negative when already overspent).
   */
  reserve(key: string, amount: number, limit: number, ttlMs: number): Promise<ReserveResult>;

  /**
   * Replaces a reservation by the actual cost. The actual cost is always added to `settled`, even
   * when the reservation had expired (the money was spent anyway), so call it exactly once.
   * Resolves `true` when the reservation was still held.
   */
  settle(key: string, reservationId: string, actual: number): Promise<boolean>;

  /** Drops a reservation without cost (request failed before spending). Unknown ids are a no-op. */
  cancel(key: string, reservationId: string): Promise<void>;

  /** The settled and reserved totals of a budget key (expired reservations excluded). */
  spent(key: string): Promise<BudgetSpent>;

  /**
   * Raises a budget key's settled total to at least `settled` (from durable storage, e.g. after a
   * restart or when Redis lost its data); never lowers it, so seeding twice or late is harmless.
   */
  seed(key: string, settled: number): Promise<void>;
}

/** The subset of a pino logger the limits code writes to. */
/**
 * A store whose operations complete at once (this process's memory): the usage gate then checks and
 * settles without a promise per counter. Each `…Sync` method does what its async namesake does.
 */
export interface SynchronousCounterStore extends CounterStore {
  /** The store's clock (ms): read once and passed as `now` to several calls of one request, it is read once, not per call. */
  clock(): number;
  consumeSync(key: string, amount: number, limit: number, windowMs: number, now?: number): ConsumeResult;
  adjustSync(key: string, delta: number, windowMs: number, bucket?: number, now?: number): void;
  acquireSync(key: string, limit: number, ttlMs: number, now?: number): Lease | null;
  releaseSync(key: string, leaseId: string): void;
  reserveSync(key: string, amount: number, limit: number, ttlMs: number, now?: number): ReserveResult;
  settleSync(key: string, reservationId: string, actual: number, now?: number): boolean;
  cancelSync(key: string, reservationId: string): void;
}

export function isSynchronous(store: CounterStore): store is SynchronousCounterStore {
  const candidate = store as Partial<SynchronousCounterStore>;
  return typeof candidate.consumeSync === 'function' && typeof candidate.settleSync === 'function' && typeof candidate.cancelSync === 'function';
}

export interface LimitsLogger {
  warn(obj: Record<string, unknown>, msg: string): void;
  info(obj: Record<string, unknown>, msg: string): void;
}

export function assertNonNegativeInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative safe integer, got ${value}`);
}

export function assertPositive(name: string, value: number): void {
  if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`${name} must be a positive number, got ${value}`);
}
