import { dirname, basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProviderError } from '../../src/plugin-sdk/index.js';
import { readFixture } from '../../src/plugin-sdk/testing/provider-conformance.js';
import { NON_RETRYABLE_CODES } from '../../src/plugin-sdk/openai-wire/index.js';
import { DEFAULT_OPENAI_CONFIG } from './config.schema.js';
import { createOpenAiAdapter } from './index.js';

const adapter = createOpenAiAdapter(DEFAULT_OPENAI_CONFIG);
const fixtures = join(__dirname, '__fixtures__');

function mapFixture(name: string): { mapped: ProviderError; expected: ProviderError } {
  const fixture = readFixture<unknown, ProviderError>(join(fixtures, dirname(name)), basename(name));
  return { mapped: adapter.mapError(fixture.status, fixture.headers, fixture.body), expected: fixture.expected };
}

describe('provider-openai error mapping (recorded answers)', () => {
  it.each([
    ['bad-request', 'bad_request', 'decimal_above_max_value'],
    ['unauthorized', 'auth', 'invalid_api_key'],
    ['rate-limited', 'rate_limit', 'rate_limit_exceeded'],
    ['insufficient-quota', 'rate_limit', 'insufficient_quota'],
    ['context-length', 'context_length', 'context_length_exceeded'],
    ['overloaded', 'overloaded', undefined],
    ['azure/unauthorized', 'auth', undefined],
    ['azure/rate-limited', 'rate_limit', undefined],
    ['azure/content-filter', 'content_policy', 'content_filter'],
    ['azure/deployment-not-found', 'not_found', 'DeploymentNotFound'],
    ['azure/bad-request', 'bad_request', undefined],
  ])('%s → %s (%s)', (name, errorClass, code) => {
    const { mapped, expected } = mapFixture(name);
    expect(mapped).toEqual(expected);
    expect(mapped.class).toBe(errorClass);
    expect(mapped.code).toBe(code);
  });

  it('gives an exhausted quota no retry delay and marks its code non-retryable', () => {
    const { mapped } = mapFixture('insufficient-quota');
    expect(mapped.retryAfterSeconds).toBeUndefined();
    expect(NON_RETRYABLE_CODES.has(mapped.code!)).toBe(true);
  });

  it('reads Azure’s retry-after-ms before retry-after', () => {
    expect(mapFixture('azure/rate-limited').mapped.retryAfterSeconds).toBe(6);
    expect(adapter.mapError(429, { 'retry-after-ms': '1500', 'retry-after': '9' }, '{}').retryAfterSeconds).toBe(2);
  });
});
