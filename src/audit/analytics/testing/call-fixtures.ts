import { randomUUID } from 'node:crypto';
import type { CallRecord } from '../../call-records/call-record';

/**
 * Test fixtures for analytics: call records with defaults, and the `call_logs` rows a call-log
 * writer would have inserted for them (so rebuilds and direct SQL checks have something to read).
 */
export function makeCall(overrides: Partial<CallRecord> = {}): CallRecord {
  return {
    callId: randomUUID(),
    requestId: `req-${randomUUID()}`,
    traceparent: null,
    workspaceId: null,
    apiKeyId: null,
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
    completionTokens: 20,
    cachedTokens: 0,
    reasoningTokens: 0,
    tokensEstimated: false,
    costNanoUsd: 50_000,
    startedAt: new Date(),
    latencyMs: 120,
    ttfbMs: null,
    cacheHit: false,
    guardVerdicts: [],
    ...overrides,
  };
}

interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** Inserts `records` into `call_logs` in chunks, the columns the call-log contract names. */
export async function insertCallLogs(db: Queryable, records: readonly CallRecord[]): Promise<void> {
  for (let start = 0; start < records.length; start += 2_000) {
    const chunk = records.slice(start, start + 2_000);
    const column = <T>(pick: (call: CallRecord) => T) => chunk.map(pick);
    await db.query(
      `INSERT INTO call_logs (call_id, started_at, request_id, workspace_id, api_key_id, endpoint, requested_model, route_name,
         prompt_api_id, provider, target, model, stream, status, error_class, prompt_tokens, completion_tokens, cached_tokens,
         reasoning_tokens, tokens_estimated, cost_nano_usd, latency_ms, ttfb_ms, cache_hit)
       SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[],
         $9::uuid[], $10::text[], $11::text[], $12::text[], $13::boolean[], $14::smallint[], $15::text[], $16::int[], $17::int[], $18::int[],
         $19::int[], $20::boolean[], $21::bigint[], $22::float8[], $23::float8[], $24::boolean[])`,
      [
        column((call) => call.callId),
        column((call) => call.startedAt.toISOString()),
        column((call) => call.requestId),
        column((call) => call.workspaceId),
        column((call) => call.apiKeyId),
        column((call) => call.endpoint),
        column((call) => call.requestedModel),
        column((call) => call.routeName),
        column((call) => call.promptApiId),
        column((call) => call.provider),
        column((call) => call.target),
        column((call) => call.model),
        column((call) => call.stream),
        column((call) => call.status),
        column((call) => call.errorClass),
        column((call) => call.promptTokens),
        column((call) => call.completionTokens),
        column((call) => call.cachedTokens),
        column((call) => call.reasoningTokens),
        column((call) => call.tokensEstimated),
        column((call) => call.costNanoUsd),
        column((call) => call.latencyMs),
        column((call) => call.ttfbMs),
        column((call) => call.cacheHit),
      ],
    );
  }
}

/** A deterministic pseudo-random source in [0, 1) (mulberry32), so generated data reproduces. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
