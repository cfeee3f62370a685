import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { PluginHost } from '../plugin-host/plugin-host';
import { ProviderCaller } from '../plugin-host/provider-call';
import { ProviderAccountSnapshot } from '../providers/provider-account-snapshot';
import { ProvidersModule } from '../providers/providers.module';
import { PINO_LOGGER } from '../runtime.tokens';
import { decorateDataPlaneRequests } from './data-plane-auth.hook';
import { DataPlaneAuthenticator } from './data-plane-authenticator';
import { GatewayAuthModule } from './gateway-auth.module';
import { ModelsCatalog } from './models-catalog';
import { registerModelsRoutes } from './models.routes';

/**
 * Mounts the `/v1` data plane as plain Fastify routes (no Nest guard, pipe or interceptor per
 * request): key check in memory, configuration from in-memory snapshots.
 */
@Injectable()
class DataPlaneRoutes implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly authenticator: DataPlaneAuthenticator,
    private readonly catalog: ModelsCatalog,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    decorateDataPlaneRequests(fastify);
    registerModelsRoutes(fastify, this.authenticator, this.catalog);
  }
}

@Module({
  imports: [GatewayAuthModule, ProvidersModule],
  providers: [
    {
      provide: ModelsCatalog,
      useFactory: (accounts: ProviderAccountSnapshot, host: PluginHost, logger: Logger) =>
        new ModelsCatalog(accounts, new ProviderCaller(host), logger.child({ component: 'models' })),
      inject: [ProviderAccountSnapshot, PluginHost, PINO_LOGGER],
    },
    DataPlaneRoutes,
  ],
})
export class GatewayModule {}
