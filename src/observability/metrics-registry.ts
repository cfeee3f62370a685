import { Global, Module } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The process-wide Prometheus registry. Modules register their own metrics on it (names
 * `portico_*`); `GET /metrics` renders it. One registry per app instance, so tests that boot
 * several apps in one process never collide on metric names.
 */
export const METRICS_REGISTRY = Symbol('MetricsRegistry');

export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  // prom-client's names already start with `process_` / `nodejs_`: `portico_process_cpu_seconds_total`, `portico_nodejs_heap_size_used_bytes`.
  collectDefaultMetrics({ register: registry, prefix: 'portico_' });
  return registry;
}

@Global()
@Module({
  providers: [{ provide: METRICS_REGISTRY, useFactory: createMetricsRegistry }],
  exports: [METRICS_REGISTRY],
})
export class MetricsRegistryModule {}
