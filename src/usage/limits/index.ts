export * from './counter-store';
export { MemoryCounterStore, type MemoryCounterStoreOptions } from './memory-counter-store';
export { RedisCounterStore, type RedisCounterStoreOptions } from './redis-counter-store';
export { DegradingCounterStore, type DegradingCounterStoreOptions, type ProbedCounterStore } from './degrading-counter-store';
