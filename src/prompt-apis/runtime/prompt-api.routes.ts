import { Inject, Injectable, type OnModuleInit, Optional } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CallRecords } from '../../audit/call-records/call-records';
import { dataPlaneAuth, decorateDataPlaneRequests } from '../../gateway/data-plane-auth.hook';
import { DataPlaneAuthenticator } from '../../gateway/data-plane-authenticator';
import { CallTracer } from '../../gateway/pipeline/call-trace';
import { Dispatcher } from '../../gateway/pipeline/dispatcher';
import { RoutePlanner } from '../../gateway/routing/route-planner';
import { GuardBindingSnapshot } from '../../guards/guard-binding-snapshot';
import { PluginHost } from '../../plugin-host/plugin-host';
import { SUBSCRIPTION_CHECK, type SubscriptionCheck } from '../../portal/subscription-check.contract';
import { promptResolverOf } from '../../prompts/runtime/prompt-data-plane';
import { UsageGate } from '../../usage/enforcement/usage-gate';
import { PriceBook } from '../../usage/prices/price-book';
import { PlanSpendLedger } from '../../portal/subscriptions/plan-spend-ledger';
import { ApiProductSnapshot } from './api-product-snapshot';
import { JsonOutput } from './json-output';
import { PromptApiCall, type PromptApiDeps } from './prompt-api-call';

type ApiParams = { Params: { slug: string; version?: string } };
type ApiRequest = FastifyRequest<ApiParams>;

/**
 * Mounts `POST /apis/<slug>` and `POST /apis/<slug>/v<n>` as plain Fastify routes beside `/v1`, with
 * the gateway's own key hook, planner, usage gate, guards, dispatcher (the same instance, looked up,
 * not a second one built), prices and call records.
 */
@Injectable()
export class PromptApiRoutes implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly moduleRef: ModuleRef,
    private readonly authenticator: DataPlaneAuthenticator,
    private readonly planner: RoutePlanner,
    private readonly gate: UsageGate,
    private readonly prices: PriceBook,
    private readonly records: CallRecords,
    private readonly plugins: PluginHost,
    private readonly guardBindings: GuardBindingSnapshot,
    private readonly catalog: ApiProductSnapshot,
    @Optional() @Inject(SUBSCRIPTION_CHECK) private readonly subscriptions: SubscriptionCheck | null,
    @Optional() @Inject(PlanSpendLedger) private readonly planSpend: PlanSpendLedger | null,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    decorateDataPlaneRequests(fastify);
    const deps: PromptApiDeps = {
      authenticator: this.authenticator,
      planner: this.planner,
      dispatcher: this.moduleRef.get(Dispatcher, { strict: false }),
      gate: this.gate,
      prices: this.prices,
      tracer: new CallTracer(this.records),
      plugins: this.plugins,
      guards: this.guardBindings,
      catalog: this.catalog,
      subscriptions: this.subscriptions ?? null,
      planSpend: this.planSpend ?? null,
      prompts: () => promptResolverOf(fastify),
      json: new JsonOutput(),
    };
    const onRequest = dataPlaneAuth(this.authenticator, 'openai', { tracer: deps.tracer, endpoint: 'prompt_api' });
    const handler = (request: ApiRequest, reply: FastifyReply) => new PromptApiCall(deps, request, reply).run();
    fastify.post<ApiParams>('/apis/:slug', { onRequest }, handler);
    fastify.post<ApiParams>('/apis/:slug/:version', { onRequest }, handler);
  }
}
