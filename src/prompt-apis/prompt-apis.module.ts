import { Global, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { CHANGE_BUS, type ChangeBus } from '../common/change-bus/change-bus';
import { GatewayAuthModule } from '../gateway/gateway-auth.module';
import { RoutingModule } from '../gateway/routing/routing.module';
import { GuardsModule } from '../guards/guards.module';
import { PromptsModule } from '../prompts/prompts.module';
import { PINO_LOGGER } from '../runtime.tokens';
import { UsageModule } from '../usage/usage.module';
import { API_PRODUCT_CATALOG } from './api-product-catalog';
import { ApiPublicationKind } from './lifecycle/api-publication.kind';
import { PromptApisController } from './prompt-apis.controller';
import { PromptApisRepository } from './prompt-apis.repository';
import { PromptApisService } from './prompt-apis.service';
import { ApiProductSnapshot } from './runtime/api-product-snapshot';
import { PromptApiRoutes } from './runtime/prompt-api.routes';

/** Stops following changes at shutdown. */
@Injectable()
class CatalogLifecycle implements OnApplicationShutdown {
  constructor(private readonly snapshot: ApiProductSnapshot) {}

  onApplicationShutdown(): void {
    this.snapshot.stop();
  }
}

/**
 * Prompt-to-API encapsulation (#8): API products over fixed prompt versions, their lifecycle
 * (publication through the approval engine), the in-memory catalog the portal reads
 * (`API_PRODUCT_CATALOG`, global) and the `/apis/...` runtime on the `/v1` pipeline.
 */
@Global()
@Module({
  imports: [PromptsModule, RoutingModule, UsageModule, GuardsModule, GatewayAuthModule],
  controllers: [PromptApisController],
  providers: [
    PromptApisRepository,
    PromptApisService,
    ApiPublicationKind,
    {
      provide: ApiProductSnapshot,
      useFactory: async (repository: PromptApisRepository, changes: ChangeBus, logger: Logger) => {
        const snapshot = new ApiProductSnapshot(repository, changes, logger.child({ component: 'prompt-apis' }));
        await snapshot.start();
        return snapshot;
      },
      inject: [PromptApisRepository, CHANGE_BUS, PINO_LOGGER],
    },
    { provide: API_PRODUCT_CATALOG, useExisting: ApiProductSnapshot },
    CatalogLifecycle,
    PromptApiRoutes,
  ],
  exports: [API_PRODUCT_CATALOG, ApiProductSnapshot],
})
export class PromptApisModule {}
