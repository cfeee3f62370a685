import { Module } from '@nestjs/common';

/** Analytics (#6): minute/hour/day rollups of calls, dashboard endpoints, chargeback export. */
@Module({})
export class AnalyticsModule {}
