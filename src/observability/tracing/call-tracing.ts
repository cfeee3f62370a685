import { type Context, ROOT_CONTEXT, type Span, type Tracer, TraceFlags, trace } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOnSampler, BatchSpanProcessor, ParentBasedSampler, type ReadableSpan, type SpanExporter, TracerProvider } from '@opentelemetry/sdk-trace';
import { Counter, type Registry } from 'prom-client';
import type { CallRecord } from '../../audit/call-records/call-record';
import { planCallSpans, type SpanPlan } from './call-spans';
import { parseTraceparent } from './traceparent';

export interface CallTracingOptions {
  readonly serviceName: string;
  readonly exporter: SpanExporter;
  readonly registry: Registry;
  /** Told when exports start failing and when they recover (not once per batch). */
  readonly onExportHealth?: (healthy: boolean, error?: Error) => void;
  /** Spans held for export; past it the processor drops new spans (counted as ended minus exported). */
  readonly maxQueueSize?: number;
  readonly scheduledDelayMillis?: number;
}

/**
 * Turns finished calls into OpenTelemetry spans and exports them in batches, off the request path:
 * the listener only records spans into the batch processor's bounded queue. No global tracer
 * provider and no context manager are installed; parents are passed explicitly.
 */
export class CallTracing {
  private readonly provider: TracerProvider;
  private readonly tracer: Tracer;
  private readonly ended: Counter;

  constructor(options: CallTracingOptions) {
    const exported = new Counter({
      name: 'portico_trace_spans_exported_total',
      help: 'Spans handed to the OTLP exporter, by result (success, failure)',
      labelNames: ['result'],
      registers: [options.registry],
    });
    this.ended = new Counter({
      name: 'portico_trace_spans_ended_total',
      help: 'Spans produced from call records; minus exported spans, the spans still queued or dropped on a full queue',
      registers: [options.registry],
    });
    const exporter = new CountingExporter(options.exporter, (result, count) => exported.inc({ result }, count), options.onExportHealth);
    this.provider = new TracerProvider({
      resource: defaultResource().merge(resourceFromAttributes({ 'service.name': options.serviceName })),
      // Honour the caller's sampling decision from `traceparent`; sample everything else.
      sampler: new ParentBasedSampler({ root: new AlwaysOnSampler() }),
      spanProcessors: [
        new BatchSpanProcessor({
          exporter,
          maxQueueSize: options.maxQueueSize ?? 4096,
          maxExportBatchSize: 512,
          scheduledDelayMillis: options.scheduledDelayMillis ?? 1000,
          exportTimeoutMillis: 10_000,
        }),
      ],
    });
    this.tracer = this.provider.getTracer('portico.gateway');
  }

  /** A `CallRecords` listener: must not throw into the publisher, so errors stay inside the SDK. */
  readonly record = (record: CallRecord): void => {
    const plans = planCallSpans(record);
    const remoteParent = parseTraceparent(record.traceparent);
    const parentContext = remoteParent ? trace.setSpanContext(ROOT_CONTEXT, remoteParent) : ROOT_CONTEXT;
    const requestSpan = this.start(plans.request, parentContext);
    const requestContext = trace.setSpan(ROOT_CONTEXT, requestSpan);
    for (const attempt of plans.attempts) this.finish(this.start(attempt, requestContext), attempt);
    this.finish(requestSpan, plans.request);
  };

  /** Exports what is queued and stops; later records are ignored by the SDK. A failed export was already counted and reported. */
  async shutdown(): Promise<void> {
    await this.provider.shutdown().catch(() => undefined);
  }

  /** Exports what is queued now; resolves either way (see `portico_trace_spans_exported_total`). */
  async flush(): Promise<void> {
    await this.provider.forceFlush().catch(() => undefined);
  }

  private start(plan: SpanPlan, parent: Context): Span {
    return this.tracer.startSpan(plan.name, { kind: plan.kind, startTime: plan.startTime, attributes: plan.attributes }, parent);
  }

  private finish(span: Span, plan: SpanPlan): void {
    span.setStatus(plan.status);
    span.end(plan.endTime);
    // Spans under an unsampled caller trace are never recorded nor exported.
    if (span.spanContext().traceFlags & TraceFlags.SAMPLED) this.ended.inc();
  }
}

/** Counts what the exporter did and reports health transitions, so a dead collector is visible but not a log flood. */
class CountingExporter implements SpanExporter {
  private healthy = true;

  constructor(
    private readonly inner: SpanExporter,
    private readonly count: (result: 'success' | 'failure', spans: number) => void,
    private readonly onHealth: ((healthy: boolean, error?: Error) => void) | undefined,
  ) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.inner.export(spans, (result) => {
      const ok = result.code === ExportResultCode.SUCCESS;
      this.count(ok ? 'success' : 'failure', spans.length);
      if (ok !== this.healthy) {
        this.healthy = ok;
        this.onHealth?.(ok, result.error);
      }
      done(result);
    });
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}
