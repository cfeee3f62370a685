import { Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { CHANGE_BUS, type ChangeBus } from '../common/change-bus/change-bus';
import { SecretBox } from '../common/crypto/secret-box';
import { PINO_LOGGER } from '../runtime.tokens';
import { ProviderAccountSnapshot } from './provider-account-snapshot';
import { ProviderAccountsController } from './provider-accounts.controller';
import { ProviderAccountsRepository } from './provider-accounts.repository';
import { ProviderAccountsService } from './provider-accounts.service';
import { ProviderCredentialsController } from './provider-credentials.controller';
import { ProviderCredentialsRepository } from './provider-credentials.repository';
import { ProviderCredentialsService } from './provider-credentials.service';
import { ProvidersBootstrap } from './providers-bootstrap';

@Injectable()
class SnapshotLifecycle implements OnApplicationShutdown {
  constructor(@Inject(ProviderAccountSnapshot) private readonly snapshot: ProviderAccountSnapshot) {}

  onApplicationShutdown(): void {
    this.snapshot.stop();
  }
}

/**
 * Provider accounts: which provider plugins a workspace uses, where, and with which (encrypted)
 * credential. Exports `ProviderAccountSnapshot`, the data plane's in-memory view of them.
 */
@Module({
  controllers: [ProviderAccountsController, ProviderCredentialsController],
  providers: [
    ProviderAccountsRepository,
    ProviderAccountsService,
    ProviderCredentialsRepository,
    ProviderCredentialsService,
    {
      provide: ProviderAccountSnapshot,
      useFactory: async (repository: ProviderAccountsRepository, box: SecretBox, changes: ChangeBus, logger: Logger) => {
        const snapshot = new ProviderAccountSnapshot(repository, box, changes, logger.child({ component: 'provider-accounts' }));
        await snapshot.start();
        return snapshot;
      },
      inject: [ProviderAccountsRepository, SecretBox, CHANGE_BUS, PINO_LOGGER],
    },
    SnapshotLifecycle,
    ProvidersBootstrap,
  ],
  exports: [ProviderAccountSnapshot],
})
export class ProvidersModule {}
