import { Gauge, type Registry } from 'prom-client';
import type { BudgetLedger } from './budgets/budget-ledger';
import type { CounterStore } from './limits/counter-store';
import { DegradingCounterStore } from './limits/degrading-counter-store';

/**
 * The limits' own health, read at scrape time: whether Redis is down (limits enforced per process),
 * how many outages there were, and spend not yet durable in Postgres.
 */
export function registerUsageMetrics(registry: Registry, store: CounterStore, ledger: BudgetLedger): void {
  const degrading = store instanceof DegradingCounterStore ? store : undefined;
  new Gauge({
    name: 'portico_limits_degraded',
    help: '1 while Redis is unreachable and rate limits and budgets are enforced per process; 0 otherwise (always 0 without REDIS_URL)',
    registers: [registry],
    collect() {
      this.set(degrading?.degraded ? 1 : 0);
    },
  });
  new Gauge({
    name: 'portico_limits_redis_outages',
    help: 'Redis outages seen by this process since it started',
    registers: [registry],
    collect() {
      this.set(degrading?.outages ?? 0);
    },
  });
  new Gauge({
    name: 'portico_budget_unflushed_usd',
    help: 'Settled spend recorded by this process and not yet added to Postgres (budget_spend)',
    registers: [registry],
    collect() {
      this.set(ledger.unflushedNanoUsd / 1e9);
    },
  });
}
