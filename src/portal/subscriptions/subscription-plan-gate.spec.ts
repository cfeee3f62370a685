import { describe, expect, it } from 'vitest';
import { isUsageRefusal, type UsageRefusal } from '../../usage/enforcement/usage-refusal';
import { MemoryCounterStore } from '../../usage/limits/memory-counter-store';
import { SubscriptionPlanGate, tighterRequestHeaders } from './subscription-plan-gate';

const silent = { warn: () => undefined, info: () => undefined };
const at = new Date('2026-11-22T10:00:00Z');

function gateWith(recorded: [string, string, number][] = []) {
  const store = new MemoryCounterStore();
  return { store, gate: new SubscriptionPlanGate(store, { record: (id, period, nanoUsd) => void recorded.push([id, period, nanoUsd]) }, silent) };
}

const refusal = async (work: Promise<unknown>): Promise<UsageRefusal> => {
  const error = await work.then(() => undefined, (caught: unknown) => caught);
  if (!isUsageRefusal(error)) throw new Error(`expected a UsageRefusal, got ${String(error)}`);
  return error;
};

describe('SubscriptionPlanGate', () => {
  it('admits nothing to check for a subscription without a plan or limits', async () => {
    const { gate } = gateWith();
    expect((await gate.admit({ subscriptionId: 's', plan: null, at, holdMs: 1000, estimateNanoUsd: () => 1 })).headers).toEqual({});
    expect((await gate.admit({ subscriptionId: 's', plan: { name: 'free', requestsPerMinute: null, monthlyBudgetUsd: null }, at, holdMs: 1000, estimateNanoUsd: () => 1 })).headers).toEqual({});
  });

  it('counts requests per subscription; a refusal is a 429 with retry-after; a cancelled admission gives its request back', async () => {
    const { gate } = gateWith();
    const plan = { name: 'trial', requestsPerMinute: 2, monthlyBudgetUsd: null };
    const first = await gate.admit({ subscriptionId: 'a', plan, at, holdMs: 1000, estimateNanoUsd: () => 0 });
    expect(first.headers).toMatchObject({ 'x-ratelimit-limit-requests': '2', 'x-ratelimit-remaining-requests': '1' });
    await first.cancel();
    await (await gate.admit({ subscriptionId: 'a', plan, at, holdMs: 1000, estimateNanoUsd: () => 0 })).settle(null);
    await (await gate.admit({ subscriptionId: 'a', plan, at, holdMs: 1000, estimateNanoUsd: () => 0 })).settle(null);
    const refused = await refusal(gate.admit({ subscriptionId: 'a', plan, at, holdMs: 1000, estimateNanoUsd: () => 0 }));
    expect(refused.code).toBe('rate_limit_exceeded');
    expect(Number(refused.headers()['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await gate.usage('a', plan)).requestsLastMinute).toBe(2);
    expect((await gate.admit({ subscriptionId: 'b', plan, at, holdMs: 1000, estimateNanoUsd: () => 0 })).headers['x-ratelimit-remaining-requests']).toBe('1');
  });

  it('reserves the estimate against the month, settles the actual cost, records it, and refuses past the budget with budget_exceeded', async () => {
    const recorded: [string, string, number][] = [];
    const { gate } = gateWith(recorded);
    const plan = { name: 'metered', requestsPerMinute: 100, monthlyBudgetUsd: 0.000003 };
    const held = await gate.admit({ subscriptionId: 'm', plan, at, holdMs: 60_000, estimateNanoUsd: () => 2000 });
    expect((await gate.usage('m', plan, at)).reservedUsd).toBeCloseTo(0.000002, 9);
    const refused = await refusal(gate.admit({ subscriptionId: 'm', plan, at, holdMs: 60_000, estimateNanoUsd: () => 2000 }));
    expect(refused.code).toBe('budget_exceeded');
    expect(refused.headers()['x-should-retry']).toBe('false');
    // The refused call gave its request back: only the held one counts.
    expect((await gate.usage('m', plan, at)).requestsLastMinute).toBe(1);
    await held.settle({ tokens: 10, costNanoUsd: 1500 });
    expect(await gate.usage('m', plan, at)).toEqual({ period: '2026-11', requestsLastMinute: 1, spentUsd: 0.0000015, reservedUsd: 0, remainingUsd: 0.0000015 });
    expect(recorded).toEqual([['m', '2026-11', 1500]]);
    await held.settle({ tokens: 10, costNanoUsd: 1500 });
    expect(recorded).toHaveLength(1);
  });

  it('seeds this month from durable spend, never lowering it', async () => {
    const { gate } = gateWith();
    const plan = { name: 'metered', requestsPerMinute: null, monthlyBudgetUsd: 0.00001 };
    await gate.seed(new Map([['s', 9000]]), at);
    await gate.seed(new Map([['s', 1000]]), at);
    expect((await gate.usage('s', plan, at)).spentUsd).toBeCloseTo(0.000009, 9);
    await expect(gate.admit({ subscriptionId: 's', plan, at, holdMs: 1000, estimateNanoUsd: () => 2000 })).rejects.toMatchObject({ code: 'budget_exceeded' });
  });

  it('keeps the tighter request window of the workspace and the plan in the response headers', () => {
    const workspace = { 'x-ratelimit-limit-requests': '100', 'x-ratelimit-remaining-requests': '50', 'x-ratelimit-limit-tokens': '9' };
    const plan = { 'x-ratelimit-limit-requests': '3', 'x-ratelimit-remaining-requests': '1' };
    expect(tighterRequestHeaders(workspace, plan)).toEqual({ 'x-ratelimit-limit-requests': '3', 'x-ratelimit-remaining-requests': '1', 'x-ratelimit-limit-tokens': '9' });
    expect(tighterRequestHeaders(plan, workspace)).toEqual(plan);
    expect(tighterRequestHeaders({}, plan)).toEqual(plan);
  });
});
