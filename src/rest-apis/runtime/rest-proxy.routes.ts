import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit, Optional } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { CallRecords } from '../../audit/call-records/call-records';
import { SecretBox } from '../../common/crypto/secret-box';
import { dataPlaneAuth, decorateDataPlaneRequests } from '../../gateway/data-plane-auth.hook';
import { DataPlaneAuthenticator } from '../../gateway/data-plane-authenticator';
import { CallTracer } from '../../gateway/pipeline/call-trace';
import { SUBSCRIPTION_CHECK, type SubscriptionCheck } from '../../portal/subscription-check.contract';
import { PlanSpendLedger } from '../../portal/subscriptions/plan-spend-ledger';
import { UsageGate } from '../../usage/enforcement/usage-gate';
import { RestApiSnapshot } from './rest-api-snapshot';
import { RestProxyCall, type RestProxyDeps } from './rest-proxy-call';
import { DEFAULT_UPSTREAM_POOL_OPTIONS, UpstreamPools } from './upstream-pools';

const METHODS: HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * Mounts `/rest/<slug>/...` as plain Fastify routes beside `/v1`, in their own encapsulated scope
 * whose only body parser hands the request stream over unread, so bodies of any type and size are
 * streamed to the upstream as they arrive. Keys go through the gateway's own hook.
 */
@Injectable()
export class RestProxyRoutes implements OnModuleInit, OnApplicationShutdown {
  private readonly pools = new UpstreamPools(DEFAULT_UPSTREAM_POOL_OPTIONS);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly authenticator: DataPlaneAuthenticator,
    private readonly gate: UsageGate,
    private readonly records: CallRecords,
    private readonly box: SecretBox,
    private readonly catalog: RestApiSnapshot,
    @Optional() @Inject(SUBSCRIPTION_CHECK) private readonly subscriptions: SubscriptionCheck | null,
    @Optional() @Inject(PlanSpendLedger) private readonly planSpend: PlanSpendLedger | null,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    decorateDataPlaneRequests(fastify);
    const deps: RestProxyDeps = {
      catalog: this.catalog,
      subscriptions: this.subscriptions ?? null,
      gate: this.gate,
      planSpend: this.planSpend ?? null,
      tracer: new CallTracer(this.records),
      pools: this.pools,
      box: this.box,
      holdMs: DEFAULT_UPSTREAM_POOL_OPTIONS.headersTimeoutMs + DEFAULT_UPSTREAM_POOL_OPTIONS.bodyTimeoutMs,
    };
    const onRequest = dataPlaneAuth(this.authenticator, 'openai', { tracer: deps.tracer, endpoint: 'rest_api' });
    const handler = (request: FastifyRequest, reply: FastifyReply) => new RestProxyCall(deps, request, reply).run();
    void fastify.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
      for (const url of ['/rest/:slug', '/rest/:slug/*']) scope.route({ method: METHODS, url, exposeHeadRoute: false, onRequest, handler });
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pools.close();
  }
}
