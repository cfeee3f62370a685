import { Module } from '@nestjs/common';

/** Call logs (#6): the batched writer fed by `CallRecords`, the partitioned table, the search API. */
@Module({})
export class CallLogsModule {}
