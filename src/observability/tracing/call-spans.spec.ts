import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { aCallRecord } from '../testing/call-record.fixture';
import { genAiProviderName, planCallSpans } from './call-spans';

const START = Date.parse('2026-03-01T12:00:00.000Z');

describe('planCallSpans', () => {
  it('makes a SERVER request span with GenAI attributes, named "{operation} {requested model}"', () => {
    const record = aCallRecord({ routeName: 'chat-default', requestedModel: 'chat-default', cachedTokens: 8, reasoningTokens: 3, latencyMs: 55 });
    const { request } = planCallSpans(record);
    expect(request.name).toBe('chat chat-default');
    expect(request.kind).toBe(SpanKind.SERVER);
    expect(request.startTime).toBe(START);
    expect(request.endTime).toBe(START + 55);
    expect(request.status).toEqual({ code: SpanStatusCode.UNSET });
    expect(request.attributes).toEqual({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'mock',
      'gen_ai.request.model': 'chat-default',
      'gen_ai.response.model': 'mock-chat',
      'gen_ai.usage.input_tokens': 12,
      'gen_ai.usage.output_tokens': 30,
      'gen_ai.usage.cache_read.input_tokens': 8,
      'gen_ai.usage.reasoning.output_tokens': 3,
      'http.response.status_code': 200,
      'http.route': '/v1/chat/completions',
      'portico.request_id': record.requestId,
      'portico.call_id': record.callId,
      'portico.endpoint': 'chat.completions',
      'portico.workspace_id': record.workspaceId,
      'portico.route': 'chat-default',
      'portico.target': 'mock/mock-chat',
      'portico.attempts': 1,
      'portico.cost_usd': 0.0015,
      'portico.cache_hit': false,
      'portico.stream': false,
    });
    expect(Object.keys(request.attributes)).not.toContain('portico.api_key_id');
  });

  it('uses the embeddings operation and reports stream timing', () => {
    expect(planCallSpans(aCallRecord({ endpoint: 'embeddings', requestedModel: 'mock/mock-embed' })).request).toMatchObject({
      name: 'embeddings mock/mock-embed',
      attributes: { 'gen_ai.operation.name': 'embeddings', 'http.route': '/v1/embeddings' },
    });
    expect(planCallSpans(aCallRecord({ endpoint: 'messages' })).request.attributes).toMatchObject({ 'gen_ai.operation.name': 'chat', 'http.route': '/v1/messages' });
    expect(planCallSpans(aCallRecord({ stream: true, ttfbMs: 12.5 })).request.attributes).toMatchObject({ 'portico.stream': true, 'portico.ttfb_ms': 12.5 });
  });

  it('names the model list without a GenAI operation', () => {
    const { request } = planCallSpans(aCallRecord({ endpoint: 'models', requestedModel: null, model: null, target: null, attempts: [] }));
    expect(request.name).toBe('GET /v1/models');
    expect(request.attributes['gen_ai.operation.name']).toBeUndefined();
    expect(request.attributes['gen_ai.usage.input_tokens']).toBeUndefined();
  });

  it('marks upstream and internal failures as errors, and caller mistakes only with error.type', () => {
    const upstream = planCallSpans(aCallRecord({ status: 502, errorClass: 'upstream_error', errorCode: 'upstream_error', model: null, target: null }));
    expect(upstream.request.status).toEqual({ code: SpanStatusCode.ERROR, message: 'upstream_error' });
    expect(upstream.request.attributes).toMatchObject({ 'error.type': 'upstream_error', 'portico.error_code': 'upstream_error', 'http.response.status_code': 502 });
    const brokenStream = planCallSpans(aCallRecord({ stream: true, status: 200, errorClass: 'upstream_timeout', errorCode: 'timeout' }));
    expect(brokenStream.request.status.code).toBe(SpanStatusCode.ERROR);
    const refused = planCallSpans(aCallRecord({ status: 401, errorClass: 'authentication', errorCode: 'invalid_api_key', model: null, target: null, attempts: [] }));
    expect(refused.request.status.code).toBe(SpanStatusCode.UNSET);
    expect(refused.request.attributes['error.type']).toBe('authentication');
  });

  it('makes one CLIENT child per attempt, laid out back to back from the request start', () => {
    const record = aCallRecord({
      provider: 'provider-openai',
      target: 'openai/gpt-4o-mini',
      model: 'gpt-4o-mini',
      latencyMs: 1_000,
      attempts: [
        { target: 'azure/gpt-4o', status: 503, errorClass: 'server', ms: 100 },
        { target: 'azure/gpt-4o', status: 429, ms: 50 },
        { target: 'openai/gpt-4o-mini', ms: 400 },
      ],
    });
    const { attempts } = planCallSpans(record);
    expect(attempts.map((span) => [span.name, span.kind, span.startTime - START, span.endTime - START])).toEqual([
      ['chat gpt-4o', SpanKind.CLIENT, 0, 100],
      ['chat gpt-4o', SpanKind.CLIENT, 100, 150],
      ['chat gpt-4o-mini', SpanKind.CLIENT, 150, 550],
    ]);
    expect(attempts[0].attributes).toEqual({
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'gpt-4o',
      'portico.target': 'azure/gpt-4o',
      'portico.attempt': 1,
      'portico.attempt_ms': 100,
      'http.response.status_code': 503,
      'error.type': 'server',
    });
    expect(attempts[0].status).toEqual({ code: SpanStatusCode.ERROR, message: 'server' });
    expect(attempts[1].attributes['error.type']).toBe('429');
    expect(attempts[2].attributes).toMatchObject({ 'gen_ai.provider.name': 'openai', 'portico.attempt': 3 });
    expect(attempts[2].attributes['error.type']).toBeUndefined();
    expect(attempts[2].status).toEqual({ code: SpanStatusCode.UNSET });
  });

  it('never lets an attempt span outlast its request', () => {
    const { attempts } = planCallSpans(
      aCallRecord({ latencyMs: 100, attempts: [{ target: 'a/m', ms: 80, status: 500, errorClass: 'server' }, { target: 'a/m', ms: 80 }] }),
    );
    expect(attempts.map((span) => [span.startTime - START, span.endTime - START])).toEqual([
      [0, 80],
      [80, 100],
    ]);
  });

  it('keeps model names that contain a slash', () => {
    const { attempts } = planCallSpans(aCallRecord({ attempts: [{ target: 'together/meta-llama/Llama-3-70b', ms: 10 }] }));
    expect(attempts[0].attributes['gen_ai.request.model']).toBe('meta-llama/Llama-3-70b');
  });
});

describe('genAiProviderName', () => {
  it('maps the bundled provider plugins to well-known values and passes others through', () => {
    expect(genAiProviderName('provider-openai')).toBe('openai');
    expect(genAiProviderName('provider-anthropic')).toBe('anthropic');
    expect(genAiProviderName('provider-gemini')).toBe('gcp.gemini');
    expect(genAiProviderName('provider-openai-compatible')).toBe('openai-compatible');
    expect(genAiProviderName('@acme/portico-provider-x')).toBe('@acme/portico-provider-x');
    expect(genAiProviderName(null)).toBeUndefined();
  });
});
