import { Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { PINO_LOGGER } from '../../runtime.tokens';
import { CallRecords } from './call-records';

/** Provides the process-wide {@link CallRecords} fan-out to the data plane and its listeners. */
@Global()
@Module({
  providers: [
    {
      provide: CallRecords,
      useFactory: (logger: Logger) => new CallRecords((error) => logger.error({ err: error, component: 'call-records' }, 'a call-record listener failed')),
      inject: [PINO_LOGGER],
    },
  ],
  exports: [CallRecords],
})
export class CallRecordsModule {}
