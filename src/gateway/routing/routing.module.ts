import { Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { CHANGE_BUS, type ChangeBus } from '../../common/change-bus/change-bus';
import { PluginHost } from '../../plugin-host/plugin-host';
import { ProviderCaller } from '../../plugin-host/provider-call';
import { ProviderAccountSnapshot } from '../../providers/provider-account-snapshot';
import { ProvidersModule } from '../../providers/providers.module';
import type { PorticoConfig } from '../../config/portico-config';
import { PINO_LOGGER, PORTICO_CONFIG } from '../../runtime.tokens';
import { ModelsCatalog } from '../models-catalog';
import { type CircuitBreakers, InMemoryCircuitBreakers } from './circuit-breaker';
import { EwmaLatencyTracker, type LatencyTracker } from './latency-tracker';
import { ResilientExecutor } from './resilient-executor';
import { RoutePlanner } from './route-planner';
import { RouteSnapshot } from './route-snapshot';
import { RoutesController } from './routes.controller';
import { RoutesRepository } from './routes.repository';
import { RoutesService } from './routes.service';
import { WorkspaceModelsController } from './workspace-models.controller';
import { WorkspaceModelsService } from './workspace-models.service';

/** Shared by the planner (least_latency) and the executor (records it); swap for a Redis-backed store. */
export const LATENCY_TRACKER = Symbol('LatencyTracker');
/** The executor's circuit breakers; swap for a Redis-backed store when several replicas run. */
export const CIRCUIT_BREAKERS = Symbol('CircuitBreakers');

@Injectable()
class RouteSnapshotLifecycle implements OnApplicationShutdown {
  constructor(@Inject(RouteSnapshot) private readonly snapshot: RouteSnapshot) {}

  onApplicationShutdown(): void {
    this.snapshot.stop();
  }
}

/**
 * Model routes: the admin API (`/admin/workspaces/:id/routes`, `/models`), the in-memory
 * `RouteSnapshot`, and what the `/v1` pipeline calls: `RoutePlanner` (where a request goes) and
 * `ResilientExecutor` (retries, credential rotation, fallback, circuit breakers).
 */
@Module({
  imports: [ProvidersModule],
  controllers: [RoutesController, WorkspaceModelsController],
  providers: [
    RoutesRepository,
    RoutesService,
    WorkspaceModelsService,
    {
      provide: ModelsCatalog,
      useFactory: (accounts: ProviderAccountSnapshot, host: PluginHost, logger: Logger) =>
        new ModelsCatalog(accounts, new ProviderCaller(host), logger.child({ component: 'models' })),
      inject: [ProviderAccountSnapshot, PluginHost, PINO_LOGGER],
    },
    {
      provide: RouteSnapshot,
      useFactory: async (repository: RoutesRepository, changes: ChangeBus, logger: Logger) => {
        const snapshot = new RouteSnapshot(repository, changes, logger.child({ component: 'routes' }));
        await snapshot.start();
        return snapshot;
      },
      inject: [RoutesRepository, CHANGE_BUS, PINO_LOGGER],
    },
    RouteSnapshotLifecycle,
    { provide: LATENCY_TRACKER, useFactory: () => new EwmaLatencyTracker() },
    {
      provide: CIRCUIT_BREAKERS,
      useFactory: (config: PorticoConfig) => new InMemoryCircuitBreakers(config.gateway.breaker),
      inject: [PORTICO_CONFIG],
    },
    {
      provide: RoutePlanner,
      useFactory: (routes: RouteSnapshot, accounts: ProviderAccountSnapshot, latency: LatencyTracker) => new RoutePlanner(routes, accounts, latency),
      inject: [RouteSnapshot, ProviderAccountSnapshot, LATENCY_TRACKER],
    },
    {
      provide: ResilientExecutor,
      useFactory: (breakers: CircuitBreakers, latency: LatencyTracker) => new ResilientExecutor({ breakers, latency }),
      inject: [CIRCUIT_BREAKERS, LATENCY_TRACKER],
    },
  ],
  exports: [RoutePlanner, ResilientExecutor, RouteSnapshot, ModelsCatalog, LATENCY_TRACKER, CIRCUIT_BREAKERS],
})
export class RoutingModule {}
