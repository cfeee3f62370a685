import { Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { CHANGE_BUS, type ChangeBus } from '../common/change-bus/change-bus';
import { PINO_LOGGER } from '../runtime.tokens';
import { DataSource } from 'typeorm';
import { AuditTrail } from '../audit/audit-log/audit-trail';
import { CallRecords } from '../audit/call-records/call-records';
import { GuardBindingSnapshot } from './guard-binding-snapshot';
import { GuardBlockAuditor } from './guard-block-auditor';
import { GuardBindingsController, GuardPluginsController } from './guard-bindings.controller';
import { GuardBindingsRepository } from './guard-bindings.repository';
import { GuardBindingsService } from './guard-bindings.service';

@Injectable()
class GuardBindingLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(GuardBindingSnapshot) private readonly snapshot: GuardBindingSnapshot,
    @Inject(GuardBlockAuditor) private readonly auditor: GuardBlockAuditor,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.snapshot.stop();
    await this.auditor.stop();
  }
}

/** Guard bindings (audited data: which guard runs where) and their in-memory snapshot for the data plane. */
@Module({
  controllers: [GuardPluginsController, GuardBindingsController],
  providers: [
    GuardBindingsRepository,
    GuardBindingsService,
    {
      provide: GuardBindingSnapshot,
      useFactory: async (repository: GuardBindingsRepository, changes: ChangeBus, logger: Logger) => {
        const snapshot = new GuardBindingSnapshot(repository, changes, logger.child({ component: 'guard-bindings' }));
        await snapshot.start();
        return snapshot;
      },
      inject: [GuardBindingsRepository, CHANGE_BUS, PINO_LOGGER],
    },
    {
      provide: GuardBlockAuditor,
      useFactory: (dataSource: DataSource, audit: AuditTrail, records: CallRecords, logger: Logger) => {
        const auditor = new GuardBlockAuditor(dataSource, audit, records, logger.child({ component: 'guard-block-audit' }));
        auditor.start();
        return auditor;
      },
      inject: [DataSource, AuditTrail, CallRecords, PINO_LOGGER],
    },
    GuardBindingLifecycle,
  ],
  exports: [GuardBindingSnapshot, GuardBlockAuditor],
})
export class GuardsModule {}
