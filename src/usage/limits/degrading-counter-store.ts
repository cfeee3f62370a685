import type { BudgetSpent, ConsumeResult, CounterStore, Lease, LimitsLogger, ReserveResult } from './counter-store';
import type { MemoryCounterStore } from './memory-counter-store';

/** What the degrading store needs from its primary: the store operations and a health probe. */
export interface ProbedCounterStore extends CounterStore {
  ping(): Promise<void>;
  close?(): Promise<void>;
}

export interface DegradingCounterStoreOptions {
  /** While degraded, Redis is probed at most this often (ms). Default 2 000. */
  readonly probeIntervalMs?: number;
  readonly now?: () => number;
}

/**
 * Redis first, this process's memory when Redis fails (error or command timeout): limits keep being
 * enforced — per replica — and the gateway never fails a request because Redis is down.
 * One warning per outage, `degraded`/`degradedSince` for metrics, and a background probe (at most
 * every `probeIntervalMs`) that switches back as soon as Redis answers.
 *
 * Leases and reservations are released/settled in the store that issued them (ids start with `r`
 * for Redis, `m` for memory), so an outage in the middle of a request does not leak either side.
 */
export class DegradingCounterStore implements CounterStore {
  /** True while limits are enforced locally. */
  degraded = false;
  /** When the current outage began (ms since epoch), undefined when healthy. */
  degradedSince: number | undefined;
  /** Outages seen since start (a counter for metrics). */
  outages = 0;
  /** Settled costs that Redis never received because it was down (nano-USD; for metrics/alerts). */
  unsyncedSettledNano = 0;

  private readonly probeIntervalMs: number;
  private readonly now: () => number;
  private nextProbeAt = 0;
  private probing = false;
  private readonly recoveryListeners: Array<() => void> = [];

  constructor(
    private readonly primary: ProbedCounterStore,
    private readonly fallback: MemoryCounterStore,
    private readonly logger: LimitsLogger,
    options: DegradingCounterStoreOptions = {},
  ) {
    this.probeIntervalMs = options.probeIntervalMs ?? 2_000;
    this.now = options.now ?? Date.now;
  }

  async consume(key: string, amount: number, limit: number, windowMs: number): Promise<ConsumeResult> {
    if (this.useFallback()) return this.fallback.consume(key, amount, limit, windowMs);
    try {
      return await this.primary.consume(key, amount, limit, windowMs);
    } catch (error) {
      this.failed(error);
      return this.fallback.consume(key, amount, limit, windowMs);
    }
  }

  async adjust(key: string, delta: number, windowMs: number, bucket?: number): Promise<void> {
    if (this.useFallback()) return this.fallback.adjust(key, delta, windowMs, bucket);
    try {
      await this.primary.adjust(key, delta, windowMs, bucket);
    } catch (error) {
      this.failed(error);
      await this.fallback.adjust(key, delta, windowMs, bucket);
    }
  }

  async windowUsage(key: string, windowMs: number): Promise<number> {
    if (this.useFallback()) return this.fallback.windowUsage(key, windowMs);
    try {
      return await this.primary.windowUsage(key, windowMs);
    } catch (error) {
      this.failed(error);
      return this.fallback.windowUsage(key, windowMs);
    }
  }

  async acquire(key: string, limit: number, ttlMs: number): Promise<Lease | null> {
    if (this.useFallback()) return this.fallback.acquire(key, limit, ttlMs);
    try {
      return await this.primary.acquire(key, limit, ttlMs);
    } catch (error) {
      this.failed(error);
      return this.fallback.acquire(key, limit, ttlMs);
    }
  }

  async release(key: string, leaseId: string): Promise<void> {
    if (!isRemote(leaseId)) return this.fallback.release(key, leaseId);
    try {
      await this.primary.release(key, leaseId);
    } catch (error) {
      // The Redis lease expires on its own after its TTL.
      this.failed(error);
    }
  }

  async reserve(key: string, amount: number, limit: number, ttlMs: number): Promise<ReserveResult> {
    if (this.useFallback()) return this.fallback.reserve(key, amount, limit, ttlMs);
    try {
      return await this.primary.reserve(key, amount, limit, ttlMs);
    } catch (error) {
      this.failed(error);
      return this.fallback.reserve(key, amount, limit, ttlMs);
    }
  }

  async settle(key: string, reservationId: string, actual: number): Promise<boolean> {
    if (!isRemote(reservationId)) return this.fallback.settle(key, reservationId, actual);
    try {
      return await this.primary.settle(key, reservationId, actual);
    } catch (error) {
      this.failed(error);
      // The Redis hold expires on its own; the cost is still counted locally.
      this.unsyncedSettledNano += actual;
      await this.fallback.settle(key, reservationId, actual);
      return false;
    }
  }

  async cancel(key: string, reservationId: string): Promise<void> {
    if (!isRemote(reservationId)) return this.fallback.cancel(key, reservationId);
    try {
      await this.primary.cancel(key, reservationId);
    } catch (error) {
      this.failed(error);
    }
  }

  async spent(key: string): Promise<BudgetSpent> {
    if (this.useFallback()) return this.fallback.spent(key);
    try {
      return await this.primary.spent(key);
    } catch (error) {
      this.failed(error);
      return this.fallback.spent(key);
    }
  }

  /** Seeds both stores, so a later outage falls back to a local total that already knows past spend. */
  async seed(key: string, settled: number): Promise<void> {
    await this.fallback.seed(key, settled);
    if (this.useFallback()) return;
    try {
      await this.primary.seed(key, settled);
    } catch (error) {
      this.failed(error);
    }
  }

  /**
   * Runs `listener` each time Redis answers again after an outage, e.g. to re-seed budgets with
   * spend that was settled locally meanwhile (Redis never saw it).
   */
  onRecovered(listener: () => void): void {
    this.recoveryListeners.push(listener);
  }

  /** Closes both stores (the Redis connection if the primary owns it). */
  async close(): Promise<void> {
    this.fallback.close();
    await this.primary.close?.();
  }

  /** True while degraded; starts a background probe when one is due. */
  private useFallback(): boolean {
    if (!this.degraded) return false;
    if (!this.probing && this.now() >= this.nextProbeAt) this.probe();
    return true;
  }

  private probe(): void {
    this.probing = true;
    this.primary.ping().then(
      () => {
        this.probing = false;
        const since = this.degradedSince ?? this.now();
        this.degraded = false;
        this.degradedSince = undefined;
        this.logger.info({ outageMs: this.now() - since }, 'Redis answers again; rate limits and budgets are shared across replicas again');
        for (const listener of this.recoveryListeners) listener();
      },
      () => {
        this.probing = false;
        this.nextProbeAt = this.now() + this.probeIntervalMs;
      },
    );
  }

  private failed(error: unknown): void {
    if (error instanceof RangeError) throw error; // a caller bug, not an outage
    const now = this.now();
    this.nextProbeAt = now + this.probeIntervalMs;
    if (this.degraded) return;
    this.degraded = true;
    this.degradedSince = now;
    this.outages += 1;
    this.logger.warn(
      { err: error instanceof Error ? error.message : String(error), probeIntervalMs: this.probeIntervalMs },
      'Redis unavailable: rate limits and budgets are enforced per replica until it answers again',
    );
  }
}

function isRemote(id: string): boolean {
  return id.charCodeAt(0) === 114; // 'r'
}
