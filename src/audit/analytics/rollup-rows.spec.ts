import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../call-records/call-record';
import { bucketOf } from './histogram';
import { facetsOf, rollUp, rollupSortKey } from './rollup-rows';

const WS = '11111111-1111-4111-8111-111111111111';
const KEY = '22222222-2222-4222-8222-222222222222';

function call(overrides: Partial<CallRecord> = {}): CallRecord {
  return {
    callId: 'c',
    requestId: 'r',
    traceparent: null,
    workspaceId: WS,
    apiKeyId: KEY,
    endpoint: 'chat.completions',
    requestedModel: 'mock/mock-chat',
    routeName: null,
    promptApiId: null,
    promptId: null,
    promptVersion: null,
    provider: 'provider-mock',
    providerAccountId: null,
    target: 'mock/mock-chat',
    model: 'mock-chat',
    attempts: [],
    stream: false,
    status: 200,
    errorClass: null,
    errorCode: null,
    promptTokens: 10,
    completionTokens: 5,
    cachedTokens: 2,
    reasoningTokens: 1,
    tokensEstimated: false,
    costNanoUsd: 1_000,
    startedAt: new Date('2026-03-20T10:15:30.500Z'),
    latencyMs: 100,
    ttfbMs: null,
    cacheHit: false,
    guardVerdicts: [],
    ...overrides,
  };
}

describe('rolling calls up', () => {
  it('sums calls sharing a bucket and key into one row, per grain', () => {
    const calls = [
      call(),
      call({ startedAt: new Date('2026-03-20T10:15:59.999Z'), latencyMs: 300, costNanoUsd: null, cacheHit: true, stream: true, ttfbMs: 40 }),
      call({ startedAt: new Date('2026-03-20T10:16:00.000Z'), promptTokens: 1, completionTokens: 1, cachedTokens: 0, reasoningTokens: 0 }),
    ];
    const minutes = rollUp(calls, 'minute');
    expect(minutes).toHaveLength(2);
    expect(minutes[0]).toMatchObject({
      bucket: Date.parse('2026-03-20T10:15:00Z'),
      requests: 2,
      errors: 0,
      cacheHits: 1,
      unpriced: 1,
      costNanoUsd: 1_000,
      promptTokens: 20,
      completionTokens: 10,
      cachedTokens: 4,
      reasoningTokens: 2,
      latencyMsSum: 400,
      ttfbCount: 1,
      ttfbMsSum: 40,
    });
    expect(minutes[0].latencyHist[bucketOf(100)]).toBe(1);
    expect(minutes[0].latencyHist[bucketOf(300)]).toBe(1);
    expect(minutes[0].latencyHist).toHaveLength(bucketOf(300) + 1);
    expect(minutes[0].ttfbHist).toHaveLength(bucketOf(40) + 1);
    expect(minutes[1].ttfbHist).toEqual([]);

    const [hour] = rollUp(calls, 'hour');
    expect(hour).toMatchObject({ bucket: Date.parse('2026-03-20T10:00:00Z'), requests: 3, promptTokens: 21, costNanoUsd: 2_000 });
    expect(rollUp(calls, 'day')).toEqual([{ ...hour, bucket: Date.parse('2026-03-20T00:00:00Z') }]);
  });

  it('keeps every dashboard dimension and the outcome in the key', () => {
    const rows = rollUp(
      [
        call(),
        call({ apiKeyId: null }),
        call({ routeName: 'chat-default' }),
        call({ promptApiId: '33333333-3333-4333-8333-333333333333' }),
        call({ provider: 'provider-openai', target: 'openai/gpt-4o' }),
        call({ endpoint: 'messages' }),
        call({ status: 429, errorClass: 'rate_limited' }),
        call({ status: 200, errorClass: 'client_closed' }),
      ],
      'hour',
    );
    expect(rows).toHaveLength(8);
    expect(rows.find((row) => row.errorClass === 'rate_limited')).toMatchObject({ statusClass: 4, requests: 1 });
    expect(rows.find((row) => row.errorClass === 'client_closed')).toMatchObject({ statusClass: 2, errors: 1 });
  });

  it('sums every call once into each facet: one row per bucket and value of one dimension', () => {
    const calls = [
      call(),
      call({ target: 'openai/gpt-4o', provider: 'provider-openai' }),
      call({ routeName: 'chat-default', status: 429, errorClass: 'rate_limited' }),
    ];
    const facets = facetsOf(calls, 'hour');
    const byFacet = (facet: string) => facets.filter((row) => row.facet === facet).map((row) => [row.value, row.requests]);
    expect(byFacet('model')).toEqual([
      ['mock/mock-chat', 2],
      ['openai/gpt-4o', 1],
    ]);
    expect(byFacet('route')).toEqual([
      ['', 2],
      ['chat-default', 1],
    ]);
    expect(byFacet('errorClass')).toEqual([
      ['', 2],
      ['rate_limited', 1],
    ]);
    expect(byFacet('apiKey')).toEqual([[KEY, 3]]);
    expect(byFacet('promptApi')).toEqual([['', 3]]);
    for (const facet of ['model', 'apiKey', 'route', 'promptApi', 'provider', 'endpoint', 'errorClass']) {
      const rows = facets.filter((row) => row.facet === facet);
      expect(rows.reduce((sum, row) => sum + row.requests, 0)).toBe(3);
      expect(rows.reduce((sum, row) => sum + row.promptTokens, 0)).toBe(30);
    }
    expect(facetsOf([call({ workspaceId: null })], 'hour')).toEqual([]);
  });

  it('skips calls without a workspace', () => {
    expect(rollUp([call({ workspaceId: null, apiKeyId: null })], 'minute')).toEqual([]);
  });

  it('sorts rows by key, whatever order the calls came in, so concurrent writers lock alike', () => {
    const calls = Array.from({ length: 50 }, (_, i) =>
      call({ target: `mock/m${i % 7}`, startedAt: new Date(Date.parse('2026-03-20T10:00:00Z') + (i % 5) * 60_000) }),
    );
    const forward = rollUp(calls, 'minute');
    const backward = rollUp([...calls].reverse(), 'minute');
    expect(backward).toEqual(forward);
    const keys = forward.map(rollupSortKey);
    expect([...keys].sort()).toEqual(keys);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
