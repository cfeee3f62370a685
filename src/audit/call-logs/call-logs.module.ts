import { Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { CHANGE_BUS, type ChangeBus } from '../../common/change-bus/change-bus';
import type { PorticoConfig } from '../../config/portico-config';
import { PINO_LOGGER, PORTICO_CONFIG } from '../../runtime.tokens';
import { AnalyticsModule } from '../analytics/analytics.module';
import { CallRollups } from '../analytics/call-rollups';
import { CallRecords } from '../call-records/call-records';
import { CallLogPartitionMaintainer } from './call-log-partition-maintainer';
import { CallLogPartitionsRepository } from './call-log-partitions.repository';
import { CALL_BATCH_OBSERVER } from './call-log-sink';
import { CallLogWriterHost } from './call-log-writer.host';
import { CallLogsController } from './call-logs.controller';
import { CallLogsRepository } from './call-logs.repository';
import { CallLogsService } from './call-logs.service';
import { CallLogSettingsSnapshot } from './settings/call-log-settings-snapshot';
import { CallLogSettingsController } from './settings/call-log-settings.controller';
import { CallLogSettingsRepository } from './settings/call-log-settings.repository';
import { CallLogSettingsService } from './settings/call-log-settings.service';

@Injectable()
class CallLogsLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(CallLogSettingsSnapshot) private readonly snapshot: CallLogSettingsSnapshot,
    @Inject(CallLogPartitionMaintainer) private readonly maintainer: CallLogPartitionMaintainer,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.snapshot.stop();
    await this.maintainer.stop();
  }
}

/**
 * Call logs (#6): the batched writer fed by `CallRecords` (spilling to disk while Postgres is away,
 * feeding analytics rollups in the same transaction),
 * the daily partitions of `call_logs` and their retention, the body-capture setting per workspace,
 * and the search API (`/admin/workspaces/:id/call-logs`).
 */
@Module({
  imports: [AnalyticsModule],
  controllers: [CallLogsController, CallLogSettingsController],
  providers: [
    // Rollups are applied in the transaction of each inserted batch, with exactly its new rows.
    { provide: CALL_BATCH_OBSERVER, useExisting: CallRollups },
    CallLogsRepository,
    CallLogsService,
    CallLogSettingsRepository,
    CallLogSettingsService,
    CallLogPartitionsRepository,
    CallLogWriterHost,
    {
      provide: CallLogSettingsSnapshot,
      useFactory: async (repository: CallLogSettingsRepository, changes: ChangeBus, records: CallRecords, logger: Logger) => {
        const snapshot = new CallLogSettingsSnapshot(repository, changes, records, logger.child({ component: 'call-log-settings' }));
        await snapshot.start();
        return snapshot;
      },
      inject: [CallLogSettingsRepository, CHANGE_BUS, CallRecords, PINO_LOGGER],
    },
    {
      provide: CallLogPartitionMaintainer,
      useFactory: async (partitions: CallLogPartitionsRepository, config: PorticoConfig, logger: Logger) => {
        const maintainer = new CallLogPartitionMaintainer(partitions, logger.child({ component: 'call-log-partitions' }), {
          retentionDays: config.callLogs.retentionDays,
        });
        await maintainer.start();
        return maintainer;
      },
      inject: [CallLogPartitionsRepository, PORTICO_CONFIG, PINO_LOGGER],
    },
    CallLogsLifecycle,
  ],
  exports: [CallLogSettingsSnapshot, CallLogWriterHost],
})
export class CallLogsModule {}
