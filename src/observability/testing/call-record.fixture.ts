import { randomUUID } from 'node:crypto';
import type { CallRecord } from '../../audit/call-records/call-record';

/** A successful non-streamed chat completion through `mock/mock-chat`; override what a test is about. */
export function aCallRecord(overrides: Partial<CallRecord> = {}): CallRecord {
  return {
    callId: randomUUID(),
    requestId: `req-${randomUUID()}`,
    traceparent: null,
    workspaceId: '6f1c4a52-0d7e-4bb8-9c1e-2f8f3d1a0b11',
    apiKeyId: '0b6d3a4e-7c21-4f0a-8a55-1d2e3f4a5b6c',
    endpoint: 'chat.completions',
    requestedModel: 'mock/mock-chat',
    routeName: null,
    promptApiId: null,
    promptId: null,
    promptVersion: null,
    provider: 'provider-mock',
    providerAccountId: 'a1d9e3c4-5b6f-4a7b-8c9d-0e1f2a3b4c5d',
    target: 'mock/mock-chat',
    model: 'mock-chat',
    attempts: [{ target: 'mock/mock-chat', ms: 40 }],
    stream: false,
    status: 200,
    errorClass: null,
    errorCode: null,
    promptTokens: 12,
    completionTokens: 30,
    cachedTokens: 0,
    reasoningTokens: 0,
    tokensEstimated: false,
    costNanoUsd: 1_500_000,
    startedAt: new Date('2026-03-01T12:00:00.000Z'),
    latencyMs: 55,
    ttfbMs: null,
    cacheHit: false,
    guardVerdicts: [],
    ...overrides,
  };
}
