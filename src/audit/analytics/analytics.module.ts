import { Module } from '@nestjs/common';
import { AnalyticsRepository } from './analytics.repository';
import { CallRollups } from './call-rollups';

/**
 * Analytics (#6): minute/hour/day rollups of calls (`CallRollups`, fed by the call-log writer in
 * its own transaction), dashboard endpoints, chargeback export.
 */
@Module({
  providers: [AnalyticsRepository, CallRollups],
  exports: [CallRollups],
})
export class AnalyticsModule {}
