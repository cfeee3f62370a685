import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallRecords } from '../../src/audit/call-records/call-records';
import { aCallRecord } from '../../src/observability/testing/call-record.fixture';
import { type CollectedSpan, type FakeOtlpCollector, OtlpSpanKind, OtlpStatusCode, startFakeOtlpCollector } from '../support/fakes/otlp-collector';
import { findFreePort } from '../support/ports';
import { startTestApp, type TestApp } from '../support/test-app';

const KEY = 'e2e-tracing-bootstrap-key-0123456789';
const CALLER_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN_ID = '00f067aa0ba902b7';

const requestSpanOf = (spans: CollectedSpan[], requestId: string) =>
  spans.find((span) => span.kind === OtlpSpanKind.SERVER && span.attributes['portico.request_id'] === requestId);
const childrenOf = (spans: CollectedSpan[], parent: CollectedSpan) => spans.filter((span) => span.parentSpanId === parent.spanId);

describe('OpenTelemetry traces over OTLP/HTTP', () => {
  let collector: FakeOtlpCollector;
  let subject: TestApp;
  let base: string;

  beforeAll(async () => {
    collector = await startFakeOtlpCollector();
    subject = await startTestApp({ PORTICO_BOOTSTRAP_API_KEY: KEY, OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_SERVICE_NAME: 'portico-e2e' });
    const port = await findFreePort();
    await subject.app.listen({ port, host: '127.0.0.1' });
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await subject?.close();
    await collector?.close();
  });

  it('exports one SERVER span per call with GenAI attributes and a CLIENT child per attempt, in JSON to <endpoint>/v1/traces', async () => {
    const record = aCallRecord({
      routeName: 'chat-default',
      requestedModel: 'chat-default',
      provider: 'provider-openai',
      target: 'oai/gpt-4o-mini',
      model: 'gpt-4o-mini',
      latencyMs: 400,
      promptTokens: 21,
      completionTokens: 34,
      costNanoUsd: 42_000,
      attempts: [
        { target: 'azure/gpt-4o', status: 503, errorClass: 'server', ms: 120 },
        { target: 'oai/gpt-4o-mini', ms: 200 },
      ],
    });
    subject.app.get(CallRecords).publish(record);

    const spans = await collector.waitFor((received) => requestSpanOf(received, record.requestId) !== undefined);
    expect(collector.requests()[0]).toMatchObject({ path: '/v1/traces', contentType: 'application/json', status: 200 });
    const request = requestSpanOf(spans, record.requestId)!;
    expect(request).toMatchObject({
      name: 'chat chat-default',
      parentSpanId: '',
      statusCode: OtlpStatusCode.UNSET,
      resource: { 'service.name': 'portico-e2e' },
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'chat-default',
        'gen_ai.response.model': 'gpt-4o-mini',
        'gen_ai.usage.input_tokens': 21,
        'gen_ai.usage.output_tokens': 34,
        'http.response.status_code': 200,
        'portico.route': 'chat-default',
        'portico.attempts': 2,
        'portico.cost_usd': 0.000042,
        'portico.cache_hit': false,
      },
    });
    const startNs = BigInt(record.startedAt.getTime()) * 1_000_000n;
    expect(request.startTimeUnixNano).toBe(startNs);
    expect(request.endTimeUnixNano).toBe(startNs + 400_000_000n);

    const attempts = childrenOf(spans, request).sort((a, b) => Number(a.attributes['portico.attempt']) - Number(b.attributes['portico.attempt']));
    expect(attempts.map((span) => [span.name, span.kind, span.traceId, span.statusCode])).toEqual([
      ['chat gpt-4o', OtlpSpanKind.CLIENT, request.traceId, OtlpStatusCode.ERROR],
      ['chat gpt-4o-mini', OtlpSpanKind.CLIENT, request.traceId, OtlpStatusCode.UNSET],
    ]);
    expect(attempts[0].attributes).toMatchObject({ 'portico.target': 'azure/gpt-4o', 'error.type': 'server', 'http.response.status_code': 503 });
    expect(attempts[1].startTimeUnixNano).toBe(startNs + 120_000_000n);
    expect(attempts[1].endTimeUnixNano).toBe(startNs + 320_000_000n);
  });

  it('traces a real /v1/chat/completions call, continuing the caller’s traceparent header', async () => {
    const response = await fetch(`${base}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', traceparent: `00-${CALLER_TRACE_ID}-${CALLER_SPAN_ID}-01` },
      body: JSON.stringify({ model: 'mock/mock-chat', messages: [{ role: 'user', content: 'Trace me' }] }),
    });
    expect(response.status).toBe(200);
    const { usage } = (await response.json()) as { usage: { prompt_tokens: number; completion_tokens: number } };
    const requestId = response.headers.get('x-request-id')!;

    const spans = await collector.waitFor((received) => requestSpanOf(received, requestId) !== undefined);
    const request = requestSpanOf(spans, requestId)!;
    expect(request).toMatchObject({
      traceId: CALLER_TRACE_ID,
      parentSpanId: CALLER_SPAN_ID,
      name: 'chat mock/mock-chat',
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'mock',
        'gen_ai.request.model': 'mock/mock-chat',
        'gen_ai.response.model': 'mock-chat',
        'gen_ai.usage.input_tokens': usage.prompt_tokens,
        'gen_ai.usage.output_tokens': usage.completion_tokens,
        'http.response.status_code': 200,
        'portico.target': 'mock/mock-chat',
        'portico.attempts': 1,
        'portico.stream': false,
      },
    });
    expect(request.attributes['error.type']).toBeUndefined();
    expect(request.endTimeUnixNano).toBeGreaterThan(request.startTimeUnixNano);
    const [attempt, ...others] = childrenOf(spans, request);
    expect(others).toEqual([]);
    expect(attempt).toMatchObject({ traceId: CALLER_TRACE_ID, kind: OtlpSpanKind.CLIENT, name: 'chat mock-chat', attributes: { 'portico.target': 'mock/mock-chat' } });
    expect(attempt.startTimeUnixNano).toBeGreaterThanOrEqual(request.startTimeUnixNano);
    expect(attempt.endTimeUnixNano).toBeLessThanOrEqual(request.endTimeUnixNano);
  });

  it('continues the caller’s trace from traceparent, and starts a new one when it is invalid', async () => {
    const continued = aCallRecord({ traceparent: `00-${CALLER_TRACE_ID}-${CALLER_SPAN_ID}-01` });
    const invalid = aCallRecord({ traceparent: `00-${CALLER_TRACE_ID}-not-a-span-id-01` });
    const records = subject.app.get(CallRecords);
    records.publish(continued);
    records.publish(invalid);

    const spans = await collector.waitFor((received) => !!requestSpanOf(received, continued.requestId) && !!requestSpanOf(received, invalid.requestId));
    const continuedSpan = requestSpanOf(spans, continued.requestId)!;
    expect(continuedSpan.traceId).toBe(CALLER_TRACE_ID);
    expect(continuedSpan.parentSpanId).toBe(CALLER_SPAN_ID);
    expect(childrenOf(spans, continuedSpan).every((child) => child.traceId === CALLER_TRACE_ID)).toBe(true);
    const invalidSpan = requestSpanOf(spans, invalid.requestId)!;
    expect(invalidSpan.traceId).not.toBe(CALLER_TRACE_ID);
    expect(invalidSpan.parentSpanId).toBe('');
  });

  it('marks a failed call as an error with error.type, and counts exported spans in /metrics', async () => {
    const failed = aCallRecord({ status: 504, errorClass: 'upstream_timeout', errorCode: 'timeout', target: null, model: null, attempts: [{ target: 'mock/mock-chat', status: 504, errorClass: 'timeout', ms: 30 }] });
    subject.app.get(CallRecords).publish(failed);
    const spans = await collector.waitFor((received) => requestSpanOf(received, failed.requestId) !== undefined);
    expect(requestSpanOf(spans, failed.requestId)).toMatchObject({ statusCode: OtlpStatusCode.ERROR, attributes: { 'error.type': 'upstream_timeout', 'http.response.status_code': 504 } });

    // Every span the collector holds was counted as exported (the count lands just after the collector's answer).
    const exportedCount = async () => {
      const metrics = (await subject.app.inject({ method: 'GET', url: '/metrics' })).body;
      return Number(/^portico_trace_spans_exported_total\{result="success"\} (\d+)$/m.exec(metrics)?.[1]);
    };
    await expect.poll(exportedCount, { timeout: 5_000 }).toBe(collector.spans().length);
  });

  it('delivers every span published before shutdown by the time close() resolves', async () => {
    const shutdownCollector = await startFakeOtlpCollector();
    const app = await startTestApp({ OTEL_EXPORTER_OTLP_ENDPOINT: `${shutdownCollector.url}/` });
    try {
      const record = aCallRecord();
      app.app.get(CallRecords).publish(record);
      expect(shutdownCollector.spans()).toEqual([]);
      await app.close();
      expect(requestSpanOf(shutdownCollector.spans(), record.requestId)).toBeDefined();
    } finally {
      await shutdownCollector.close();
    }
  });
});

describe('without OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  it('builds no tracer and registers no trace metrics', async () => {
    const subject = await startTestApp();
    try {
      subject.app.get(CallRecords).publish(aCallRecord());
      const metrics = (await subject.app.inject({ method: 'GET', url: '/metrics' })).body;
      expect(metrics).toContain('portico_requests_total');
      expect(metrics).not.toContain('portico_trace_spans');
    } finally {
      await subject.close();
    }
  });
});
