import { randomUUID } from 'node:crypto';
import type { CallRecord } from '../../call-records/call-record';

/** A successful chat call; override what a test is about. */
export function callRecord(overrides: Partial<CallRecord> = {}): CallRecord {
  return {
    callId: randomUUID(),
    requestId: `req-${randomUUID().slice(0, 8)}`,
    traceparent: null,
    workspaceId: '00000000-0000-4000-8000-000000000001',
    apiKeyId: '00000000-0000-4000-8000-0000000000a1',
    endpoint: 'chat.completions',
    requestedModel: 'mock/mock-chat',
    routeName: null,
    promptApiId: null,
    promptId: null,
    promptVersion: null,
    provider: 'provider-mock',
    providerAccountId: '00000000-0000-4000-8000-0000000000b1',
    target: 'mock/mock-chat',
    model: 'mock-chat',
    attempts: [{ target: 'mock/mock-chat', ms: 3.5 }],
    stream: false,
    status: 200,
    errorClass: null,
    errorCode: null,
    promptTokens: 12,
    completionTokens: 7,
    cachedTokens: 0,
    reasoningTokens: 0,
    tokensEstimated: false,
    costNanoUsd: 26_000,
    startedAt: new Date(),
    latencyMs: 4.25,
    ttfbMs: null,
    cacheHit: false,
    guardVerdicts: [],
    ...overrides,
  };
}
