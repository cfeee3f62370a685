import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { CHANGE_BUS, type ChangeBus } from '../common/change-bus/change-bus';
import { type AnyApiProductCatalog, API_PRODUCT_CATALOG, type ApiProductCatalog, REST_API_CATALOG } from '../prompt-apis/api-product-catalog';
import { PINO_LOGGER } from '../runtime.tokens';
import type { CounterStore } from '../usage/limits/counter-store';
import { COUNTER_STORE, LimitsModule } from '../usage/limits/limits.module';
import { NO_PRODUCTS, PORTAL_PRODUCTS, portalProducts } from './catalog/portal-catalog';
import { PortalController } from './portal.controller';
import { PortalService } from './portal.service';
import { PortalVisitors } from './portal-visitor';
import { SUBSCRIPTION_CHECK } from './subscription-check.contract';
import { SubscriptionKind } from './subscriptions/subscription.kind';
import type { Subscription } from './subscriptions/subscription';
import { SubscriptionSnapshot } from './subscriptions/subscription-snapshot';
import { PlanSpendLedger } from './subscriptions/plan-spend-ledger';
import { PlanConsumption } from './subscriptions/plan-consumption';
import { SubscriptionsController } from './subscriptions/subscriptions.controller';
import { SubscriptionsRepository } from './subscriptions/subscriptions.repository';
import { SubscriptionsService } from './subscriptions/subscriptions.service';

/** Stops following subscription changes at shutdown, and writes the plan spend still in memory. */
@Injectable()
class SubscriptionSnapshotLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(SubscriptionSnapshot) private readonly snapshot: SubscriptionSnapshot,
    @Inject(PlanSpendLedger) private readonly ledger: PlanSpendLedger,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.snapshot.stop();
    await this.ledger.stop();
  }
}

const BUDGETED = (subscription: { state: string; plan: { monthlyBudgetUsd: number | null } | null }) => subscription.state === 'active' && subscription.plan?.monthlyBudgetUsd != null;

/**
 * The developer portal (#8): subscriptions of apps and users to API products (approved through the
 * approval engine, checked from memory by `SUBSCRIPTION_CHECK`), the catalog pages, OpenAPI 3.1
 * documents and the try-it console.
 */
@Global()
@Module({
  imports: [LimitsModule],
  controllers: [SubscriptionsController, PortalController],
  providers: [
    {
      provide: PORTAL_PRODUCTS,
      useFactory: (prompts: ApiProductCatalog | undefined, rest: AnyApiProductCatalog | undefined) => portalProducts(prompts ?? NO_PRODUCTS, rest ?? NO_PRODUCTS),
      inject: [{ token: API_PRODUCT_CATALOG, optional: true }, { token: REST_API_CATALOG, optional: true }],
    },
    SubscriptionsRepository,
    SubscriptionsService,
    PortalService,
    PortalVisitors,
    SubscriptionKind,
    {
      provide: PlanSpendLedger,
      useFactory: (repository: SubscriptionsRepository, logger: Logger) => {
        const ledger = new PlanSpendLedger(repository, logger.child({ component: 'plan-spend' }));
        ledger.start();
        return ledger;
      },
      inject: [SubscriptionsRepository, PINO_LOGGER],
    },
    {
      provide: PlanConsumption,
      useFactory: (store: CounterStore) => new PlanConsumption(store),
      inject: [COUNTER_STORE],
    },
    {
      provide: SubscriptionSnapshot,
      useFactory: async (repository: SubscriptionsRepository, changes: ChangeBus, plans: PlanConsumption, logger: Logger) => {
        const seed = async (loaded: readonly Subscription[]) => {
          const ids = loaded.filter(BUDGETED).map((subscription) => subscription.id);
          if (ids.length > 0) await plans.seed(await repository.spendOf(ids, new Date().toISOString().slice(0, 7)));
        };
        const snapshot = new SubscriptionSnapshot(repository, changes, logger.child({ component: 'subscriptions' }), Date.now, seed);
        await snapshot.start();
        return snapshot;
      },
      inject: [SubscriptionsRepository, CHANGE_BUS, PlanConsumption, PINO_LOGGER],
    },
    { provide: SUBSCRIPTION_CHECK, useExisting: SubscriptionSnapshot },
    SubscriptionSnapshotLifecycle,
  ],
  exports: [SUBSCRIPTION_CHECK, SubscriptionSnapshot, PlanSpendLedger],
})
export class PortalModule {}
