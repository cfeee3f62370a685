import { Injectable, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { PluginHost } from '../plugin-host/plugin-host';
import { ProviderCaller } from '../plugin-host/provider-call';
import { MemoryCacheStore, ResponseCache } from './cache/response-cache';
import { decorateDataPlaneRequests } from './data-plane-auth.hook';
import { DataPlaneAuthenticator } from './data-plane-authenticator';
import { GatewayAuthModule } from './gateway-auth.module';
import { ModelsCatalog } from './models-catalog';
import { registerModelsRoutes } from './models.routes';
import { registerChatCompletionsRoute } from './openai/chat-completions.route';
import { registerEmbeddingsRoute } from './openai/embeddings.route';
import { registerMessagesRoute } from './anthropic/messages.route';
import { Dispatcher } from './pipeline/dispatcher';
import { ResilientExecutor } from './routing/resilient-executor';
import { RoutePlanner } from './routing/route-planner';
import { RouteSnapshot } from './routing/route-snapshot';
import { RoutingModule } from './routing/routing.module';
import { UndiciTransport } from './transport/undici-transport';
import { CallRecords } from '../audit/call-records/call-records';
import { UsageGate } from '../usage/enforcement/usage-gate';
import { PriceBook } from '../usage/prices/price-book';
import { UsageModule } from '../usage/usage.module';
import { CallTracer } from './pipeline/call-trace';
import { GuardBindingSnapshot } from '../guards/guard-binding-snapshot';
import { GuardsModule } from '../guards/guards.module';

/**
 * Mounts the `/v1` data plane as plain Fastify routes (no Nest guard, pipe or interceptor per
 * request): key check in memory, configuration from in-memory snapshots, upstreams over undici.
 */
@Injectable()
class DataPlaneRoutes implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly authenticator: DataPlaneAuthenticator,
    private readonly catalog: ModelsCatalog,
    private readonly planner: RoutePlanner,
    private readonly dispatcher: Dispatcher,
    private readonly cache: ResponseCache,
    private readonly transport: UndiciTransport,
    private readonly routes: RouteSnapshot,
    private readonly gate: UsageGate,
    private readonly prices: PriceBook,
    private readonly records: CallRecords,
    private readonly plugins: PluginHost,
    private readonly guardBindings: GuardBindingSnapshot,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    decorateDataPlaneRequests(fastify);
    const tracer = new CallTracer(this.records);
    const deps = { authenticator: this.authenticator, planner: this.planner, dispatcher: this.dispatcher, cache: this.cache, gate: this.gate, prices: this.prices, tracer, plugins: this.plugins, guards: this.guardBindings };
    registerModelsRoutes(fastify, this.authenticator, this.catalog, this.routes, tracer);
    registerChatCompletionsRoute(fastify, deps);
    registerEmbeddingsRoute(fastify, deps);
    registerMessagesRoute(fastify, deps);
  }

  /** After the HTTP server stopped accepting and in-flight requests finished. */
  async onApplicationShutdown(): Promise<void> {
    await this.transport.close();
  }
}

@Module({
  imports: [GatewayAuthModule, RoutingModule, UsageModule, GuardsModule],
  providers: [
    { provide: UndiciTransport, useFactory: () => new UndiciTransport() },
    {
      provide: Dispatcher,
      useFactory: (executor: ResilientExecutor, host: PluginHost, transport: UndiciTransport) => new Dispatcher(executor, new ProviderCaller(host, transport)),
      inject: [ResilientExecutor, PluginHost, UndiciTransport],
    },
    { provide: ResponseCache, useFactory: () => new ResponseCache(new MemoryCacheStore()) },
    DataPlaneRoutes,
  ],
})
export class GatewayModule {}
