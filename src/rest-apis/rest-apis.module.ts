import { Global, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { CHANGE_BUS, type ChangeBus } from '../common/change-bus/change-bus';
import { GatewayAuthModule } from '../gateway/gateway-auth.module';
import { REST_API_CATALOG } from '../prompt-apis/api-product-catalog';
import { PINO_LOGGER } from '../runtime.tokens';
import { UsageModule } from '../usage/usage.module';
import { RestApiPublicationKind } from './rest-api-publication.kind';
import { RestApisController } from './rest-apis.controller';
import { RestApisRepository } from './rest-apis.repository';
import { RestApisService } from './rest-apis.service';
import { RestApiSnapshot } from './runtime/rest-api-snapshot';
import { RestProxyRoutes } from './runtime/rest-proxy.routes';

/** Stops following changes at shutdown. */
@Injectable()
class RestCatalogLifecycle implements OnApplicationShutdown {
  constructor(private readonly snapshot: RestApiSnapshot) {}

  onApplicationShutdown(): void {
    this.snapshot.stop();
  }
}

/**
 * REST APIs (#8): upstream HTTP APIs registered with their OpenAPI documents, versioned and
 * published like prompt APIs (approval kind `rest_api_publication`), listed in the portal through
 * `REST_API_CATALOG` (global) and proxied under `/rest/<slug>/...` with keys, subscriptions,
 * limits and call logs.
 */
@Global()
@Module({
  imports: [UsageModule, GatewayAuthModule],
  controllers: [RestApisController],
  providers: [
    RestApisRepository,
    RestApisService,
    RestApiPublicationKind,
    {
      provide: RestApiSnapshot,
      useFactory: async (repository: RestApisRepository, changes: ChangeBus, logger: Logger) => {
        const snapshot = new RestApiSnapshot(repository, changes, logger.child({ component: 'rest-apis' }));
        await snapshot.start();
        return snapshot;
      },
      inject: [RestApisRepository, CHANGE_BUS, PINO_LOGGER],
    },
    { provide: REST_API_CATALOG, useExisting: RestApiSnapshot },
    RestCatalogLifecycle,
    RestProxyRoutes,
  ],
  exports: [REST_API_CATALOG, RestApiSnapshot],
})
export class RestApisModule {}
