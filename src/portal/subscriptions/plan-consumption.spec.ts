import { describe, expect, it } from 'vitest';
import type { ApiKeyRecord } from '../../auth/api-keys/api-key-registry';
import { UsageGate, type AdmissionRequest, type PlanLimits } from '../../usage/enforcement/usage-gate';
import type { RateLimitRule } from '../../usage/enforcement/usage-policy';
import { isUsageRefusal, type UsageRefusal } from '../../usage/enforcement/usage-refusal';
import { MemoryCounterStore } from '../../usage/limits/memory-counter-store';
import { price } from '../../usage/prices/__fixtures__/price.fixture';
import { PlanConsumption, planLimitsOf } from './plan-consumption';

const silent = { warn: () => undefined, info: () => undefined };
const at = new Date('2026-11-22T10:00:00Z');
const key: ApiKeyRecord = { id: 'key-1', workspaceId: 'ws', publicId: 'p', name: 'k', ownerType: 'service_account', ownerId: 'sa', scopes: [], expiresAt: null };

/** The usage gate with a workspace's rate-limit rules (none by default), and the plans' consumption on the same store. */
function setup(rules: RateLimitRule[] = []) {
  const recorded: [string, string, number][] = [];
  const store = new MemoryCounterStore({ sweepIntervalMs: 0 });
  const budgets: never[] = [];
  const gate = new UsageGate({ rateLimits: () => rules, budgets: () => budgets }, store, { priceAt: () => ONE_NANO_PER_TOKEN }, { record: () => undefined }, silent);
  const ledger = { record: (id: string, period: string, nanoUsd: number) => void recorded.push([id, period, nanoUsd]) };
  // The gate prices a plan's reservation like any budget's: `estimate` prompt tokens at one nano-dollar each.
  const promptTokens = new Map<PlanLimits, number>();
  const plan = (subscriptionId: string, limits: { requestsPerMinute: number | null; monthlyBudgetUsd: number | null }, estimate = 0): PlanLimits | undefined => {
    const planned = planLimitsOf(subscriptionId, { name: 'trial', ...limits }, ledger);
    if (planned) promptTokens.set(planned, estimate);
    return planned;
  };
  const admit = (limits: PlanLimits | undefined) => gate.admit(request(limits, (limits && promptTokens.get(limits)) ?? 0));
  return { gate, store, recorded, plan, admit, consumption: new PlanConsumption(store) };
}

const ONE_NANO_PER_TOKEN = price({ inputPerMTok: 0.001, outputPerMTok: 0 });

function request(plan: PlanLimits | undefined, promptTokens: number): AdmissionRequest {
  const targets = [{ account: { pluginId: ONE_NANO_PER_TOKEN.pluginId }, model: ONE_NANO_PER_TOKEN.model }];
  return { key, model: 'orders', route: 'orders', targets, estimate: () => ({ promptTokens, maxOutputTokens: 0 }), at, holdMs: 60_000, plan };
}

/** One shared requests-per-minute window for the whole workspace. */
function workspaceRequestsPerMinute(limit: number): RateLimitRule {
  return {
    id: 'r',
    workspaceId: 'ws',
    name: 'workspace rpm',
    match: { apiKeyId: null, route: null, model: null },
    per: { key: false, route: false, model: false },
    requestsPerMinute: limit,
    tokensPerMinute: null,
    concurrentRequests: null,
  };
}

const refusal = async (work: Promise<unknown>): Promise<UsageRefusal> => {
  const error = await work.then(() => undefined, (caught: unknown) => caught);
  if (!isUsageRefusal(error)) throw new Error(`expected a UsageRefusal, got ${String(error)}`);
  return error;
};

describe('subscription plans in the usage gate', () => {
  it('has nothing to enforce for a subscription without a plan or without limits', async () => {
    const { plan } = setup();
    expect(planLimitsOf('s', null, { record: () => undefined })).toBeUndefined();
    expect(plan('s', { requestsPerMinute: null, monthlyBudgetUsd: null })).toBeUndefined();
  });

  it('counts requests per subscription; a refusal is a 429 with retry-after that names the plan', async () => {
    const { admit, plan, consumption } = setup();
    const trial = plan('a', { requestsPerMinute: 2, monthlyBudgetUsd: null });
    const first = await admit(trial);
    expect(first.headers).toMatchObject({ 'x-ratelimit-limit-requests': '2', 'x-ratelimit-remaining-requests': '1' });
    await first.settle(null);
    await (await admit(trial)).settle(null);
    const refused = await refusal(admit(trial));
    expect(refused.code).toBe('rate_limit_exceeded');
    expect(refused.message).toContain("Plan 'trial' of this subscription allows 2 requests per minute");
    expect(Number(refused.headers()['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await consumption.usage('a', { name: 'trial', requestsPerMinute: 2, monthlyBudgetUsd: null }, at)).requestsLastMinute).toBe(2);
    // Another subscription has its own window.
    expect((await admit(plan('b', { requestsPerMinute: 2, monthlyBudgetUsd: null }))).headers['x-ratelimit-remaining-requests']).toBe('1');
  });

  it('reserves the estimate against the month, settles the actual cost into the plan ledger, and refuses past the budget', async () => {
    const { admit, plan, recorded, consumption } = setup();
    const metered = plan('m', { requestsPerMinute: 100, monthlyBudgetUsd: 0.000003 }, 2000);
    const limits = { name: 'trial', requestsPerMinute: 100, monthlyBudgetUsd: 0.000003 };
    const held = await admit(metered);
    expect((await consumption.usage('m', limits, at)).reservedUsd).toBeCloseTo(0.000002, 9);
    const refused = await refusal(admit(metered));
    expect(refused.code).toBe('budget_exceeded');
    expect(refused.message).toContain("plan 'trial' of this subscription allows $0.00 per month");
    expect(refused.headers()['x-should-retry']).toBe('false');
    // The refused call gave its request back: only the held one counts.
    expect((await consumption.usage('m', limits, at)).requestsLastMinute).toBe(1);
    await held.settle({ tokens: 10, costNanoUsd: 1500 });
    expect(await consumption.usage('m', limits, at)).toEqual({ period: '2026-11', requestsLastMinute: 1, spentUsd: 0.0000015, reservedUsd: 0, remainingUsd: 0.0000015 });
    expect(recorded).toEqual([['m', '2026-11', 1500]]);
    await held.settle({ tokens: 10, costNanoUsd: 1500 });
    expect(recorded).toHaveLength(1);
  });

  it("is all or nothing with the workspace's limits: a refusal by either gives back what the other took", async () => {
    const { admit, plan, consumption, store } = setup([workspaceRequestsPerMinute(1)]);
    const limits = { name: 'trial', requestsPerMinute: 5, monthlyBudgetUsd: 0.00001 };
    await admit(plan('s', limits, 1000));
    // The workspace's window is full: the plan's request and reservation must not stay taken.
    expect((await refusal(admit(plan('s', limits, 1000)))).message).toContain("Rate limit 'workspace rpm' reached");
    const usage = await consumption.usage('s', limits, at);
    expect(usage.requestsLastMinute).toBe(1);
    expect(usage.reservedUsd).toBeCloseTo(0.000001, 9);
    // And the tighter request window of the two is the one the headers show.
    expect(await store.windowUsage('r:r', 60_000)).toBe(1);
  });

  it('seeds this month from durable spend, never lowering it', async () => {
    const { admit, plan, consumption } = setup();
    const limits = { requestsPerMinute: null, monthlyBudgetUsd: 0.00001 };
    await consumption.seed(new Map([['s', 9000]]), at);
    await consumption.seed(new Map([['s', 1000]]), at);
    expect((await consumption.usage('s', { name: 'trial', ...limits }, at)).spentUsd).toBeCloseTo(0.000009, 9);
    expect((await refusal(admit(plan('s', limits, 2000)))).code).toBe('budget_exceeded');
  });

  it('shows the tighter request window of the workspace and the plan in the headers', async () => {
    const { admit, plan } = setup([workspaceRequestsPerMinute(100)]);
    expect((await admit(plan('s', { requestsPerMinute: 3, monthlyBudgetUsd: null }))).headers).toMatchObject({ 'x-ratelimit-limit-requests': '3', 'x-ratelimit-remaining-requests': '2' });
    expect((await admit(plan('t', { requestsPerMinute: 1000, monthlyBudgetUsd: null }))).headers).toMatchObject({ 'x-ratelimit-limit-requests': '100', 'x-ratelimit-remaining-requests': '98' });
  });
});
