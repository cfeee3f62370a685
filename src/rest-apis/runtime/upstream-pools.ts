import { Pool } from 'undici';

/** Timeouts and pool sizes of the connections to REST upstreams. */
export interface UpstreamPoolOptions {
  /** Connections kept per upstream origin. */
  readonly connections: number;
  readonly connectTimeoutMs: number;
  /** Until the upstream's status line and headers. */
  readonly headersTimeoutMs: number;
  /** Between two chunks of the upstream's body (a streamed answer may take longer in total). */
  readonly bodyTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
}

export const DEFAULT_UPSTREAM_POOL_OPTIONS: UpstreamPoolOptions = {
  connections: 64,
  connectTimeoutMs: 5_000,
  headersTimeoutMs: 30_000,
  bodyTimeoutMs: 60_000,
  keepAliveTimeoutMs: 30_000,
};

/** One keep-alive undici pool per upstream origin, made on first use and closed at shutdown. */
export class UpstreamPools {
  private readonly pools = new Map<string, Pool>();

  constructor(private readonly options: UpstreamPoolOptions = DEFAULT_UPSTREAM_POOL_OPTIONS) {}

  for(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connections: this.options.connections,
        keepAliveTimeout: this.options.keepAliveTimeoutMs,
        headersTimeout: this.options.headersTimeoutMs,
        bodyTimeout: this.options.bodyTimeoutMs,
        connect: { timeout: this.options.connectTimeoutMs },
      });
      this.pools.set(origin, pool);
    }
    return pool;
  }

  get size(): number {
    return this.pools.size;
  }

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.allSettled(pools.map((pool) => pool.close()));
  }
}
