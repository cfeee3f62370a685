import { SpanKind } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { InMemorySpanExporter, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { aCallRecord } from '../testing/call-record.fixture';
import { CallTracing } from './call-tracing';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN_ID = '00f067aa0ba902b7';

class FailingExporter implements SpanExporter {
  export(_spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    done({ code: ExportResultCode.FAILED, error: new Error('collector down') });
  }

  async shutdown(): Promise<void> {}
}

/** Keeps what it exported even after shutdown (the SDK's in-memory exporter forgets on shutdown). */
class KeepingExporter implements SpanExporter {
  readonly exported: ReadableSpan[] = [];

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.exported.push(...spans);
    done({ code: ExportResultCode.SUCCESS });
  }

  async shutdown(): Promise<void> {}
}

describe('CallTracing', () => {
  const open: CallTracing[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((tracing) => tracing.shutdown()));
  });

  function setup(exporter: SpanExporter = new InMemorySpanExporter(), onExportHealth?: (healthy: boolean) => void, scheduledDelayMillis?: number) {
    const registry = new Registry();
    const tracing = new CallTracing({ serviceName: 'portico-test', exporter, registry, onExportHealth, scheduledDelayMillis });
    open.push(tracing);
    return { tracing, registry };
  }

  it('exports the request span with its attempts as children, at the record’s own times', async () => {
    const exporter = new InMemorySpanExporter();
    const { tracing } = setup(exporter);
    const record = aCallRecord({
      latencyMs: 300,
      attempts: [
        { target: 'mock/mock-chat', status: 500, errorClass: 'server', ms: 100 },
        { target: 'mock/mock-chat', ms: 150 },
      ],
    });
    tracing.record(record);
    await tracing.flush();

    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(3);
    const request = spans.find((span) => span.kind === SpanKind.SERVER)!;
    const attempts = spans.filter((span) => span.kind === SpanKind.CLIENT);
    expect(request.name).toBe('chat mock/mock-chat');
    expect(request.parentSpanContext).toBeUndefined();
    expect(request.resource.attributes['service.name']).toBe('portico-test');
    expect(request.attributes['portico.request_id']).toBe(record.requestId);
    expect(request.startTime).toEqual([Math.floor(record.startedAt.getTime() / 1000), 0]);
    expect(request.endTime).toEqual([Math.floor(record.startedAt.getTime() / 1000), 300_000_000]);
    for (const attempt of attempts) {
      expect(attempt.spanContext().traceId).toBe(request.spanContext().traceId);
      expect(attempt.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    }
    expect(attempts.map((span) => span.attributes['portico.attempt'])).toEqual([1, 2]);
  });

  it('continues the caller’s trace from a valid traceparent and starts a new one from an invalid one', async () => {
    const exporter = new InMemorySpanExporter();
    const { tracing } = setup(exporter);
    tracing.record(aCallRecord({ requestId: 'continued', traceparent: `00-${TRACE_ID}-${CALLER_SPAN_ID}-01` }));
    tracing.record(aCallRecord({ requestId: 'fresh', traceparent: `00-${TRACE_ID}-${'0'.repeat(16)}-01` }));
    await tracing.flush();
    const byRequest = (id: string) => exporter.getFinishedSpans().find((span) => span.kind === SpanKind.SERVER && span.attributes['portico.request_id'] === id)!;
    expect(byRequest('continued').spanContext().traceId).toBe(TRACE_ID);
    expect(byRequest('continued').parentSpanContext).toMatchObject({ traceId: TRACE_ID, spanId: CALLER_SPAN_ID, isRemote: true });
    expect(byRequest('fresh').spanContext().traceId).not.toBe(TRACE_ID);
    expect(byRequest('fresh').parentSpanContext).toBeUndefined();
  });

  it('honours a caller that did not sample its trace', async () => {
    const exporter = new InMemorySpanExporter();
    const { tracing, registry } = setup(exporter);
    tracing.record(aCallRecord({ traceparent: `00-${TRACE_ID}-${CALLER_SPAN_ID}-00` }));
    await tracing.flush();
    expect(exporter.getFinishedSpans()).toEqual([]);
    expect((await registry.getSingleMetric('portico_trace_spans_ended_total')!.get()).values[0].value).toBe(0);
  });

  it('exports nothing on the request path and everything queued at shutdown', async () => {
    const exporter = new KeepingExporter();
    const { tracing } = setup(exporter, undefined, 3_600_000);
    tracing.record(aCallRecord());
    tracing.record(aCallRecord());
    expect(exporter.exported).toEqual([]);
    await tracing.shutdown();
    expect(exporter.exported.map((span) => span.kind)).toEqual([SpanKind.CLIENT, SpanKind.SERVER, SpanKind.CLIENT, SpanKind.SERVER]);
  });

  it('counts exported and failed spans and reports the exporter’s health once per change', async () => {
    const health: boolean[] = [];
    const { tracing, registry } = setup(new FailingExporter(), (healthy) => health.push(healthy));
    tracing.record(aCallRecord());
    await tracing.flush();
    tracing.record(aCallRecord());
    await tracing.flush();
    const exported = await registry.getSingleMetric('portico_trace_spans_exported_total')!.get();
    expect(exported.values).toEqual([expect.objectContaining({ labels: { result: 'failure' }, value: 4 })]);
    expect((await registry.getSingleMetric('portico_trace_spans_ended_total')!.get()).values[0].value).toBe(4);
    expect(health).toEqual([false]);
  });
});
