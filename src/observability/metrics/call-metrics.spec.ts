import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../audit/call-records/call-record';
import { aCallRecord } from '../testing/call-record.fixture';
import { CallMetrics, nanoUsdToUsd, servingTarget } from './call-metrics';
import { LabelBudget, OVERFLOW_LABEL_VALUE } from './label-budget';

type Labels = Record<string, string | number>;

async function sample(registry: Registry, name: string, labels: Labels = {}): Promise<number | undefined> {
  const metricName = name.replace(/_(bucket|sum|count)$/, '');
  const metric = registry.getSingleMetric(metricName);
  if (!metric) throw new Error(`no metric ${metricName}`);
  const { values } = await metric.get();
  const found = values.find(
    (value) =>
      ((value as { metricName?: string }).metricName ?? metricName) === name && Object.entries(labels).every(([key, expected]) => String(value.labels[key]) === String(expected)),
  );
  return found?.value;
}

function setup(lookedUpCache: (record: CallRecord) => boolean = () => false, maxLabelValues?: number) {
  const registry = new Registry();
  const metrics = new CallMetrics(registry, lookedUpCache, new LabelBudget(registry, maxLabelValues));
  return { registry, metrics };
}

describe('CallMetrics', () => {
  it('counts requests by endpoint, route, target, status and error class', async () => {
    const { registry, metrics } = setup();
    metrics.observe(aCallRecord());
    metrics.observe(aCallRecord());
    metrics.observe(aCallRecord({ routeName: 'chat-default', status: 502, errorClass: 'upstream_error', errorCode: 'upstream_error', target: null }));
    expect(await sample(registry, 'portico_requests_total', { endpoint: 'chat.completions', route: '', target: 'mock/mock-chat', status: 200, error_class: '' })).toBe(2);
    expect(await sample(registry, 'portico_requests_total', { route: 'chat-default', target: 'mock/mock-chat', status: 502, error_class: 'upstream_error' })).toBe(1);
  });

  it('observes the duration in seconds, and time to first byte only for streams', async () => {
    const { registry, metrics } = setup();
    metrics.observe(aCallRecord({ latencyMs: 3 }));
    metrics.observe(aCallRecord({ stream: true, latencyMs: 2_000, ttfbMs: 180 }));
    expect(await sample(registry, 'portico_request_duration_seconds_count', { endpoint: 'chat.completions', target: 'mock/mock-chat' })).toBe(2);
    expect(await sample(registry, 'portico_request_duration_seconds_bucket', { le: 0.005 })).toBe(1);
    expect(await sample(registry, 'portico_request_duration_seconds_sum')).toBeCloseTo(2.003, 6);
    expect(await sample(registry, 'portico_stream_ttfb_seconds_count')).toBe(1);
    expect(await sample(registry, 'portico_stream_ttfb_seconds_bucket', { le: 0.25 })).toBe(1);
    expect(await sample(registry, 'portico_stream_ttfb_seconds_bucket', { le: 0.1 })).toBe(0);
  });

  it('adds tokens by kind and model, and cost in USD', async () => {
    const { registry, metrics } = setup();
    metrics.observe(aCallRecord({ promptTokens: 100, completionTokens: 20, cachedTokens: 64, reasoningTokens: 7, costNanoUsd: 2_500_000 }));
    metrics.observe(aCallRecord({ promptTokens: 1, completionTokens: 2, costNanoUsd: 500_000 }));
    metrics.observe(aCallRecord({ costNanoUsd: null }));
    expect(await sample(registry, 'portico_tokens_total', { kind: 'prompt', model: 'mock-chat' })).toBe(113);
    expect(await sample(registry, 'portico_tokens_total', { kind: 'completion', model: 'mock-chat' })).toBe(52);
    expect(await sample(registry, 'portico_tokens_total', { kind: 'cached', model: 'mock-chat' })).toBe(64);
    expect(await sample(registry, 'portico_tokens_total', { kind: 'reasoning', model: 'mock-chat' })).toBe(7);
    expect(await sample(registry, 'portico_cost_usd_total', { model: 'mock-chat' })).toBeCloseTo(0.003, 12);
  });

  it('records no usage for a call no upstream answered', async () => {
    const { registry, metrics } = setup();
    metrics.observe(aCallRecord({ model: null, target: null, attempts: [], status: 401, errorClass: 'authentication', promptTokens: 0, completionTokens: 0, costNanoUsd: null }));
    expect((await registry.getSingleMetric('portico_tokens_total')!.get()).values).toEqual([]);
    expect(await sample(registry, 'portico_requests_total', { target: '', status: 401, error_class: 'authentication' })).toBe(1);
  });

  it('counts every failed attempt as an upstream error of its target and class', async () => {
    const { registry, metrics } = setup();
    metrics.observe(
      aCallRecord({
        attempts: [
          { target: 'openai/gpt-4o', status: 503, errorClass: 'server', ms: 20 },
          { target: 'openai/gpt-4o', status: 429, errorClass: 'rate_limit', ms: 5 },
          { target: 'mock/mock-chat', ms: 30 },
        ],
      }),
    );
    expect(await sample(registry, 'portico_upstream_errors_total', { target: 'openai/gpt-4o', class: 'server' })).toBe(1);
    expect(await sample(registry, 'portico_upstream_errors_total', { target: 'openai/gpt-4o', class: 'rate_limit' })).toBe(1);
    expect(await sample(registry, 'portico_upstream_errors_total', { target: 'mock/mock-chat' })).toBeUndefined();
  });

  it('counts cache hits, and misses only where the policy says the cache was looked up', async () => {
    const { registry, metrics } = setup((record) => record.routeName === 'cached-route');
    metrics.observe(aCallRecord({ routeName: 'cached-route', cacheHit: true, attempts: [] }));
    metrics.observe(aCallRecord({ routeName: 'cached-route' }));
    metrics.observe(aCallRecord({ routeName: 'other-route' }));
    expect(await sample(registry, 'portico_cache_lookups_total', { route: 'cached-route', result: 'hit' })).toBe(1);
    expect(await sample(registry, 'portico_cache_lookups_total', { route: 'cached-route', result: 'miss' })).toBe(1);
    expect(await sample(registry, 'portico_cache_lookups_total', { route: 'other-route' })).toBeUndefined();
  });

  it('counts limit rejections by kind and guard blocks by guard and phase', async () => {
    const { registry, metrics } = setup();
    metrics.observe(aCallRecord({ status: 429, errorClass: 'rate_limited', model: null, target: null, attempts: [] }));
    metrics.observe(aCallRecord({ status: 429, errorClass: 'budget_exceeded', model: null, target: null, attempts: [] }));
    metrics.observe(aCallRecord({ status: 429, errorClass: 'upstream_rate_limited' }));
    metrics.observe(
      aCallRecord({
        status: 400,
        errorClass: 'guard_blocked',
        guardVerdicts: [
          { guardId: 'guard-pii-redaction', version: '1.0.0', phase: 'request', action: 'modify', counts: { email: 1 } },
          { guardId: 'guard-prompt-injection', version: '1.0.0', phase: 'request', action: 'block', counts: { match: 1 } },
        ],
      }),
    );
    expect(await sample(registry, 'portico_limit_rejections_total', { kind: 'rate_limited' })).toBe(1);
    expect(await sample(registry, 'portico_limit_rejections_total', { kind: 'budget_exceeded' })).toBe(1);
    expect((await registry.getSingleMetric('portico_limit_rejections_total')!.get()).values).toHaveLength(2);
    expect(await sample(registry, 'portico_guard_blocks_total', { guard: 'guard-prompt-injection', phase: 'request' })).toBe(1);
    expect(await sample(registry, 'portico_guard_blocks_total', { guard: 'guard-pii-redaction' })).toBeUndefined();
  });

  it('never labels by request id, key id or workspace id', async () => {
    const { registry, metrics } = setup();
    const record = aCallRecord();
    metrics.observe(record);
    const text = await registry.metrics();
    for (const secretish of [record.requestId, record.apiKeyId!, record.workspaceId!, record.callId]) expect(text).not.toContain(secretish);
  });

  it('folds target values past the label budget into __other__ and counts the overflow', async () => {
    const { registry, metrics } = setup(() => false, 2);
    for (const model of ['a', 'b', 'c', 'd']) metrics.observe(aCallRecord({ target: `mock/${model}`, attempts: [{ target: `mock/${model}`, ms: 1 }] }));
    expect(await sample(registry, 'portico_requests_total', { target: 'mock/a' })).toBe(1);
    expect(await sample(registry, 'portico_requests_total', { target: 'mock/b' })).toBe(1);
    expect(await sample(registry, 'portico_requests_total', { target: OVERFLOW_LABEL_VALUE })).toBe(2);
    expect(await sample(registry, 'portico_metrics_label_overflow_total', { label: 'target' })).toBe(2);
  });
});

describe('servingTarget and nanoUsdToUsd', () => {
  it('falls back to the last attempted target, then to none', () => {
    expect(servingTarget(aCallRecord({ target: null, attempts: [{ target: 'a/x', ms: 1 }, { target: 'b/y', ms: 1 }] }))).toBe('b/y');
    expect(servingTarget(aCallRecord({ target: null, attempts: [] }))).toBe('');
  });

  it('converts nano-USD to USD', () => {
    expect(nanoUsdToUsd(1_000_000_000)).toBe(1);
    expect(nanoUsdToUsd(150)).toBeCloseTo(1.5e-7, 15);
  });
});
