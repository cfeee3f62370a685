import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { CHANGE_BUS, type ChangeBus } from '../common/change-bus/change-bus';
import { type AnyApiProductCatalog, API_PRODUCT_CATALOG, type ApiProductCatalog, REST_API_CATALOG } from '../prompt-apis/api-product-catalog';
import { PINO_LOGGER } from '../runtime.tokens';
import { NO_PRODUCTS, PORTAL_PRODUCTS, portalProducts } from './catalog/portal-catalog';
import { PortalController } from './portal.controller';
import { PortalService } from './portal.service';
import { SUBSCRIPTION_CHECK } from './subscription-check.contract';
import { SubscriptionKind } from './subscriptions/subscription.kind';
import { SubscriptionSnapshot } from './subscriptions/subscription-snapshot';
import { SubscriptionsController } from './subscriptions/subscriptions.controller';
import { SubscriptionsRepository } from './subscriptions/subscriptions.repository';
import { SubscriptionsService } from './subscriptions/subscriptions.service';

/** Stops following subscription changes at shutdown. */
@Injectable()
class SubscriptionSnapshotLifecycle implements OnApplicationShutdown {
  constructor(@Inject(SubscriptionSnapshot) private readonly snapshot: SubscriptionSnapshot) {}

  onApplicationShutdown(): void {
    this.snapshot.stop();
  }
}

/**
 * The developer portal (#8): subscriptions of apps and users to API products (approved through the
 * approval engine, checked from memory by `SUBSCRIPTION_CHECK`), the catalog pages, OpenAPI 3.1
 * documents and the try-it console.
 */
@Global()
@Module({
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
    SubscriptionKind,
    {
      provide: SubscriptionSnapshot,
      useFactory: async (repository: SubscriptionsRepository, changes: ChangeBus, logger: Logger) => {
        const snapshot = new SubscriptionSnapshot(repository, changes, logger.child({ component: 'subscriptions' }));
        await snapshot.start();
        return snapshot;
      },
      inject: [SubscriptionsRepository, CHANGE_BUS, PINO_LOGGER],
    },
    { provide: SUBSCRIPTION_CHECK, useExisting: SubscriptionSnapshot },
    SubscriptionSnapshotLifecycle,
  ],
  exports: [SUBSCRIPTION_CHECK, SubscriptionSnapshot],
})
export class PortalModule {}
