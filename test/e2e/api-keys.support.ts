import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { DataPlaneAuthenticator } from '../../src/gateway/data-plane-authenticator';
import { dataPlaneAuth, dataPlaneScope, decorateDataPlaneRequests } from '../../src/gateway/data-plane-auth.hook';
import { GatewayAuthModule } from '../../src/gateway/gateway-auth.module';
import { AuthorizationService } from '../../src/auth/authz/authorization.service';

export const PROBE_URL = '/v1/test-probe';
export const ANTHROPIC_PROBE_URL = '/v1/test-probe/messages';

/**
 * Raw Fastify data-plane routes guarded by the real authenticator, standing in for
 * `/v1/chat/completions` and `/v1/messages` until the data plane exists: `{ model }` in the body.
 */
@Module({ imports: [GatewayAuthModule] })
export class DataPlaneProbeModule implements OnModuleInit {
  constructor(
    private readonly adapter: HttpAdapterHost,
    private readonly authenticator: DataPlaneAuthenticator,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapter.httpAdapter.getInstance<FastifyInstance>();
    decorateDataPlaneRequests(fastify);
    // Like the data plane will: `{"route": "<alias>"}` targets a route alias, `{"model": "<p>/<m>"}` a model.
    const modelOf = (request: { body: unknown }) => {
      const body = request.body as { model?: unknown; route?: unknown } | undefined;
      if (typeof body?.route === 'string') return { kind: 'route' as const, name: body.route };
      return typeof body?.model === 'string' ? { kind: 'model' as const, name: body.model } : undefined;
    };
    for (const [url, dialect] of [
      [PROBE_URL, 'openai'],
      [ANTHROPIC_PROBE_URL, 'anthropic'],
    ] as const) {
      fastify.post(url, { onRequest: dataPlaneAuth(this.authenticator, dialect), preHandler: dataPlaneScope(this.authenticator, dialect, modelOf) }, async (request) => ({
        keyId: request.porticoKey?.id,
        ownerType: request.porticoKey?.ownerType,
      }));
    }
  }
}

/** Calls the probe with `key` (as a bearer token); answers the status code. */
export async function probe(app: NestFastifyApplication, key: string, model = 'openai/gpt-4o-mini'): Promise<number> {
  const response = await app.inject({ method: 'POST', url: PROBE_URL, headers: { authorization: `Bearer ${key}` }, payload: { model } });
  return response.statusCode;
}

/** Polls until `condition` holds; answers the milliseconds it took, or throws after `timeoutMs`. */
export async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 5000, intervalMs = 5): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await condition()) return performance.now() - started;
    if (performance.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Waits until the policy reload that a change notification triggers has finished.
 * Works around a core bug (reported): `AuthorizationService.reload()` lets casbin clear its live
 * model before the new policies arrive, so a check during a reload is denied.
 */
export async function settlePolicies(app: NestFastifyApplication): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 40));
  await app.get(AuthorizationService).reload();
}
