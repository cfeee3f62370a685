import { ApiProperty } from '@nestjs/swagger';
import { z } from 'zod';
import { GRAINS, type Grain } from './grains';
import { DIMENSIONS, type Dimension } from './rollup-sql';

export const TIMESERIES_METRICS = [
  'requests',
  'errors',
  'cacheHits',
  'promptTokens',
  'completionTokens',
  'cachedTokens',
  'reasoningTokens',
  'tokens',
  'costUsd',
  'latencyAvgMs',
  'latencyP50Ms',
  'latencyP90Ms',
  'latencyP95Ms',
  'latencyP99Ms',
  'ttfbP50Ms',
  'ttfbP95Ms',
] as const;
export type TimeseriesMetric = (typeof TIMESERIES_METRICS)[number];
export const DEFAULT_METRICS: readonly TimeseriesMetric[] = ['requests', 'errors', 'tokens', 'costUsd', 'latencyP50Ms', 'latencyP95Ms', 'latencyP99Ms'];

export const TOP_DIMENSIONS = ['apiKey', 'model', 'route', 'promptApi', 'provider'] as const satisfies readonly Dimension[];
export const RANK_METRICS = ['cost', 'requests', 'tokens'] as const;
export const CHARGEBACK_GROUPINGS = ['team', 'apiKey', 'model'] as const;

const instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

const range = {
  from: instant.optional(),
  to: instant.optional(),
};
const ordered = (query: { from?: Date; to?: Date }) => !query.from || !query.to || query.from < query.to;
const orderMessage = { message: '`from` must be before `to`', path: ['from'] };

export const rangeQuerySchema = z.strictObject(range).refine(ordered, orderMessage);
export type RangeQuery = z.infer<typeof rangeQuerySchema>;

export const timeseriesQuerySchema = z
  .strictObject({
    ...range,
    granularity: z.enum(GRAINS).optional(),
    groupBy: z.enum(DIMENSIONS as [Dimension, ...Dimension[]]).optional(),
    metrics: z
      .string()
      .transform((value) => [...new Set(value.split(',').map((metric) => metric.trim()))])
      .pipe(z.array(z.enum(TIMESERIES_METRICS)).min(1))
      .optional(),
    limit: z.coerce.number().int().min(1).max(50).default(10),
  })
  .refine(ordered, orderMessage);
export type TimeseriesQuery = z.infer<typeof timeseriesQuerySchema>;

export const topQuerySchema = z
  .strictObject({
    ...range,
    by: z.enum(TOP_DIMENSIONS).default('model'),
    metric: z.enum(RANK_METRICS).default('cost'),
    limit: z.coerce.number().int().min(1).max(100).default(10),
  })
  .refine(ordered, orderMessage);
export type TopQuery = z.infer<typeof topQuerySchema>;

export const chargebackQuerySchema = z
  .strictObject({ ...range, groupBy: z.enum(CHARGEBACK_GROUPINGS).default('team') })
  .refine(ordered, orderMessage);
export type ChargebackQuery = z.infer<typeof chargebackQuerySchema>;

export class SeriesDto {
  @ApiProperty({ nullable: true, type: String, description: 'The dimension value (e.g. `openai/gpt-4o-mini`, an API key id); null for "none" and for the folded rest' })
  group: string | null;

  @ApiProperty({ description: 'Display name: the key name for API keys, `(none)`, `(other)`, else the value', example: 'openai/gpt-4o-mini' })
  label: string;

  @ApiProperty({ description: 'True for the series that folds every group beyond `limit`' })
  other: boolean;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'number', nullable: true } },
    description: 'One array per requested metric, aligned with `buckets`; counters are 0 and latencies null where a bucket had no calls',
    example: { requests: [12, 0, 7], latencyP95Ms: [812.4, null, 640.2] },
  })
  values: Record<string, (number | null)[]>;
}

export class TimeseriesDto {
  @ApiProperty({ format: 'date-time', description: 'Start of the first bucket (`from` floored to the granularity)' })
  from: string;

  @ApiProperty({ format: 'date-time' })
  to: string;

  @ApiProperty({ enum: GRAINS, description: 'Given, or chosen from the range: minute up to 6 h, hour up to 14 days, else day' })
  granularity: Grain;

  @ApiProperty({ enum: DIMENSIONS, nullable: true, type: String })
  groupBy: Dimension | null;

  @ApiProperty({ enum: TIMESERIES_METRICS, isArray: true })
  metrics: TimeseriesMetric[];

  @ApiProperty({ type: [String], description: 'Bucket starts (UTC), oldest first' })
  buckets: string[];

  @ApiProperty({ type: [SeriesDto], description: 'One series without `groupBy`; else one per group, most requests first, the folded rest last' })
  series: SeriesDto[];
}

export class TopItemDto {
  @ApiProperty({ nullable: true, type: String })
  group: string | null;

  @ApiProperty()
  label: string;

  @ApiProperty()
  requests: number;

  @ApiProperty()
  errors: number;

  @ApiProperty()
  promptTokens: number;

  @ApiProperty()
  completionTokens: number;

  @ApiProperty({ description: 'prompt + completion tokens' })
  tokens: number;

  @ApiProperty({ description: 'USD (from integer nano-USD)' })
  costUsd: number;

  @ApiProperty({ nullable: true, type: Number })
  latencyAvgMs: number | null;
}

export class TopDto {
  @ApiProperty({ format: 'date-time', description: 'Start of the range covered (to the minute; to the hour beyond the minute retention)' })
  from: string;

  @ApiProperty({ format: 'date-time' })
  to: string;

  @ApiProperty({ enum: TOP_DIMENSIONS })
  by: string;

  @ApiProperty({ enum: RANK_METRICS })
  metric: string;

  @ApiProperty({ type: [TopItemDto] })
  items: TopItemDto[];
}

export class LatencyDto {
  @ApiProperty({ nullable: true, type: Number })
  avg: number | null;

  @ApiProperty({ nullable: true, type: Number })
  p50: number | null;

  @ApiProperty({ nullable: true, type: Number })
  p90: number | null;

  @ApiProperty({ nullable: true, type: Number })
  p95: number | null;

  @ApiProperty({ nullable: true, type: Number })
  p99: number | null;
}

export class SummaryDto {
  @ApiProperty({ format: 'date-time', description: 'Start of the range covered (to the minute; to the hour beyond the minute retention)' })
  from: string;

  @ApiProperty({ format: 'date-time' })
  to: string;

  @ApiProperty()
  requests: number;

  @ApiProperty({ description: 'Calls with an error class (a stream that failed after its 200 included)' })
  errors: number;

  @ApiProperty({ description: 'errors / requests, 0 without requests' })
  errorRate: number;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { rate_limited: 3, upstream_timeout: 1 } })
  errorsByClass: Record<string, number>;

  @ApiProperty()
  cacheHits: number;

  @ApiProperty()
  promptTokens: number;

  @ApiProperty()
  completionTokens: number;

  @ApiProperty()
  cachedTokens: number;

  @ApiProperty()
  reasoningTokens: number;

  @ApiProperty({ description: 'prompt + completion tokens' })
  tokens: number;

  @ApiProperty()
  costUsd: number;

  @ApiProperty({ description: 'The exact cost in integer nano-USD, as a string' })
  costNanoUsd: string;

  @ApiProperty({ description: 'Calls without a known price (not in the cost)' })
  unpricedRequests: number;

  @ApiProperty({ type: LatencyDto, description: 'Milliseconds, from arrival to last byte; percentiles within 19 % (one histogram bucket)' })
  latencyMs: LatencyDto;

  @ApiProperty({ type: LatencyDto, description: 'Time to first byte of streamed answers, milliseconds' })
  ttfbMs: LatencyDto;
}
