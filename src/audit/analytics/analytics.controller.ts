import { applyDecorators, Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Ctx, RequirePermission } from '../../auth/decorators';
import type { RequestContext } from '../../auth/principal';
import { parseBody } from '../../common/http/problems';
import {
  CHARGEBACK_GROUPINGS,
  chargebackQuerySchema,
  RANK_METRICS,
  rangeQuerySchema,
  SummaryDto,
  TIMESERIES_METRICS,
  TimeseriesDto,
  timeseriesQuerySchema,
  TOP_DIMENSIONS,
  TopDto,
  topQuerySchema,
} from './analytics.dto';
import { AnalyticsService } from './analytics.service';
import type { ChargebackFile } from './chargeback';
import { GRAINS } from './grains';
import { DIMENSIONS } from './rollup-sql';

const RangeQueries = () =>
  applyDecorators(
    ApiQuery({ name: 'from', required: false, description: 'ISO 8601 with offset; default 24 hours before `to`', example: '2026-03-01T00:00:00Z' }),
    ApiQuery({ name: 'to', required: false, description: 'ISO 8601 with offset, exclusive; default now' }),
    ApiBadRequestResponse({ description: 'A malformed or unknown parameter, or `from` not before `to` (PORTICO_ERR_VALIDATION_FAILED)' }),
  );

const csvAttachment = (file: ChargebackFile) =>
  new StreamableFile(Buffer.from(file.csv, 'utf8'), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="${file.filename}"` });

@ApiTags('analytics')
@Controller('admin/workspaces/:workspaceId/analytics')
export class AnalyticsController {
  constructor(private readonly service: AnalyticsService) {}

  @Get('timeseries')
  @RequirePermission('analytics', 'read')
  @ApiOperation({ summary: 'Requests, errors, tokens, cost and latency percentiles per time bucket, optionally per model, key, route, prompt API, provider or endpoint' })
  @RangeQueries()
  @ApiQuery({ name: 'granularity', required: false, enum: GRAINS, description: 'Default: minute up to 6 h, hour up to 14 days, else day' })
  @ApiQuery({ name: 'groupBy', required: false, enum: DIMENSIONS })
  @ApiQuery({ name: 'metrics', required: false, description: `Comma-separated: ${TIMESERIES_METRICS.join(', ')}` })
  @ApiQuery({ name: 'limit', required: false, type: Number, description: 'Groups shown (1–50, default 10); the rest fold into one `(other)` series' })
  @ApiOkResponse({ type: TimeseriesDto })
  @ApiUnprocessableEntityResponse({ description: 'Granularity too fine for the range: minute covers 1 day within the last 7 days, hour 62 days (PORTICO_ERR_ANALYTICS_GRANULARITY_TOO_FINE)' })
  timeseries(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Query() query: unknown): Promise<TimeseriesDto> {
    return this.service.timeseries(ctx, workspaceId, parseBody(timeseriesQuerySchema, query));
  }

  @Get('top')
  @RequirePermission('analytics', 'read')
  @ApiOperation({ summary: 'Top consumers: API keys, models, routes, prompt APIs or providers ranked by cost, requests or tokens' })
  @RangeQueries()
  @ApiQuery({ name: 'by', required: false, enum: TOP_DIMENSIONS, description: 'Default `model`' })
  @ApiQuery({ name: 'metric', required: false, enum: RANK_METRICS, description: 'Default `cost`' })
  @ApiQuery({ name: 'limit', required: false, type: Number, description: '1–100, default 10' })
  @ApiOkResponse({ type: TopDto })
  top(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Query() query: unknown): Promise<TopDto> {
    return this.service.top(ctx, workspaceId, parseBody(topQuerySchema, query));
  }

  @Get('summary')
  @RequirePermission('analytics', 'read')
  @ApiOperation({ summary: 'Totals over a range: requests, errors by class, tokens, cost, latency and TTFB percentiles' })
  @RangeQueries()
  @ApiOkResponse({ type: SummaryDto })
  summary(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Query() query: unknown): Promise<SummaryDto> {
    return this.service.summary(ctx, workspaceId, parseBody(rangeQuerySchema, query));
  }

  @Get('chargeback.csv')
  @RequirePermission('analytics', 'read')
  @ApiOperation({ summary: 'Chargeback export for finance (CSV): requests, tokens and exact USD cost per team (the API key owner), per key or per model' })
  @RangeQueries()
  @ApiQuery({ name: 'groupBy', required: false, enum: CHARGEBACK_GROUPINGS, description: 'Default `team`' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'A CSV attachment', schema: { type: 'string' } })
  chargeback(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Query() query: unknown): Promise<StreamableFile> {
    return this.service.chargeback(ctx, workspaceId, parseBody(chargebackQuerySchema, query)).then(csvAttachment);
  }
}
