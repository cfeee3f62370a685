import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { InMemoryCircuitBreakers } from '../../gateway/routing/circuit-breaker';
import { ResilientExecutor } from '../../gateway/routing/resilient-executor';
import { FakeClock, failed, plan, providerError, scriptedAttempts, target } from '../../gateway/routing/__fixtures__/routing-fixtures';
import { registerBreakerMetrics, worstStateByTarget } from './breaker-metrics';
import { LabelBudget } from './label-budget';

const never = () => new AbortController().signal;

async function gaugeValues(registry: Registry): Promise<Record<string, number>> {
  const { values } = await registry.getSingleMetric('portico_circuit_breaker_state')!.get();
  return Object.fromEntries(values.map((value) => [String(value.labels.target), value.value]));
}

describe('portico_circuit_breaker_state', () => {
  it('reads the executor’s breakers by target name at scrape time: open, then half-open, then closed', async () => {
    const clock = new FakeClock();
    const executor = new ResilientExecutor({ clock, breakers: new InMemoryCircuitBreakers({ failureThreshold: 1, cooldownMs: 1_000 }), random: () => 0 });
    const registry = new Registry();
    registerBreakerMetrics(registry, () => executor.breakerStatesByTarget(), new LabelBudget(registry));
    expect(await gaugeValues(registry)).toEqual({});

    const down = scriptedAttempts({ 'a/m': [failed(providerError('server', 500))] }, clock);
    await executor.run(plan([target('a'), target('b')], { retriesPerTarget: 0 }), down.attempt, never());
    expect(await gaugeValues(registry)).toEqual({ 'a/m': 2, 'b/m': 0 });

    clock.advance(1_000);
    expect(await gaugeValues(registry)).toEqual({ 'a/m': 1, 'b/m': 0 });

    await executor.run(plan([target('a')]), scriptedAttempts({}, clock).attempt, never());
    expect(await gaugeValues(registry)).toEqual({ 'a/m': 0, 'b/m': 0 });
  });

  it('reports the worst state when several breakers share a target name', () => {
    const states = worstStateByTarget([
      { target: 'mock/m', state: 'closed' },
      { target: 'mock/m', state: 'open' },
      { target: 'mock/m', state: 'half_open' },
      { target: 'other/m', state: 'half_open' },
    ]);
    expect(Object.fromEntries(states)).toEqual({ 'mock/m': 2, 'other/m': 1 });
  });
});
