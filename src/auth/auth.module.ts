import { Global, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { CHANGE_BUS, type ChangeBus } from '../common/change-bus/change-bus';
import { SecretBox } from '../common/crypto/secret-box';
import { PINO_LOGGER, RUNTIME } from '../runtime.tokens';
import type { PorticoRuntime } from '../bootstrap/runtime';
import { ApiKeyRegistry } from './api-keys/api-key-registry';
import { AuthGuard } from './auth.guard';
import { AuthorizationService } from './authz/authorization.service';
import { PolicyRepository } from './authz/policy.repository';
import { AccessRevocations } from './tokens/access-revocations';
import { AccessTokenService } from './tokens/access-token.service';
import { DefaultPasswordHashingStrategy } from './default-password-hashing-strategy';
import { PASSWORD_HASHING_STRATEGY } from './password-hashing-strategy';

@Injectable()
class AuthLifecycle implements OnApplicationShutdown {
  constructor(
    private readonly keys: ApiKeyRegistry,
    private readonly authorization: AuthorizationService,
    private readonly revocations: AccessRevocations,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.authorization.stop();
    this.revocations.stop();
    await this.keys.stop();
  }
}

/**
 * Identity and access shared by every module: the guard on every route, the authorization
 * service (casbin), the in-memory API key registry, access tokens and the secret box.
 */
@Global()
@Module({
  providers: [
    { provide: CHANGE_BUS, useFactory: (runtime: PorticoRuntime) => runtime.changes, inject: [RUNTIME] },
    { provide: SecretBox, useFactory: (runtime: PorticoRuntime) => new SecretBox(runtime.masterKey.key), inject: [RUNTIME] },
    { provide: AccessTokenService, useFactory: (runtime: PorticoRuntime) => new AccessTokenService(runtime.masterKey.key), inject: [RUNTIME] },
    PolicyRepository,
    { provide: PASSWORD_HASHING_STRATEGY, useClass: DefaultPasswordHashingStrategy },
    {
      provide: AuthorizationService,
      useFactory: async (dataSource: DataSource, changes: ChangeBus, logger: Logger) => {
        const service = new AuthorizationService(dataSource, changes, logger.child({ component: 'authz' }));
        await service.start();
        return service;
      },
      inject: [DataSource, CHANGE_BUS, PINO_LOGGER],
    },
    {
      provide: ApiKeyRegistry,
      useFactory: async (dataSource: DataSource, changes: ChangeBus, logger: Logger) => {
        const registry = new ApiKeyRegistry(dataSource, changes, logger.child({ component: 'api-keys' }));
        await registry.start();
        return registry;
      },
      inject: [DataSource, CHANGE_BUS, PINO_LOGGER],
    },
    {
      provide: AccessRevocations,
      useFactory: async (dataSource: DataSource, changes: ChangeBus, logger: Logger, tokens: AccessTokenService) => {
        const revocations = new AccessRevocations(dataSource, changes, logger.child({ component: 'sessions' }), tokens.ttlSeconds);
        await revocations.start();
        return revocations;
      },
      inject: [DataSource, CHANGE_BUS, PINO_LOGGER, AccessTokenService],
    },
    AuthLifecycle,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AccessRevocations, CHANGE_BUS, PASSWORD_HASHING_STRATEGY, SecretBox, AccessTokenService, PolicyRepository, AuthorizationService, ApiKeyRegistry],
})
export class AuthModule {}
