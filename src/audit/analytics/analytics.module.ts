import { Module } from '@nestjs/common';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsRepository } from './analytics.repository';
import { AnalyticsService } from './analytics.service';
import { CallRollups } from './call-rollups';
import { MinuteRetention } from './minute-retention';

/**
 * Analytics (#6): minute/hour/day rollups of calls (`CallRollups`, fed by the call-log writer in
 * its own transaction), the dashboard endpoints under `/admin/workspaces/:id/analytics`, and the
 * chargeback export. Reads use rollups only, never `call_logs`.
 */
@Module({
  controllers: [AnalyticsController],
  providers: [AnalyticsRepository, AnalyticsService, CallRollups, MinuteRetention],
  exports: [CallRollups],
})
export class AnalyticsModule {}
