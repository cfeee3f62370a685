import { Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { CHANGE_BUS, type ChangeBus } from '../common/change-bus/change-bus';
import type { PorticoConfig } from '../config/portico-config';
import { PINO_LOGGER, PORTICO_CONFIG } from '../runtime.tokens';
import { BUDGET_ALERT_SINK, BudgetAlertsModule } from './budgets/budget-alerts';
import { BudgetLedger, type BudgetAlertSink } from './budgets/budget-ledger';
import { BudgetsController } from './budgets/budgets.controller';
import { BudgetsRepository } from './budgets/budgets.repository';
import { BudgetsService } from './budgets/budgets.service';
import { UsageGate } from './enforcement/usage-gate';
import { UsagePolicySnapshot } from './enforcement/usage-policy-snapshot';
import type { CounterStore } from './limits/counter-store';
import { COUNTER_STORE, LimitsModule } from './limits/limits.module';
import { DegradingCounterStore } from './limits/degrading-counter-store';
import { RateLimitsController } from './limits/rate-limits.controller';
import { RateLimitsRepository } from './limits/rate-limits.repository';
import { RateLimitsService } from './limits/rate-limits.service';
import { PriceBook } from './prices/price-book';
import { PricesModule } from './prices/prices.module';
import type { Registry } from 'prom-client';
import { METRICS_REGISTRY } from '../observability/metrics-registry';
import { registerUsageMetrics } from './usage-metrics';

/**
 * Shutdown in the only safe order: settlements in flight finish against the counter store, the
 * ledger writes the spend they produced, then the store (and its Redis connection) closes.
 */
@Injectable()
class UsageLifecycle implements OnApplicationShutdown {
  constructor(
    private readonly gate: UsageGate,
    private readonly ledger: BudgetLedger,
    private readonly snapshot: UsagePolicySnapshot,
    @Inject(COUNTER_STORE) private readonly store: CounterStore,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    registerUsageMetrics(registry, store, ledger);
  }

  async onApplicationShutdown(): Promise<void> {
    this.snapshot.stop();
    await this.gate.drain();
    await this.ledger.stop();
    await (this.store as { close?: () => unknown }).close?.();
  }
}

/**
 * Rate limits and budgets: their admin API (`/admin/workspaces/:id/rate-limits`, `/budgets`) and
 * `UsageGate`, which the data plane asks before every call and tells after it.
 */
@Module({
  imports: [LimitsModule, PricesModule, BudgetAlertsModule],
  controllers: [RateLimitsController, BudgetsController],
  providers: [
    RateLimitsRepository,
    RateLimitsService,
    BudgetsRepository,
    BudgetsService,
    {
      provide: UsagePolicySnapshot,
      useFactory: async (limits: RateLimitsRepository, budgets: BudgetsRepository, store: CounterStore, changes: ChangeBus, logger: Logger) => {
        const snapshot = new UsagePolicySnapshot(
          { loadRateLimits: (ids) => limits.loadEnabled(ids), loadBudgets: (ids) => budgets.loadEnabled(ids), spendOf: (keys) => budgets.spendOf(keys) },
          store,
          changes,
          logger.child({ component: 'usage-policies' }),
        );
        await snapshot.start();
        // Spend settled locally during a Redis outage reached Postgres through the ledger: seed it back.
        if (store instanceof DegradingCounterStore) store.onRecovered(() => void snapshot.reloadAll());
        return snapshot;
      },
      inject: [RateLimitsRepository, BudgetsRepository, COUNTER_STORE, CHANGE_BUS, PINO_LOGGER],
    },
    {
      provide: BudgetLedger,
      useFactory: async (repository: BudgetsRepository, snapshot: UsagePolicySnapshot, alerts: BudgetAlertSink, logger: Logger, config: PorticoConfig) => {
        const ledger = new BudgetLedger(repository, (id) => snapshot.budget(id), alerts, logger.child({ component: 'budget-ledger' }), {
          spillDir: join(config.dataDir, 'budget-spill'),
        });
        await ledger.start();
        return ledger;
      },
      inject: [BudgetsRepository, UsagePolicySnapshot, BUDGET_ALERT_SINK, PINO_LOGGER, PORTICO_CONFIG],
    },
    {
      provide: UsageGate,
      useFactory: (snapshot: UsagePolicySnapshot, store: CounterStore, prices: PriceBook, ledger: BudgetLedger, logger: Logger) =>
        new UsageGate(snapshot, store, prices, ledger, logger.child({ component: 'usage-gate' })),
      inject: [UsagePolicySnapshot, COUNTER_STORE, PriceBook, BudgetLedger, PINO_LOGGER],
    },
    UsageLifecycle,
  ],
  exports: [UsageGate, PricesModule],
})
export class UsageModule {}
