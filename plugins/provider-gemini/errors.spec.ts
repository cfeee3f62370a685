import { describe, expect, it } from 'vitest';
import { mapError } from './errors.js';

const json = { 'content-type': 'application/json; charset=UTF-8' };

function body(code: number, status: string, message: string, details?: unknown[]): string {
  return JSON.stringify({ error: { code, message, status, ...(details ? { details } : {}) } });
}

describe('mapError', () => {
  it.each([
    [400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.', 'bad_request'],
    [400, 'FAILED_PRECONDITION', 'User location is not supported for the API use.', 'bad_request'],
    [400, 'INVALID_ARGUMENT', 'The input token count (1214563) exceeds the maximum number of tokens allowed (1048576).', 'context_length'],
    [401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.', 'auth'],
    [403, 'PERMISSION_DENIED', "Method doesn't allow unregistered callers.", 'auth'],
    [404, 'NOT_FOUND', 'models/gemini-9 is not found for API version v1beta.', 'not_found'],
    [429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).', 'rate_limit'],
    [500, 'INTERNAL', 'An internal error has occurred.', 'server'],
    [503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.', 'overloaded'],
    [504, 'DEADLINE_EXCEEDED', 'Deadline expired before operation could complete.', 'timeout'],
  ])('%i %s (%s) → %s', (status, googleStatus, message, errorClass) => {
    expect(mapError(status, json, body(status, googleStatus, message))).toEqual({ class: errorClass, status, message, code: googleStatus });
  });

  it('treats 400 API_KEY_INVALID as auth and reports the ErrorInfo reason as code', () => {
    const text = body(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
      { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' },
    ]);
    expect(mapError(400, json, text)).toEqual({ class: 'auth', status: 400, message: 'API key not valid. Please pass a valid API key.', code: 'API_KEY_INVALID' });
  });

  it('takes the retry delay from retry-after first, then from RetryInfo', () => {
    const text = body(429, 'RESOURCE_EXHAUSTED', 'quota', [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '6.2s' }]);
    expect(mapError(429, json, text).retryAfterSeconds).toBe(7);
    expect(mapError(429, { ...json, 'retry-after': '2' }, text).retryAfterSeconds).toBe(2);
    expect(mapError(429, json, body(429, 'RESOURCE_EXHAUSTED', 'quota')).retryAfterSeconds).toBeUndefined();
  });

  it('reads the array form streaming endpoints answer without alt=sse', () => {
    expect(mapError(503, json, `[${body(503, 'UNAVAILABLE', 'busy')}]`)).toEqual({ class: 'overloaded', status: 503, message: 'busy', code: 'UNAVAILABLE' });
  });

  it('maps a blocked-prompt body to content_policy', () => {
    expect(mapError(200, json, '{"promptFeedback":{"blockReason":"SAFETY"}}')).toEqual({
      class: 'content_policy',
      status: 200,
      message: 'Gemini blocked the prompt (SAFETY).',
      code: 'SAFETY',
    });
  });

  it.each([
    [502, 'server'],
    [503, 'overloaded'],
    [504, 'timeout'],
    [408, 'timeout'],
    [413, 'context_length'],
    [418, 'bad_request'],
  ])('falls back to the HTTP status %i → %s for non-JSON bodies', (status, errorClass) => {
    expect(mapError(status, { 'content-type': 'text/html' }, '<html>upstream down</html>')).toEqual({ class: errorClass, status, message: '<html>upstream down</html>' });
  });

  it('says something even for an empty body', () => {
    expect(mapError(500, {}, '')).toEqual({ class: 'server', status: 500, message: 'upstream answered 500' });
  });
});
