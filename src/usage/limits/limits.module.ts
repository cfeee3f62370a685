import { Module } from '@nestjs/common';
import type { Logger } from 'pino';
import type { PorticoConfig } from '../../config/portico-config';
import { PINO_LOGGER, PORTICO_CONFIG } from '../../runtime.tokens';
import type { CounterStore } from './counter-store';
import { DegradingCounterStore } from './degrading-counter-store';
import { MemoryCounterStore } from './memory-counter-store';
import { RedisCounterStore } from './redis-counter-store';

/** Injection token of the process-wide {@link CounterStore}. */
export const COUNTER_STORE = Symbol('CounterStore');

/**
 * Without `REDIS_URL`: a {@link MemoryCounterStore} (one process). With it: a
 * {@link DegradingCounterStore} over Redis that falls back to memory while Redis is down.
 */
export async function createCounterStore(config: PorticoConfig, logger: Logger): Promise<CounterStore> {
  if (!config.redisUrl) return new MemoryCounterStore();
  const log = logger.child({ component: 'limits' });
  const redis = new RedisCounterStore(config.redisUrl);
  const store = new DegradingCounterStore(redis, new MemoryCounterStore(), log);
  try {
    await redis.ready();
  } catch (error) {
    // Booting without Redis is degraded, not fatal: the first command fails and the store falls back.
    log.warn({ err: error instanceof Error ? error.message : String(error) }, 'Redis not ready at boot; limits start in local mode');
  }
  return store;
}

/**
 * Provides {@link COUNTER_STORE}; import it where rate limits, concurrency limits or budgets are
 * enforced. `UsageModule` closes the store at shutdown, after the settlements that use it.
 */
@Module({
  providers: [{ provide: COUNTER_STORE, useFactory: createCounterStore, inject: [PORTICO_CONFIG, PINO_LOGGER] }],
  exports: [COUNTER_STORE],
})
export class LimitsModule {}
