import { randomBytes } from 'node:crypto';
import {
  assertNonNegativeInteger,
  assertPositive,
  type BudgetSpent,
  type ConsumeResult,
  type SynchronousCounterStore,
  type Lease,
  type ReserveResult,
} from './counter-store';
import { adjustWindow, newWindowState, slidingWindow, windowUsed, type WindowDecision, type WindowState } from './sliding-window';

interface LeaseSet {
  /** leaseId → expiry (ms). */
  readonly holders: Map<string, number>;
  nextExpiry: number;
}

interface Budget {
  settled: number;
  reserved: number;
  /** reservationId → held amount and expiry. */
  readonly holds: Map<string, { amount: number; expiresAt: number }>;
  nextExpiry: number;
}

export interface MemoryCounterStoreOptions {
  /** Clock in ms; injectable for tests. */
  readonly now?: () => number;
  /** How often idle state is swept (ms); 0 disables the timer. Default 30 s. */
  readonly sweepIntervalMs?: number;
}

/**
 * Single-process {@link CounterStore}: synchronous inside, wrapped in resolved promises. Also the
 * local fallback of {@link DegradingCounterStore}. Ids it issues start with `m` so a caller holding
 * several stores can tell where a lease or reservation lives.
 */
export class MemoryCounterStore implements SynchronousCounterStore {
  private readonly now: () => number;
  private readonly windows = new Map<string, WindowState>();
  private readonly leases = new Map<string, LeaseSet>();
  private readonly budgets = new Map<string, Budget>();
  private readonly decision: WindowDecision = { allowed: false, remaining: 0, resetMs: 0, bucket: -1 };
  private readonly idPrefix = `m${randomBytes(4).toString('hex')}.`;
  private sequence = 0;
  private readonly timer?: NodeJS.Timeout;

  constructor(options: MemoryCounterStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    const every = options.sweepIntervalMs ?? 30_000;
    if (every > 0) {
      this.timer = setInterval(() => this.sweep(), every);
      this.timer.unref();
    }
  }

  consume(key: string, amount: number, limit: number, windowMs: number): Promise<ConsumeResult> {
    return Promise.resolve(this.consumeSync(key, amount, limit, windowMs));
  }

  clock(): number {
    return this.now();
  }

  consumeSync(key: string, amount: number, limit: number, windowMs: number, now = this.now()): ConsumeResult {
    assertPositive('windowMs', windowMs);
    if (!(amount >= 0)) throw new RangeError(`amount must be >= 0, got ${amount}`);
    const d = slidingWindow(this.window(key), now, amount, limit, windowMs, this.decision);
    return { allowed: d.allowed, remaining: d.remaining, resetMs: d.resetMs, limit, bucket: d.bucket };
  }

  adjust(key: string, delta: number, windowMs: number, bucket?: number): Promise<void> {
    this.adjustSync(key, delta, windowMs, bucket);
    return Promise.resolve();
  }

  adjustSync(key: string, delta: number, windowMs: number, bucket?: number, now = this.now()): void {
    assertPositive('windowMs', windowMs);
    if (!Number.isFinite(delta)) throw new RangeError(`delta must be finite, got ${delta}`);
    adjustWindow(this.window(key), now, windowMs, delta, bucket);
  }

  windowUsage(key: string, windowMs: number): Promise<number> {
    assertPositive('windowMs', windowMs);
    const state = this.windows.get(key);
    return Promise.resolve(state === undefined ? 0 : windowUsed(state, this.now(), windowMs));
  }

  acquire(key: string, limit: number, ttlMs: number): Promise<Lease | null> {
    return Promise.resolve(this.acquireSync(key, limit, ttlMs));
  }

  acquireSync(key: string, limit: number, ttlMs: number, now = this.now()): Lease | null {
    assertPositive('ttlMs', ttlMs);
    let set = this.leases.get(key);
    if (set === undefined) {
      set = { holders: new Map(), nextExpiry: Infinity };
      this.leases.set(key, set);
    }
    if (set.nextExpiry <= now) expireLeases(set, now);
    if (set.holders.size >= limit) return null;
    const leaseId = this.nextId();
    const expiresAt = now + ttlMs;
    set.holders.set(leaseId, expiresAt);
    if (expiresAt < set.nextExpiry) set.nextExpiry = expiresAt;
    return { leaseId };
  }

  release(key: string, leaseId: string): Promise<void> {
    this.releaseSync(key, leaseId);
    return Promise.resolve();
  }

  releaseSync(key: string, leaseId: string): void {
    // An emptied set stays for the next request of its key (the sweep forgets idle ones).
    this.leases.get(key)?.holders.delete(leaseId);
  }

  reserve(key: string, amount: number, limit: number, ttlMs: number): Promise<ReserveResult> {
    return Promise.resolve(this.reserveSync(key, amount, limit, ttlMs));
  }

  reserveSync(key: string, amount: number, limit: number, ttlMs: number, now = this.now()): ReserveResult {
    assertNonNegativeInteger('amount', amount);
    assertPositive('ttlMs', ttlMs);
    const budget = this.budget(key, now);
    const free = limit - budget.settled - budget.reserved;
    if (amount > free) return { ok: false, remaining: free };
    const reservationId = this.nextId();
    const expiresAt = now + ttlMs;
    budget.holds.set(reservationId, { amount, expiresAt });
    budget.reserved += amount;
    if (expiresAt < budget.nextExpiry) budget.nextExpiry = expiresAt;
    return { ok: true, reservationId, remaining: free - amount };
  }

  settle(key: string, reservationId: string, actual: number): Promise<boolean> {
    return Promise.resolve(this.settleSync(key, reservationId, actual));
  }

  settleSync(key: string, reservationId: string, actual: number, now = this.now()): boolean {
    assertNonNegativeInteger('actual', actual);
    const budget = this.budget(key, now);
    const held = dropHold(budget, reservationId);
    budget.settled += actual;
    return held;
  }

  cancel(key: string, reservationId: string): Promise<void> {
    this.cancelSync(key, reservationId);
    return Promise.resolve();
  }

  cancelSync(key: string, reservationId: string): void {
    const budget = this.budgets.get(key);
    if (budget !== undefined) dropHold(budget, reservationId);
  }

  spent(key: string): Promise<BudgetSpent> {
    const budget = this.budgets.get(key);
    if (budget === undefined) return Promise.resolve({ settled: 0, reserved: 0 });
    const now = this.now();
    if (budget.nextExpiry <= now) expireHolds(budget, now);
    return Promise.resolve({ settled: budget.settled, reserved: budget.reserved });
  }

  seed(key: string, settled: number): Promise<void> {
    assertNonNegativeInteger('settled', settled);
    const budget = this.budget(key, this.now());
    if (settled > budget.settled) budget.settled = settled;
    return Promise.resolve();
  }

  /** Forgets rate windows and lease sets nobody needs any more. Budgets are kept (they carry spend). */
  sweep(): void {
    const now = this.now();
    for (const [key, state] of this.windows) if (state.expiresAt <= now) this.windows.delete(key);
    for (const [key, set] of this.leases) {
      if (set.nextExpiry <= now) expireLeases(set, now);
      if (set.holders.size === 0) this.leases.delete(key);
    }
    for (const budget of this.budgets.values()) if (budget.nextExpiry <= now) expireHolds(budget, now);
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private window(key: string): WindowState {
    let state = this.windows.get(key);
    if (state === undefined) {
      state = newWindowState();
      this.windows.set(key, state);
    }
    return state;
  }

  private budget(key: string, now: number): Budget {
    let budget = this.budgets.get(key);
    if (budget === undefined) {
      budget = { settled: 0, reserved: 0, holds: new Map(), nextExpiry: Infinity };
      this.budgets.set(key, budget);
    } else if (budget.nextExpiry <= now) {
      expireHolds(budget, now);
    }
    return budget;
  }

  private nextId(): string {
    this.sequence = (this.sequence + 1) % Number.MAX_SAFE_INTEGER;
    return this.idPrefix + this.sequence.toString(36);
  }
}

function expireLeases(set: LeaseSet, now: number): void {
  let next = Infinity;
  for (const [id, expiresAt] of set.holders) {
    if (expiresAt <= now) set.holders.delete(id);
    else if (expiresAt < next) next = expiresAt;
  }
  set.nextExpiry = next;
}

function expireHolds(budget: Budget, now: number): void {
  let next = Infinity;
  for (const [id, hold] of budget.holds) {
    if (hold.expiresAt <= now) {
      budget.holds.delete(id);
      budget.reserved -= hold.amount;
    } else if (hold.expiresAt < next) next = hold.expiresAt;
  }
  budget.nextExpiry = next;
}

function dropHold(budget: Budget, reservationId: string): boolean {
  const hold = budget.holds.get(reservationId);
  if (hold === undefined) return false;
  budget.holds.delete(reservationId);
  budget.reserved -= hold.amount;
  return true;
}
