import { describe, expect, it } from 'vitest';
import { mapOpenAiError } from './errors.js';

const openAiBody = (code: string | null, message = 'm', type: string | null = 'invalid_request_error') =>
  JSON.stringify({ error: { message, type, param: null, code } });

describe('mapOpenAiError', () => {
  it.each([
    [400, openAiBody('context_length_exceeded'), 'context_length', 'context_length_exceeded'],
    [400, openAiBody('content_policy_violation'), 'content_policy', 'content_policy_violation'],
    [400, openAiBody(null, 'Your request was rejected as a result of our safety system.', 'content_filter'), 'content_policy', undefined],
    [400, openAiBody('invalid_value'), 'bad_request', 'invalid_value'],
    [401, openAiBody('invalid_api_key'), 'auth', 'invalid_api_key'],
    [403, openAiBody('unsupported_country_region_territory'), 'auth', 'unsupported_country_region_territory'],
    [404, openAiBody('model_not_found'), 'not_found', 'model_not_found'],
    [422, '{"detail":"Unprocessable"}', 'bad_request', undefined],
    [429, openAiBody('rate_limit_exceeded'), 'rate_limit', 'rate_limit_exceeded'],
    [500, openAiBody(null, 'The server had an error', 'server_error'), 'server', undefined],
    [502, '<html>Bad gateway</html>', 'server', undefined],
    [503, openAiBody(null, 'The engine is currently overloaded, please try again later', 'server_error'), 'overloaded', undefined],
    [503, 'Service Unavailable', 'server', undefined],
    [529, '', 'overloaded', undefined],
    [504, '', 'timeout', undefined],
    [413, '', 'context_length', undefined],
  ])('%i %s → %s', (status, body, errorClass, code) => {
    const mapped = mapOpenAiError(status, {}, body);
    expect(mapped.class).toBe(errorClass);
    expect(mapped.status).toBe(status);
    expect(mapped.code).toBe(code);
  });

  it('reads vLLM’s flat error, Ollama’s string error and FastAPI’s detail', () => {
    const vllm = JSON.stringify({ object: 'error', message: "This model's maximum context length is 4096 tokens. However, you requested 5000 tokens", type: 'BadRequestError', param: null, code: 400 });
    expect(mapOpenAiError(400, {}, vllm)).toEqual({ class: 'context_length', status: 400, message: expect.stringContaining('maximum context length') });
    expect(mapOpenAiError(404, {}, '{"error":"model \\"llama9\\" not found, try pulling it first"}')).toEqual({
      class: 'not_found',
      status: 404,
      message: 'model "llama9" not found, try pulling it first',
    });
    expect(mapOpenAiError(400, {}, '{"detail":"Invalid input"}').message).toBe('Invalid input');
  });

  it('ignores codes that only repeat the status and prefers Azure’s inner code', () => {
    expect(mapOpenAiError(429, {}, '{"error":{"code":"429","message":"Too many"}}')).toEqual({ class: 'rate_limit', status: 429, message: 'Too many' });
    const azure = JSON.stringify({ error: { message: 'filtered', code: 'BadRequest', innererror: { code: 'ResponsibleAIPolicyViolation' } } });
    expect(mapOpenAiError(400, {}, azure)).toEqual({ class: 'content_policy', status: 400, message: 'filtered', code: 'BadRequest' });
  });

  it('falls back to the body or the status for the message', () => {
    expect(mapOpenAiError(502, {}, '  upstream connect error  ').message).toBe('upstream connect error');
    expect(mapOpenAiError(500, {}, '').message).toBe('upstream answered 500');
  });

  it('carries retry-after for retryable errors only', () => {
    expect(mapOpenAiError(429, { 'retry-after': '3' }, openAiBody('rate_limit_exceeded')).retryAfterSeconds).toBe(3);
    expect(mapOpenAiError(503, { 'retry-after': '10' }, '').retryAfterSeconds).toBe(10);
    const quota = mapOpenAiError(429, { 'retry-after': '3' }, openAiBody('insufficient_quota', 'You exceeded your current quota', 'insufficient_quota'));
    expect(quota).toEqual({ class: 'rate_limit', status: 429, message: 'You exceeded your current quota', code: 'insufficient_quota' });
  });
});
