import { Inject, Injectable, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { CallRecord } from '../audit/call-records/call-record';
import { CallRecords } from '../audit/call-records/call-records';
import type { PorticoConfig } from '../config/portico-config';
import { ResilientExecutor } from '../gateway/routing/resilient-executor';
import { RouteSnapshot } from '../gateway/routing/route-snapshot';
import { RoutingModule } from '../gateway/routing/routing.module';
import { PINO_LOGGER, PORTICO_CONFIG } from '../runtime.tokens';
import { METRICS_REGISTRY } from './metrics-registry';
import { registerBreakerMetrics } from './metrics/breaker-metrics';
import { type CacheLookupPolicy, CallMetrics } from './metrics/call-metrics';
import { LabelBudget } from './metrics/label-budget';
import { MetricsAccess } from './metrics/metrics-access';
import { MetricsController } from './metrics/metrics.controller';
import { CallTracing } from './tracing/call-tracing';

/** The optional tracer: `null` unless `OTEL_EXPORTER_OTLP_ENDPOINT` is set. */
export const CALL_TRACING = Symbol('CallTracing');

/** Endpoints whose pipeline consults the response cache (non-streamed only). */
const CACHED_ENDPOINTS: ReadonlySet<CallRecord['endpoint']> = new Set(['chat.completions']);

/**
 * A call looked the cache up when its route caches, it was not streamed, and it got as far as the
 * cache (proof: it reached an upstream or hit). Refusals before the lookup (key, limits) are not misses.
 */
export function routeCacheLookups(routes: RouteSnapshot): CacheLookupPolicy {
  return (record) =>
    CACHED_ENDPOINTS.has(record.endpoint) &&
    !record.stream &&
    record.attempts.length > 0 &&
    record.workspaceId !== null &&
    record.routeName !== null &&
    (routes.get(record.workspaceId, record.routeName)?.cacheTtlSeconds ?? 0) > 0;
}

/** `OTEL_EXPORTER_OTLP_ENDPOINT` is the collector's base URL; traces go to `<base>/v1/traces`, as the OTLP spec says. */
export function otlpTracesUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}

@Injectable()
class ObservabilityLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly unsubscribes: Array<() => void> = [];

  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    private readonly records: CallRecords,
    private readonly metrics: CallMetrics,
    private readonly labels: LabelBudget,
    private readonly executor: ResilientExecutor,
    @Inject(CALL_TRACING) private readonly tracing: CallTracing | null,
  ) {}

  onModuleInit(): void {
    registerBreakerMetrics(this.registry, () => this.executor.breakerStatesByTarget(), this.labels);
    this.unsubscribes.push(this.records.subscribe((record) => this.metrics.observe(record)));
    if (this.tracing) this.unsubscribes.push(this.records.subscribe(this.tracing.record));
  }

  /** After the HTTP server stopped and in-flight calls published their records: export the last spans. */
  async onApplicationShutdown(): Promise<void> {
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
    await this.tracing?.shutdown();
  }
}

/** Prometheus `GET /metrics` and OpenTelemetry traces, both derived from the `CallRecords` fan-out (#6). */
@Module({
  imports: [RoutingModule],
  controllers: [MetricsController],
  providers: [
    { provide: MetricsAccess, useFactory: (config: PorticoConfig) => new MetricsAccess(config.observability.metricsToken), inject: [PORTICO_CONFIG] },
    { provide: LabelBudget, useFactory: (registry: Registry) => new LabelBudget(registry), inject: [METRICS_REGISTRY] },
    {
      provide: CallMetrics,
      useFactory: (registry: Registry, routes: RouteSnapshot, labels: LabelBudget) => new CallMetrics(registry, routeCacheLookups(routes), labels),
      inject: [METRICS_REGISTRY, RouteSnapshot, LabelBudget],
    },
    {
      provide: CALL_TRACING,
      useFactory: (config: PorticoConfig, registry: Registry, logger: Logger): CallTracing | null => {
        const { otlpEndpoint, serviceName } = config.observability;
        if (!otlpEndpoint) return null;
        const log = logger.child({ component: 'tracing' });
        return new CallTracing({
          serviceName,
          registry,
          exporter: new OTLPTraceExporter({ url: otlpTracesUrl(otlpEndpoint) }),
          onExportHealth: (healthy, error) =>
            healthy ? log.info('trace export recovered') : log.warn({ err: error }, 'trace export is failing; spans are dropped until the collector answers'),
        });
      },
      inject: [PORTICO_CONFIG, METRICS_REGISTRY, PINO_LOGGER],
    },
    ObservabilityLifecycle,
  ],
})
export class ObservabilityModule {}
