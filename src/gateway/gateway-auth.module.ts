import { Module } from '@nestjs/common';
import { ApiKeyRegistry } from '../auth/api-keys/api-key-registry';
import { DataPlaneAuthenticator } from './data-plane-authenticator';

/**
 * Provides the `DataPlaneAuthenticator` over the process's key registry. The data plane gets it
 * once at registration (`app.get(DataPlaneAuthenticator)` or injection) and uses it on raw Fastify
 * routes, so nothing of Nest runs per request.
 */
@Module({
  providers: [{ provide: DataPlaneAuthenticator, useFactory: (keys: ApiKeyRegistry) => new DataPlaneAuthenticator(keys), inject: [ApiKeyRegistry] }],
  exports: [DataPlaneAuthenticator],
})
export class GatewayAuthModule {}
