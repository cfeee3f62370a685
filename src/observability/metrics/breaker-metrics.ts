import { Gauge, type Registry } from 'prom-client';
import type { BreakerState } from '../../gateway/routing/circuit-breaker';
import type { LabelBudget } from './label-budget';

/** Reads every known target's breaker state at scrape time. */
export type BreakerStateSource = () => ReadonlyArray<{ readonly target: string; readonly state: BreakerState }>;

export const BREAKER_STATE_VALUE: Readonly<Record<BreakerState, number>> = Object.freeze({ closed: 0, half_open: 1, open: 2 });

/**
 * `portico_circuit_breaker_state{target}`: 0 closed, 1 half-open, 2 open, read when scraped.
 * Breakers are keyed by account id and model, but the label is the `<account>/<model>` name (no
 * workspace id), so two workspaces with an account of the same name share one series: it shows
 * the worst of their states, which is what an alert on "any breaker open" needs.
 */
export function registerBreakerMetrics(registry: Registry, source: BreakerStateSource, labels: LabelBudget): Gauge<'target'> {
  return new Gauge({
    name: 'portico_circuit_breaker_state',
    help: 'Circuit breaker state per target: 0 closed, 1 half-open, 2 open',
    labelNames: ['target'],
    registers: [registry],
    collect() {
      this.reset();
      const named = source().map(({ target, state }) => ({ target: labels.admit('target', target), state }));
      for (const [target, value] of worstStateByTarget(named)) this.set({ target }, value);
    },
  });
}

export function worstStateByTarget(states: ReturnType<BreakerStateSource>): Map<string, number> {
  const worst = new Map<string, number>();
  for (const { target, state } of states) {
    worst.set(target, Math.max(worst.get(target) ?? 0, BREAKER_STATE_VALUE[state]));
  }
  return worst;
}
