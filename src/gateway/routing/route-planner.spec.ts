import { describe, expect, it } from 'vitest';
import type { LiveProviderAccount } from '../../providers/provider-account-snapshot';
import { EwmaLatencyTracker } from './latency-tracker';
import { DEFAULT_RESILIENCE_POLICY, resolvePolicy, type RoutingStrategyName } from './resilience-policy';
import { type AccountLookup, RoutePlanner, type RouteLookup } from './route-planner';
import type { LiveRoute, LiveRouteTarget } from './route-snapshot';
import { account } from './__fixtures__/routing-fixtures';

const WS = 'ws-1';

function lookupOf(accounts: LiveProviderAccount[]): AccountLookup {
  return {
    get: (workspaceId, name) => accounts.find((a) => a.workspaceId === workspaceId && a.name === name),
    getById: (workspaceId, id) => accounts.find((a) => a.workspaceId === workspaceId && a.id === id),
  };
}

function routesOf(routes: LiveRoute[]): RouteLookup {
  return { get: (workspaceId, alias) => routes.find((route) => route.workspaceId === workspaceId && route.alias === alias) };
}

function route(alias: string, strategy: RoutingStrategyName, targets: Array<Partial<LiveRouteTarget> & { account: string }>): LiveRoute {
  return {
    id: `route-${alias}`,
    workspaceId: WS,
    alias,
    strategy,
    policy: resolvePolicy({ maxAttempts: 7 }),
    cacheTtlSeconds: 60,
    targets: targets.map(({ account: name, ...rest }) => ({ providerAccountId: `id-${name}`, model: 'm', weight: 1, priority: 0, ...rest })),
  };
}

const accounts = ['a', 'b', 'c', 'd'].map((name) => account(name, [`key-${name}`]));

function planner(routes: LiveRoute[], options: { random?: () => number; latency?: EwmaLatencyTracker; accounts?: LiveProviderAccount[] } = {}) {
  return new RoutePlanner(routesOf(routes), lookupOf(options.accounts ?? accounts), options.latency ?? new EwmaLatencyTracker(), { random: options.random });
}

const names = (plan: ReturnType<RoutePlanner['plan']>) => plan?.targets.map((target) => target.displayName);

describe('RoutePlanner', () => {
  it('plans a direct <account>/<model> to that one target with the default policy and no cache', () => {
    const plan = planner([]).plan(WS, 'b/vendor/model-x');
    expect(plan).toEqual({
      targets: [{ key: 'id-b:vendor/model-x', account: accounts[1], model: 'vendor/model-x', displayName: 'b/vendor/model-x', weight: 1, priority: 0 }],
      policy: DEFAULT_RESILIENCE_POLICY,
      cacheTtlSeconds: null,
    });
    expect(plan?.alias).toBeUndefined();
  });

  it('plans unknown names, unknown accounts, other workspaces and empty models to null', () => {
    const p = planner([route('chat', 'priority', [{ account: 'a' }])]);
    expect(p.plan(WS, 'nope')).toBeNull();
    expect(p.plan(WS, 'zz/m')).toBeNull();
    expect(p.plan(WS, 'a/')).toBeNull();
    expect(p.plan('ws-2', 'chat')).toBeNull();
    expect(p.plan('ws-2', 'a/m')).toBeNull();
  });

  it('carries the alias, the route policy and its cache TTL; keys are `${accountId}:${model}`', () => {
    const plan = planner([route('chat', 'priority', [{ account: 'a', model: 'gpt', contextWindow: 8_000, inputPricePerMTok: 1, outputPricePerMTok: 2 }])]).plan(WS, 'chat')!;
    expect(plan).toMatchObject({ alias: 'chat', cacheTtlSeconds: 60, policy: { maxAttempts: 7, retriesPerTarget: DEFAULT_RESILIENCE_POLICY.retriesPerTarget } });
    expect(plan.targets[0]).toEqual({
      key: 'id-a:gpt',
      account: accounts[0],
      model: 'gpt',
      displayName: 'a/gpt',
      weight: 1,
      priority: 0,
      contextWindow: 8_000,
      inputPricePerMTok: 1,
      outputPricePerMTok: 2,
    });
  });

  it('leaves out targets of disabled (absent) accounts; a route left with none plans to zero targets', () => {
    const onlyA = [accounts[0]];
    const p = planner([route('chat', 'priority', [{ account: 'b' }, { account: 'a' }]), route('gone', 'priority', [{ account: 'c' }])], { accounts: onlyA });
    expect(names(p.plan(WS, 'chat'))).toEqual(['a/m']);
    expect(p.plan(WS, 'gone')?.targets).toEqual([]);
  });

  it('priority: ascending priority, the admin order within one priority', () => {
    const plan = planner([
      route('chat', 'priority', [
        { account: 'a', priority: 2 },
        { account: 'b', priority: 1 },
        { account: 'c', priority: 2, model: 'x' },
        { account: 'd', priority: -1 },
      ]),
    ]).plan(WS, 'chat');
    expect(names(plan)).toEqual(['d/m', 'b/m', 'a/m', 'c/x']);
  });

  describe('weighted', () => {
    const weighted = route('chat', 'weighted', [
      { account: 'a', weight: 1 },
      { account: 'b', weight: 3 },
      { account: 'c', weight: 6 },
    ]);

    it('picks proportionally to weight, then orders the rest without replacement', () => {
      const draws = (values: number[]) => {
        let i = 0;
        return () => values[i++ % values.length];
      };
      // total 10: [0,1) → a, [1,4) → b, [4,10) → c
      expect(names(planner([weighted], { random: draws([0.05, 0.5]) }).plan(WS, 'chat'))).toEqual(['a/m', 'c/m', 'b/m']);
      expect(names(planner([weighted], { random: draws([0.2, 0.0]) }).plan(WS, 'chat'))).toEqual(['b/m', 'a/m', 'c/m']);
      expect(names(planner([weighted], { random: draws([0.99, 0.99]) }).plan(WS, 'chat'))).toEqual(['c/m', 'b/m', 'a/m']);
    });

    it('spreads first picks by weight over many requests (seeded)', () => {
      let seed = 42;
      const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
      const p = planner([weighted], { random });
      const firsts: Record<string, number> = {};
      for (let i = 0; i < 10_000; i++) {
        const first = p.plan(WS, 'chat')!.targets[0].displayName;
        firsts[first] = (firsts[first] ?? 0) + 1;
      }
      expect(firsts['a/m'] / 10_000).toBeCloseTo(0.1, 1);
      expect(firsts['b/m'] / 10_000).toBeCloseTo(0.3, 1);
      expect(firsts['c/m'] / 10_000).toBeCloseTo(0.6, 1);
    });
  });

  it('least_latency: unmeasured targets first (by priority), then the lowest EWMA', () => {
    const latency = new EwmaLatencyTracker(0.5);
    latency.record('id-a:m', 300);
    latency.record('id-b:m', 100);
    latency.record('id-b:m', 500); // EWMA 300 → ties with a, priority decides
    latency.record('id-c:m', 50);
    const plan = planner(
      [
        route('chat', 'least_latency', [
          { account: 'a', priority: 1 },
          { account: 'b', priority: 0 },
          { account: 'c', priority: 5 },
          { account: 'd', priority: 9 },
        ]),
      ],
      { latency },
    ).plan(WS, 'chat');
    expect(names(plan)).toEqual(['d/m', 'c/m', 'b/m', 'a/m']);
  });

  it('lowest_cost: cheapest estimate for the prompt first, unpriced targets last', () => {
    const costly = route('chat', 'lowest_cost', [
      { account: 'a', inputPricePerMTok: 10, outputPricePerMTok: 30 },
      { account: 'b' },
      { account: 'c', inputPricePerMTok: 0.5, outputPricePerMTok: 60 },
      { account: 'd', inputPricePerMTok: 3, outputPricePerMTok: 15 },
    ]);
    const p = planner([costly]);
    // long prompt, short answer: input price dominates
    expect(names(p.plan(WS, 'chat', { promptTokens: 100_000, outputTokens: 10 }))).toEqual(['c/m', 'd/m', 'a/m', 'b/m']);
    // short prompt, long answer: output price dominates
    expect(names(p.plan(WS, 'chat', { promptTokens: 10, outputTokens: 10_000 }))).toEqual(['d/m', 'a/m', 'c/m', 'b/m']);
    // defaults: 1000 in, 500 out → a 0.025, c 0.0305, d 0.0105
    expect(names(p.plan(WS, 'chat'))).toEqual(['d/m', 'a/m', 'c/m', 'b/m']);
  });

  it('puts targets whose context window is smaller than the prompt last, whatever the strategy', () => {
    const plan = planner([
      route('chat', 'priority', [
        { account: 'a', priority: 0, contextWindow: 4_000 },
        { account: 'b', priority: 1 },
        { account: 'c', priority: 2, contextWindow: 200_000 },
      ]),
    ]).plan(WS, 'chat', { promptTokens: 10_000 });
    expect(names(plan)).toEqual(['b/m', 'c/m', 'a/m']);
  });
});
