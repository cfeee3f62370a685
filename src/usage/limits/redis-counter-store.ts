import { randomBytes } from 'node:crypto';
import Redis, { type RedisOptions } from 'ioredis';
import {
  assertNonNegativeInteger,
  assertPositive,
  type BudgetSpent,
  type ConsumeResult,
  type CounterStore,
  type Lease,
  type ReserveResult,
} from './counter-store';
import { ACQUIRE, ADJUST, CANCEL, CONSUME, RESERVE, SEED, SETTLE, SPENT, USAGE } from './redis-scripts';

interface ScriptedRedis extends Redis {
  porticoConsume(key: string, amount: number, limit: number, windowMs: number): Promise<[number, number, number, number]>;
  porticoAdjust(key: string, windowMs: number, delta: number, bucket: number): Promise<number>;
  porticoUsage(key: string, windowMs: number): Promise<number>;
  porticoSeed(totals: string, settled: number): Promise<number>;
  porticoAcquire(key: string, limit: number, ttlMs: number, leaseId: string): Promise<number>;
  porticoReserve(totals: string, holds: string, expiries: string, amount: number, limit: number, ttlMs: number, id: string): Promise<[number, number]>;
  porticoSettle(totals: string, holds: string, expiries: string, id: string, actual: number): Promise<number>;
  porticoCancel(totals: string, holds: string, expiries: string, id: string): Promise<number>;
  porticoSpent(totals: string, holds: string, expiries: string): Promise<[number, number]>;
}

export interface RedisCounterStoreOptions {
  /** Prefix of every key this store writes. Default `portico:limits:`. */
  readonly prefix?: string;
  /** A command that has not answered after this long fails (ms). Default 100. */
  readonly commandTimeoutMs?: number;
  /** Extra ioredis options when the store opens its own connection. */
  readonly redisOptions?: RedisOptions;
}

/**
 * Multi-replica {@link CounterStore} on Redis: every operation is one Lua script (EVALSHA via
 * ioredis `defineCommand`), so one round trip and atomic across processes. Commands fail fast when
 * Redis is unreachable (no offline queue, short command timeout) so {@link DegradingCounterStore}
 * can fall back within milliseconds. Ids it issues start with `r`.
 */
export class RedisCounterStore implements CounterStore {
  readonly redis: Redis;
  private readonly client: ScriptedRedis;
  private readonly prefix: string;
  private readonly ownsConnection: boolean;
  private readonly idPrefix = `r${randomBytes(6).toString('hex')}.`;
  private sequence = 0;
  private readonly commandTimeoutMs: number;

  /** `connection`: a URL (the store opens and owns its connection) or an existing ioredis client. */
  constructor(connection: string | Redis, options: RedisCounterStoreOptions = {}) {
    this.prefix = options.prefix ?? 'portico:limits:';
    this.commandTimeoutMs = options.commandTimeoutMs ?? 100;
    if (typeof connection === 'string') {
      this.redis = new Redis(connection, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        connectTimeout: 2_000,
        retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
        ...options.redisOptions,
      });
      // Errors reach callers through rejected commands; without a listener ioredis prints them.
      this.redis.on('error', () => undefined);
      this.ownsConnection = true;
    } else {
      this.redis = connection;
      this.ownsConnection = false;
    }
    const r = this.redis;
    r.defineCommand('porticoConsume', { numberOfKeys: 1, lua: CONSUME });
    r.defineCommand('porticoAdjust', { numberOfKeys: 1, lua: ADJUST });
    r.defineCommand('porticoUsage', { numberOfKeys: 1, lua: USAGE });
    r.defineCommand('porticoSeed', { numberOfKeys: 1, lua: SEED });
    r.defineCommand('porticoAcquire', { numberOfKeys: 1, lua: ACQUIRE });
    r.defineCommand('porticoReserve', { numberOfKeys: 3, lua: RESERVE });
    r.defineCommand('porticoSettle', { numberOfKeys: 3, lua: SETTLE });
    r.defineCommand('porticoCancel', { numberOfKeys: 3, lua: CANCEL });
    r.defineCommand('porticoSpent', { numberOfKeys: 3, lua: SPENT });
    this.client = r as ScriptedRedis;
  }

  /** Resolves once the connection is ready (or rejects after `timeoutMs`). Commands before that fail fast. */
  async ready(timeoutMs = 2_000): Promise<void> {
    if (this.redis.status === 'ready') return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.redis.off('ready', onReady);
        reject(new Error(`Redis not ready after ${timeoutMs} ms (status ${this.redis.status})`));
      }, timeoutMs);
      const onReady = (): void => {
        clearTimeout(timer);
        resolve();
      };
      this.redis.once('ready', onReady);
    });
  }

  /** One cheap round trip; rejects while Redis is unreachable. */
  async ping(): Promise<void> {
    await this.timed(this.redis.ping());
  }

  async consume(key: string, amount: number, limit: number, windowMs: number): Promise<ConsumeResult> {
    assertPositive('windowMs', windowMs);
    assertNonNegativeInteger('amount', amount);
    const [allowed, remaining, resetMs, bucket] = await this.timed(this.client.porticoConsume(this.prefix + 'rl:' + key, amount, limit, windowMs));
    return { allowed: allowed === 1, remaining, resetMs, limit, bucket };
  }

  async adjust(key: string, delta: number, windowMs: number, bucket = -1): Promise<void> {
    assertPositive('windowMs', windowMs);
    if (!Number.isSafeInteger(delta)) throw new RangeError(`delta must be a safe integer, got ${delta}`);
    if (delta !== 0) await this.timed(this.client.porticoAdjust(this.prefix + 'rl:' + key, windowMs, delta, bucket));
  }

  async windowUsage(key: string, windowMs: number): Promise<number> {
    assertPositive('windowMs', windowMs);
    return this.timed(this.client.porticoUsage(this.prefix + 'rl:' + key, windowMs));
  }

  async acquire(key: string, limit: number, ttlMs: number): Promise<Lease | null> {
    assertPositive('ttlMs', ttlMs);
    const leaseId = this.nextId();
    const ok = await this.undoneOnFailure(this.timed(this.client.porticoAcquire(this.prefix + 'cc:' + key, limit, Math.ceil(ttlMs), leaseId)), () => this.release(key, leaseId));
    return ok === 1 ? { leaseId } : null;
  }

  async release(key: string, leaseId: string): Promise<void> {
    await this.timed(this.redis.zrem(this.prefix + 'cc:' + key, leaseId));
  }

  async reserve(key: string, amount: number, limit: number, ttlMs: number): Promise<ReserveResult> {
    assertNonNegativeInteger('amount', amount);
    assertPositive('ttlMs', ttlMs);
    const id = this.nextId();
    const p = this.prefix;
    const [ok, remaining] = await this.undoneOnFailure(
      this.timed(this.client.porticoReserve(p + 'bg:' + key, p + 'bgh:' + key, p + 'bge:' + key, amount, limit, Math.ceil(ttlMs), id)),
      () => this.cancel(key, id),
    );
    return ok === 1 ? { ok: true, reservationId: id, remaining } : { ok: false, remaining };
  }

  async settle(key: string, reservationId: string, actual: number): Promise<boolean> {
    assertNonNegativeInteger('actual', actual);
    const p = this.prefix;
    return (await this.timed(this.client.porticoSettle(p + 'bg:' + key, p + 'bgh:' + key, p + 'bge:' + key, reservationId, actual))) === 1;
  }

  async cancel(key: string, reservationId: string): Promise<void> {
    const p = this.prefix;
    await this.timed(this.client.porticoCancel(p + 'bg:' + key, p + 'bgh:' + key, p + 'bge:' + key, reservationId));
  }

  async spent(key: string): Promise<BudgetSpent> {
    const p = this.prefix;
    const [settled, reserved] = await this.timed(this.client.porticoSpent(p + 'bg:' + key, p + 'bgh:' + key, p + 'bge:' + key));
    return { settled, reserved };
  }

  async seed(key: string, settled: number): Promise<void> {
    assertNonNegativeInteger('settled', settled);
    await this.timed(this.client.porticoSeed(this.prefix + 'bg:' + key, settled));
  }

  /** Closes the connection if this store opened it. */
  async close(): Promise<void> {
    if (!this.ownsConnection) return;
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }

  /**
   * A command that timed out on our side may still run on Redis (it was sent; the reply came late):
   * the caller then falls back as if nothing was taken, so whatever the command took would stay held
   * until its TTL (a concurrency slot or a budget reservation for minutes). The undo goes out right
   * behind it on the same connection, so Redis runs it after the command whenever the command ran.
   */
  private async undoneOnFailure<T>(command: Promise<T>, undo: () => Promise<unknown>): Promise<T> {
    try {
      return await command;
    } catch (error) {
      undo().catch(() => undefined);
      throw error;
    }
  }

  /**
   * Fails `command` when Redis has not answered within the command timeout. The deadline is checked
   * after the event loop's poll phase (`setImmediate`), where a reply already sitting in the socket is
   * read: a process busy for longer than the timeout would otherwise fail commands Redis answered in
   * time, and fall back to per-process limits for no outage at all.
   */
  private timed<T>(command: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(
        () =>
          setImmediate(() => {
            if (settled) return;
            settled = true;
            reject(new RedisCommandTimeout(this.commandTimeoutMs));
          }),
        this.commandTimeoutMs,
      );
      command.then(
        (value) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  private nextId(): string {
    this.sequence = (this.sequence + 1) % Number.MAX_SAFE_INTEGER;
    return this.idPrefix + this.sequence.toString(36);
  }
}

/** A limits command Redis did not answer in time (the store then degrades to this process's memory). */
export class RedisCommandTimeout extends Error {
  constructor(ms: number) {
    super(`Redis command timed out: no answer to a limits command within ${ms} ms`);
    this.name = 'RedisCommandTimeout';
  }
}
