import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallRecords } from '../../src/audit/call-records/call-records';
import { aCallRecord } from '../../src/observability/testing/call-record.fixture';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fakes/openai-upstream';
import { findFreePort } from '../support/ports';
import { startTestApp, type TestApp } from '../support/test-app';

const KEY = 'e2e-metrics-bootstrap-key-0123456789';
const METRICS_TOKEN = 'metrics-scrape-token-0123456789';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

interface Exposition {
  types: Map<string, string>;
  samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: -?\d+)?$/;
const LABEL_PAIR = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/y;

/** A strict reader of the Prometheus text format (0.0.4): throws on any line it does not understand. */
function parseExposition(text: string): Exposition {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('# HELP ')) continue;
    if (line.startsWith('# TYPE ')) {
      const [name, type] = line.slice('# TYPE '.length).split(' ');
      if (!METRIC_NAME.test(name) || !['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(type)) throw new Error(`bad TYPE line: ${line}`);
      types.set(name, type);
      continue;
    }
    const match = SAMPLE_LINE.exec(line);
    if (!match) throw new Error(`bad sample line: ${line}`);
    const [, name, labelText, valueText] = match;
    const value = parseValue(valueText);
    if (value === undefined) throw new Error(`bad value: ${line}`);
    const family = name.replace(/_(bucket|sum|count)$/, '');
    if (!types.has(name) && !types.has(family)) throw new Error(`sample without a TYPE: ${line}`);
    samples.push({ name, labels: parseLabels(labelText ?? '', line), value });
  }
  return { types, samples };
}

/** Like Prometheus (Go's ParseFloat): NaN and ±Inf in any letter case. */
function parseValue(text: string): number | undefined {
  if (/^nan$/i.test(text)) return NaN;
  if (/^\+?inf$/i.test(text)) return Infinity;
  if (/^-inf$/i.test(text)) return -Infinity;
  const value = Number(text);
  return Number.isNaN(value) ? undefined : value;
}

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL_PAIR.lastIndex = 0;
  while (LABEL_PAIR.lastIndex < text.length) {
    const match = LABEL_PAIR.exec(text);
    if (!match) throw new Error(`bad labels: ${line}`);
    labels[match[1]] = match[2].replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
  }
  return labels;
}

function valueOf(exposition: Exposition, name: string, labels: Record<string, string> = {}): number {
  return exposition.samples
    .filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
    .reduce((sum, sample) => sum + sample.value, 0);
}

describe('GET /metrics', () => {
  let subject: TestApp;
  let upstream: FakeOpenAI;
  let base: string;

  const scrape = async (): Promise<Exposition> => {
    const response = await subject.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    return parseExposition(response.body);
  };

  beforeAll(async () => {
    upstream = await startFakeOpenAI();
    upstream.setScript(() => ({ kind: 'error', status: 500, message: 'upstream is down' }));
    subject = await startTestApp({ PORTICO_BOOTSTRAP_API_KEY: KEY, PORTICO_BREAKER_FAILURE_THRESHOLD: '1', PORTICO_BREAKER_COOLDOWN_MS: '600000' });
    const port = await findFreePort();
    await subject.app.listen({ port, host: '127.0.0.1' });
    base = `http://127.0.0.1:${port}`;
    const workspaceId = subject.runtime.firstRun!.workspaceId;
    const created = await subject.app.inject({
      method: 'POST',
      url: `/admin/workspaces/${workspaceId}/provider-accounts`,
      headers: { authorization: `Bearer ${KEY}` },
      payload: { name: 'flaky', pluginId: 'provider-openai', baseUrl: upstream.baseUrl, credential: 'sk-flaky-credential' },
    });
    expect(created.statusCode).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the account snapshot reloads on NOTIFY
  });
  afterAll(async () => {
    await subject?.close();
    await upstream?.close();
  });

  it('answers the Prometheus text format without credentials, with process and portico metrics declared', async () => {
    const response = await subject.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4; charset=utf-8/);
    const exposition = parseExposition(response.body);
    expect(exposition.types.get('portico_process_cpu_seconds_total')).toBe('counter');
    expect(exposition.types.get('portico_nodejs_heap_size_used_bytes')).toBe('gauge');
    expect(Object.fromEntries([...exposition.types].filter(([name]) => !/^portico_(process|nodejs)_/.test(name) && !name.startsWith('portico_call_log')))).toMatchObject({
      portico_requests_total: 'counter',
      portico_request_duration_seconds: 'histogram',
      portico_stream_ttfb_seconds: 'histogram',
      portico_tokens_total: 'counter',
      portico_cost_usd_total: 'counter',
      portico_upstream_errors_total: 'counter',
      portico_cache_lookups_total: 'counter',
      portico_limit_rejections_total: 'counter',
      portico_guard_blocks_total: 'counter',
      portico_circuit_breaker_state: 'gauge',
      portico_metrics_label_overflow_total: 'counter',
    });
    expect(exposition.types.has('portico_trace_spans_exported_total')).toBe(false); // no OTLP endpoint configured
  });

  it('moves the counters and histograms when call records are published', async () => {
    const before = await scrape();
    const records = subject.app.get(CallRecords);
    records.publish(aCallRecord({ endpoint: 'embeddings', target: 'mock/mock-embed', model: 'mock-embed', latencyMs: 7, costNanoUsd: 2_000_000_000 }));
    records.publish(aCallRecord({ endpoint: 'embeddings', target: 'mock/mock-embed', model: 'mock-embed', latencyMs: 9, promptTokens: 5, completionTokens: 0, costNanoUsd: 500_000_000 }));
    records.publish(aCallRecord({ stream: true, latencyMs: 900, ttfbMs: 40 }));
    records.publish(
      aCallRecord({
        routeName: 'chat-default',
        status: 502,
        errorClass: 'upstream_error',
        target: null,
        model: null,
        attempts: [{ target: 'flaky/gpt-4o', status: 500, errorClass: 'server', ms: 12 }],
      }),
    );
    records.publish(aCallRecord({ status: 429, errorClass: 'budget_exceeded', target: null, model: null, attempts: [] }));
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) => valueOf(after, name, labels) - valueOf(before, name, labels);

    expect(delta('portico_requests_total', { endpoint: 'embeddings', target: 'mock/mock-embed', status: '200', error_class: '' })).toBe(2);
    expect(delta('portico_requests_total', { route: 'chat-default', target: 'flaky/gpt-4o', status: '502', error_class: 'upstream_error' })).toBe(1);
    expect(delta('portico_request_duration_seconds_count', { endpoint: 'embeddings' })).toBe(2);
    expect(delta('portico_request_duration_seconds_bucket', { endpoint: 'embeddings', le: '0.01' })).toBe(2);
    expect(delta('portico_request_duration_seconds_bucket', { endpoint: 'embeddings', le: '0.005' })).toBe(0);
    expect(delta('portico_stream_ttfb_seconds_count', { endpoint: 'chat.completions' })).toBe(1);
    expect(delta('portico_tokens_total', { kind: 'prompt', model: 'mock-embed' })).toBe(17);
    expect(delta('portico_cost_usd_total', { model: 'mock-embed' })).toBeCloseTo(2.5, 9);
    expect(delta('portico_upstream_errors_total', { target: 'flaky/gpt-4o', class: 'server' })).toBe(1);
    expect(delta('portico_limit_rejections_total', { kind: 'budget_exceeded' })).toBe(1);
    for (const sample of after.samples) {
      expect(Object.keys(sample.labels)).not.toEqual(expect.arrayContaining(['request_id']));
      expect(Object.keys(sample.labels).some((label) => /workspace|key|request/.test(label)), sample.name).toBe(false);
    }
  });

  /** Over a real socket: the call record is published when the response has really been written. */
  const chat = async (model: string, extra: Record<string, unknown> = {}, authorization = `Bearer ${KEY}`) => {
    const response = await fetch(`${base}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Hello metrics' }], ...extra }),
    });
    return { statusCode: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
  };

  it('counts real /v1/chat/completions calls: statuses, durations, stream TTFB, tokens, cache hits and misses', async () => {
    const workspaceId = subject.runtime.firstRun!.workspaceId;
    const admin = { authorization: `Bearer ${KEY}` };
    const accounts = (await subject.app.inject({ method: 'GET', url: `/admin/workspaces/${workspaceId}/provider-accounts`, headers: admin })).json();
    const mock = (Array.isArray(accounts) ? accounts : accounts.items).find((account: { name: string }) => account.name === 'mock');
    const route = await subject.app.inject({
      method: 'POST',
      url: `/admin/workspaces/${workspaceId}/routes`,
      headers: admin,
      payload: { alias: 'cached-chat', cacheTtlSeconds: 60, targets: [{ providerAccountId: mock.id, model: 'mock-chat' }] },
    });
    expect(route.statusCode).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the route snapshot reloads on NOTIFY

    const before = await scrape();
    expect((await chat('mock/mock-chat')).statusCode).toBe(200);
    const stream = await chat('mock/mock-chat', { stream: true });
    expect(stream.statusCode).toBe(200);
    expect(stream.body).toContain('data: [DONE]');
    expect((await chat('mock/mock-chat', {}, 'Bearer ptk_not_a_real_key')).statusCode).toBe(401);
    expect((await chat('cached-chat')).headers['x-portico-cache']).toBe('miss');
    expect((await chat('cached-chat')).headers['x-portico-cache']).toBe('hit');
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) => valueOf(after, name, labels) - valueOf(before, name, labels);

    expect(delta('portico_requests_total', { endpoint: 'chat.completions', route: '', target: 'mock/mock-chat', status: '200', error_class: '' })).toBe(2);
    expect(delta('portico_requests_total', { endpoint: 'chat.completions', status: '401', error_class: 'authentication' })).toBe(1);
    expect(delta('portico_requests_total', { route: 'cached-chat', status: '200' })).toBe(2);
    expect(delta('portico_request_duration_seconds_count', { endpoint: 'chat.completions' })).toBe(5);
    expect(delta('portico_stream_ttfb_seconds_count', { endpoint: 'chat.completions', target: 'mock/mock-chat' })).toBe(1);
    expect(delta('portico_tokens_total', { kind: 'prompt', model: 'mock-chat' })).toBeGreaterThan(0);
    expect(delta('portico_tokens_total', { kind: 'completion', model: 'mock-chat' })).toBeGreaterThan(0);
    expect(delta('portico_cache_lookups_total', { route: 'cached-chat', result: 'miss' })).toBe(1);
    expect(delta('portico_cache_lookups_total', { route: 'cached-chat', result: 'hit' })).toBe(1);
    expect(delta('portico_cache_lookups_total', { route: '' })).toBe(0);
  });

  it('shows each target’s breaker state: 0 closed, 2 open', async () => {
    const call = (model: string) => chat(model);
    expect((await call('mock/mock-chat')).statusCode).toBe(200);
    expect((await call('flaky/gpt-4o-mini')).statusCode).toBeGreaterThanOrEqual(500);
    const exposition = await scrape();
    const breakers = exposition.samples.filter((sample) => sample.name === 'portico_circuit_breaker_state');
    expect(breakers).toEqual(
      expect.arrayContaining([
        { name: 'portico_circuit_breaker_state', labels: { target: 'mock/mock-chat' }, value: 0 },
        { name: 'portico_circuit_breaker_state', labels: { target: 'flaky/gpt-4o-mini' }, value: 2 },
      ]),
    );
  });

  it('is documented in the OpenAPI document without the admin security schemes', async () => {
    const document = (await subject.app.inject({ method: 'GET', url: '/docs-json' })).json();
    const operation = document.paths['/metrics'].get;
    expect(operation.tags).toEqual(['observability']);
    expect(operation.security ?? []).toEqual([]);
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '401']));
  });
});

describe('GET /metrics with PORTICO_METRICS_TOKEN', () => {
  let subject: TestApp;

  beforeAll(async () => {
    subject = await startTestApp({ PORTICO_BOOTSTRAP_API_KEY: KEY, PORTICO_METRICS_TOKEN: METRICS_TOKEN });
  });
  afterAll(async () => {
    await subject?.close();
  });

  it.each([
    ['no credentials', {}],
    ['a wrong token', { authorization: `Bearer ${METRICS_TOKEN}-wrong` }],
    ['the admin API key', { authorization: `Bearer ${KEY}` }],
    ['the token without the Bearer scheme', { authorization: METRICS_TOKEN }],
  ])('refuses %s with 401 and a stable code', async (_label, headers) => {
    const response = await subject.app.inject({ method: 'GET', url: '/metrics', headers });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(response.json().error.code).toBe('PORTICO_ERR_UNAUTHENTICATED');
    expect(response.body).not.toContain('portico_');
  });

  it('answers the scrape with the token', async () => {
    const response = await subject.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.statusCode).toBe(200);
    expect(parseExposition(response.body).types.get('portico_requests_total')).toBe('counter');
  });
});
