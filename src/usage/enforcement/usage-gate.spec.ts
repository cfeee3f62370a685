import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiKeyRecord } from '../../auth/api-keys/api-key-registry';
import { isSynchronous, type CounterStore } from '../limits/counter-store';
import { MemoryCounterStore } from '../limits/memory-counter-store';
import type { Price } from '../prices/price';
import { UsageGate, type AdmissionRequest, type UsagePolicies } from './usage-gate';
import type { BudgetRule, RateLimitRule } from './usage-policy';
import { formatReset, UsageRefusal } from './usage-refusal';

const WS = 'ws-1';
const key = (id = 'key-1', ownerId = 'sa-1'): ApiKeyRecord => ({
  id,
  workspaceId: WS,
  publicId: 'p',
  name: 'k',
  ownerType: 'service_account',
  ownerId,
  scopes: ['invoke:*'],
  expiresAt: null,
});

const price: Price = {
  id: 'p1',
  workspaceId: null,
  pluginId: 'provider-mock',
  model: 'm',
  inputPerMTok: 1, // $1 per 1M → 1 000 nano-USD per token
  outputPerMTok: 2,
  cachedInputPerMTok: null,
  reasoningPerMTok: null,
  perRequest: null,
  perImage: null,
  currency: 'USD',
  effectiveFrom: new Date(0),
  createdAt: new Date(0),
  createdBy: 'test',
};

function rule(overrides: Partial<RateLimitRule> = {}): RateLimitRule {
  return {
    id: 'rule-1',
    workspaceId: WS,
    name: 'test rule',
    match: { apiKeyId: null, route: null, model: null },
    per: { key: false, route: false, model: false },
    requestsPerMinute: null,
    tokensPerMinute: null,
    concurrentRequests: null,
    ...overrides,
  };
}

function budget(overrides: Partial<BudgetRule> = {}): BudgetRule {
  return { id: 'budget-1', workspaceId: WS, scope: 'workspace', scopeId: null, period: 'day', limitNanoUsd: 1_000_000, alertThresholds: [], ...overrides };
}

/**
 * The memory store as a store that only answers through promises (like Redis): the gate must behave
 * the same on its asynchronous path as on the synchronous one it takes for memory.
 */
function promisesOnly(store: MemoryCounterStore): CounterStore {
  const methods = ['consume', 'adjust', 'windowUsage', 'acquire', 'release', 'reserve', 'settle', 'cancel', 'spent', 'seed'] as const;
  return Object.fromEntries(methods.map((name) => [name, (...args: unknown[]) => (store[name] as (...a: unknown[]) => Promise<unknown>)(...args)])) as unknown as CounterStore;
}

let storePath: 'synchronous' | 'promises' = 'synchronous';

function setup(rules: RateLimitRule[], budgets: BudgetRule[] = []) {
  const policies: UsagePolicies = { rateLimits: () => rules, budgets: () => budgets };
  const memory = new MemoryCounterStore({ sweepIntervalMs: 0 });
  const store = memory;
  const gateStore = storePath === 'synchronous' ? memory : promisesOnly(memory);
  const ledger = { record: vi.fn() };
  const logger = { warn: vi.fn(), info: vi.fn() };
  const gate = new UsageGate(policies, gateStore, { priceAt: () => price }, ledger, logger);
  return { gate, store, ledger, logger };
}

function request(overrides: Partial<AdmissionRequest> = {}): AdmissionRequest {
  return {
    key: key(),
    model: 'mock/m',
    route: null,
    targets: [{ account: { pluginId: 'provider-mock' }, model: 'm' }],
    estimate: () => ({ promptTokens: 100, maxOutputTokens: 50 }),
    at: new Date('2026-11-22T10:00:00Z'),
    holdMs: 60_000,
    ...overrides,
  };
}

async function refusal(promise: Promise<unknown>): Promise<UsageRefusal> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof UsageRefusal)) throw new Error(`expected a UsageRefusal, got ${String(error)}`);
  return error;
}

describe.each(['synchronous', 'promises'] as const)('UsageGate on a store answering %s', (path) => {
  beforeEach(() => {
    storePath = path;
  });

  it('admits without touching the store or counting tokens when nothing applies', async () => {
    const { gate } = setup([]);
    const estimate = vi.fn(() => ({ promptTokens: 1, maxOutputTokens: 1 }));
    const admission = await gate.admit(request({ estimate }));
    expect(admission.headers).toEqual({});
    expect(estimate).not.toHaveBeenCalled();
  });

  it('enforces requests per minute with OpenAI-style headers, and refusals consume nothing', async () => {
    const { gate } = setup([rule({ requestsPerMinute: 2 })]);
    const first = await gate.admit(request());
    expect(first.headers).toMatchObject({ 'x-ratelimit-limit-requests': '2', 'x-ratelimit-remaining-requests': '1' });
    await gate.admit(request());
    const refused = await refusal(gate.admit(request()));
    expect(refused).toMatchObject({ kind: 'requests', code: 'rate_limit_exceeded', status: 429 });
    expect(refused.headers()).toMatchObject({ 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-limit-requests': '2' });
    expect(Number(refused.headers()['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('splits counters per key when the rule says so, and matches only what it names', async () => {
    const { gate } = setup([rule({ requestsPerMinute: 1, per: { key: true, route: false, model: false } }), rule({ id: 'rule-2', requestsPerMinute: 1, match: { apiKeyId: null, route: null, model: 'other/x' } })]);
    await gate.admit(request({ key: key('a') }));
    await gate.admit(request({ key: key('b') }));
    await refusal(gate.admit(request({ key: key('a') })));
  });

  it('counts estimated tokens per minute and corrects them with the actual usage', async () => {
    const { gate, store } = setup([rule({ tokensPerMinute: 1_000 })]);
    const admission = await gate.admit(request());
    expect(admission.headers['x-ratelimit-remaining-tokens']).toBe('850');
    await admission.settle({ tokens: 120, costNanoUsd: 0 });
    expect(await store.windowUsage('t:rule-1', 60_000)).toBe(120);
    const failed = await gate.admit(request());
    await failed.settle(null);
    expect(await store.windowUsage('t:rule-1', 60_000)).toBe(120);
    const tooBig = await refusal(gate.admit(request({ estimate: () => ({ promptTokens: 2_000, maxOutputTokens: 10 }) })));
    expect(tooBig.kind).toBe('tokens');
    expect(tooBig.message).toContain('more than the 1000 tokens per minute');
  });

  it('holds concurrency slots until settlement', async () => {
    const { gate } = setup([rule({ concurrentRequests: 1 })]);
    const held = await gate.admit(request());
    expect((await refusal(gate.admit(request()))).kind).toBe('concurrency');
    await held.settle({ tokens: 1, costNanoUsd: 1 });
    await gate.admit(request());
  });

  it('reserves the estimate against a budget, settles the actual cost and records it in the ledger', async () => {
    // estimate: 100 prompt × 1 000 + 50 output × 2 000 = 200 000 nano-USD; budget pays for 5
    const { gate, store, ledger } = setup([], [budget()]);
    const admissions = await Promise.allSettled(Array.from({ length: 20 }, () => gate.admit(request())));
    const granted = admissions.filter((result) => result.status === 'fulfilled');
    expect(granted).toHaveLength(5);
    const refused = admissions.find((result) => result.status === 'rejected')!;
    expect((refused as PromiseRejectedResult).reason).toMatchObject({ kind: 'budget', code: 'budget_exceeded' });
    expect((refused as PromiseRejectedResult).reason.headers()).toMatchObject({ 'x-should-retry': 'false', 'retry-after': String(14 * 3600) });
    for (const result of granted) await (result as PromiseFulfilledResult<{ settle: (a: unknown) => Promise<void> }>).value.settle({ tokens: 10, costNanoUsd: 150_000 });
    expect(await store.spent('b:budget-1:2026-11-22')).toEqual({ settled: 750_000, reserved: 0 });
    expect(ledger.record).toHaveBeenCalledTimes(5);
    expect(ledger.record).toHaveBeenCalledWith('budget-1', '2026-11-22', 150_000);
    // 250 000 left: one more estimate of 200 000 fits, the next does not
    await gate.admit(request());
    await refusal(gate.admit(request()));
  });

  it('applies key, owner and workspace budgets together; a refusal by one gives back the others', async () => {
    const { gate, store } = setup(
      [rule({ requestsPerMinute: 100 })],
      [budget(), budget({ id: 'key-budget', scope: 'api_key', scopeId: 'key-1', limitNanoUsd: 300_000 }), budget({ id: 'other', scope: 'api_key', scopeId: 'key-2', limitNanoUsd: 1 })],
    );
    await gate.admit(request());
    await refusal(gate.admit(request()));
    expect(await store.spent('b:budget-1:2026-11-22')).toEqual({ settled: 0, reserved: 200_000 });
    expect(await store.windowUsage('r:rule-1', 60_000)).toBe(1);
  });

  it('an exhausted budget refuses even a call it cannot price', async () => {
    const { gate, store } = setup([], [budget({ period: 'total', limitNanoUsd: 10 })]);
    await store.seed('b:budget-1:total', 10);
    const refused = await refusal(gate.admit(request({ targets: [] })));
    expect(refused.retryAfterMs).toBeNull();
    expect(refused.headers()['retry-after']).toBeUndefined();
  });

  it('settles once, and drain waits for settlements in flight', async () => {
    const { gate, store } = setup([], [budget()]);
    const admission = await gate.admit(request());
    void admission.settle({ tokens: 1, costNanoUsd: 5 });
    void admission.settle({ tokens: 1, costNanoUsd: 5 });
    await gate.drain();
    expect(await store.spent('b:budget-1:2026-11-22')).toEqual({ settled: 5, reserved: 0 });
  });

  it('formats resets like OpenAI', () => {
    expect(formatReset(20)).toBe('20ms');
    expect(formatReset(1_000)).toBe('1s');
    expect(formatReset(360_000)).toBe('6m0s');
    expect(formatReset(3_723_000)).toBe('1h2m3s');
  });
});

describe('the store paths', () => {
  it('takes the synchronous path only for a store that answers synchronously', () => {
    const memory = new MemoryCounterStore({ sweepIntervalMs: 0 });
    expect(isSynchronous(memory)).toBe(true);
    expect(isSynchronous(promisesOnly(memory))).toBe(false);
  });
});
