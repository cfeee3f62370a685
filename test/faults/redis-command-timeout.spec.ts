import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisCounterStore } from '../../src/usage/limits';
import { findFreePort } from '../support/ports';
import { RedisServer } from './support/redis-server';

/** Blocks this Redis for `ms` with a busy Lua script, as a slow or overloaded server would. */
const BUSY = `local t = redis.call('TIME'); local from = t[1] * 1000000 + t[2]
while true do local n = redis.call('TIME'); if n[1] * 1000000 + n[2] - from > tonumber(ARGV[1]) * 1000 then break end end
return 1`;

/**
 * Found by the fault suite: a counter-store command that times out on Portico's side may still run on
 * Redis, and the lease or reservation it took stayed held until its TTL (about a minute) while the
 * request had fallen back to memory. Its own redis-server, since the test blocks the whole server.
 */
describe('Redis counter store when a command times out but runs anyway', () => {
  let server: RedisServer;
  let store: RedisCounterStore;
  let blocker: Redis;
  const prefix = 'timeout-test:';

  beforeAll(async () => {
    server = new RedisServer(await findFreePort());
    await server.start();
    store = new RedisCounterStore(server.url, { prefix, commandTimeoutMs: 50 });
    await store.ready();
    blocker = new Redis(server.url);
  });
  afterAll(async () => {
    await store?.close();
    blocker?.disconnect();
    await server?.stop();
  });

  async function whileRedisIsBusy<T>(work: () => Promise<T>): Promise<unknown> {
    const busy = blocker.eval(BUSY, 0, 300);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const outcome = await work().then(
      () => 'answered',
      (error: Error) => error.message,
    );
    await busy;
    await new Promise((resolve) => setTimeout(resolve, 50));
    return outcome;
  }

  it('gives back the concurrency lease that a timed-out acquire took', async () => {
    expect(await whileRedisIsBusy(() => store.acquire('rule', 10, 60_000))).toMatch(/timed out/i);
    expect(await blocker.zcard(`${prefix}cc:rule`)).toBe(0);
  });

  it('cancels the budget reservation that a timed-out reserve took', async () => {
    expect(await whileRedisIsBusy(() => store.reserve('budget', 1_000, 1_000_000, 60_000))).toMatch(/timed out/i);
    expect(await store.spent('budget')).toEqual({ settled: 0, reserved: 0 });
  });
});
