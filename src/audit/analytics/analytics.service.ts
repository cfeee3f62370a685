import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../auth/principal';
import { ErrorCode, PorticoError } from '../../common/errors';
import {
  type ChargebackQuery,
  DEFAULT_METRICS,
  type RangeQuery,
  type SeriesDto,
  type SummaryDto,
  type TimeseriesDto,
  type TimeseriesMetric,
  type TimeseriesQuery,
  type TopDto,
  type TopQuery,
} from './analytics.dto';
import { AnalyticsRepository, type BucketSums, type GroupSums, type RollupSums } from './analytics.repository';
import { type ChargebackFile, chargebackFile } from './chargeback';
import { autoGrain, decompose, floorTo, type Grain, GRAIN_MS, grainRefusal } from './grains';
import { average, combine, histogramsFor, metricValue, quantile, usd } from './metrics';
import type { Dimension } from './rollup-sql';

const DEFAULT_RANGE_MS = 86_400_000;

/**
 * Dashboard reads over the rollups of one workspace: time series, top consumers, a summary with
 * percentiles, and the finance export. Every read sums rollup rows; none scans `call_logs`.
 */
@Injectable()
export class AnalyticsService {
  constructor(private readonly repository: AnalyticsRepository) {}

  async timeseries(_ctx: RequestContext, workspaceId: string, query: TimeseriesQuery): Promise<TimeseriesDto> {
    const now = Date.now();
    const { from, to } = rangeOf(query, now);
    const grain = grainFor(query.granularity, from, to, now);
    const start = floorTo(grain, from);
    const metrics = query.metrics ?? [...DEFAULT_METRICS];
    const dimension = query.groupBy;
    const keep = dimension ? await this.keptValues(workspaceId, grain, start, to, dimension, query.limit) : undefined;
    const rows = await this.repository.series(workspaceId, grain, start, to, { dimension, keep, histograms: histogramsFor(metrics) });
    const buckets: number[] = [];
    for (let bucket = start; bucket < to; bucket += GRAIN_MS[grain]) buckets.push(bucket);
    const labels = await this.labels(workspaceId, dimension, rows);
    const series = groupSeries(rows).map(([group, byBucket]): SeriesDto => ({ ...identity(group, dimension, labels), values: valuesOf(metrics, buckets, byBucket) }));
    if (!dimension && series.length === 0) series.push({ ...identity('', undefined, labels), values: valuesOf(metrics, buckets, new Map()) });
    return { from: iso(start), to: iso(to), granularity: grain, groupBy: dimension ?? null, metrics, buckets: buckets.map(iso), series };
  }

  async top(_ctx: RequestContext, workspaceId: string, query: TopQuery): Promise<TopDto> {
    const now = Date.now();
    const { from, to } = rangeOf(query, now);
    const coverage = decompose(from, to, now);
    const rows = await this.repository.ranked(workspaceId, coverage.segments, query.by, query.metric, query.limit);
    const labels = await this.labels(workspaceId, query.by, rows);
    return {
      from: iso(coverage.from),
      to: iso(coverage.to),
      by: query.by,
      metric: query.metric,
      items: rows.map((row) => ({
        group: row.group || null,
        label: labelOf(row.group, labels),
        requests: row.requests,
        errors: row.errors,
        promptTokens: row.promptTokens,
        completionTokens: row.completionTokens,
        tokens: row.promptTokens + row.completionTokens,
        costUsd: usd(row.costNanoUsd),
        latencyAvgMs: average(row.latencyMsSum, row.requests),
      })),
    };
  }

  async summary(_ctx: RequestContext, workspaceId: string, query: RangeQuery): Promise<SummaryDto> {
    const now = Date.now();
    const { from, to } = rangeOf(query, now);
    const coverage = decompose(from, to, now);
    const byErrorClass = await this.repository.facetTotals(workspaceId, coverage.segments, 'errorClass');
    const total = combine(byErrorClass);
    return {
      from: iso(coverage.from),
      to: iso(coverage.to),
      requests: total.requests,
      errors: total.errors,
      errorRate: total.requests > 0 ? total.errors / total.requests : 0,
      errorsByClass: Object.fromEntries(byErrorClass.filter((row) => row.group).map((row) => [row.group, row.requests])),
      cacheHits: total.cacheHits,
      promptTokens: total.promptTokens,
      completionTokens: total.completionTokens,
      cachedTokens: total.cachedTokens,
      reasoningTokens: total.reasoningTokens,
      tokens: total.promptTokens + total.completionTokens,
      costUsd: usd(total.costNanoUsd),
      costNanoUsd: total.costNanoUsd.toString(),
      unpricedRequests: total.unpriced,
      latencyMs: latencyOf(total.latencyHist, total.latencyMsSum, total.requests),
      ttfbMs: latencyOf(total.ttfbHist, total.ttfbMsSum, total.ttfbCount),
    };
  }

  async chargeback(_ctx: RequestContext, workspaceId: string, query: ChargebackQuery): Promise<ChargebackFile> {
    const now = Date.now();
    const { from, to } = rangeOf(query, now);
    const coverage = decompose(from, to, now);
    const rows = await this.repository.chargeback(workspaceId, coverage.segments, query.groupBy);
    return chargebackFile(query.groupBy, coverage.from, coverage.to, rows);
  }

  /** The `limit` values with the most requests when there are more; undefined when all fit. */
  private async keptValues(workspaceId: string, grain: Grain, from: number, to: number, dimension: Dimension, limit: number): Promise<string[] | undefined> {
    const ranked = await this.repository.topValues(workspaceId, grain, from, to, dimension, limit + 1);
    return ranked.length > limit ? ranked.slice(0, limit) : undefined;
  }

  /** Display names of API keys; other dimensions are their own labels. */
  private async labels(workspaceId: string, dimension: Dimension | undefined, rows: readonly GroupSums[]): Promise<Map<string, string>> {
    if (dimension !== 'apiKey') return new Map();
    const ids = [...new Set(rows.map((row) => row.group).filter((group): group is string => !!group))];
    return this.repository.apiKeyNames(workspaceId, ids);
  }
}

/** The asked granularity, or the one the range calls for; refused (422) when too fine for the range. */
function grainFor(asked: Grain | undefined, from: number, to: number, now: number): Grain {
  const grain = asked ?? autoGrain(from, to, now);
  const refusal = grainRefusal(grain, from, to, now);
  if (refusal) throw new PorticoError(ErrorCode.ANALYTICS_GRANULARITY_TOO_FINE, refusal, { status: 422, details: { granularity: grain } });
  return grain;
}

function rangeOf(query: { from?: Date; to?: Date }, now: number): { from: number; to: number } {
  const to = query.to?.getTime() ?? now;
  const from = query.from?.getTime() ?? to - DEFAULT_RANGE_MS;
  return { from, to };
}

/** Rows per group (most requests first, the folded rest last), each as bucket → sums. */
function groupSeries(rows: readonly BucketSums[]): [string | null, Map<number, RollupSums>][] {
  const groups = new Map<string | null, { requests: number; byBucket: Map<number, RollupSums> }>();
  for (const row of rows) {
    const entry = groups.get(row.group) ?? { requests: 0, byBucket: new Map() };
    entry.requests += row.requests;
    entry.byBucket.set(row.bucket, row);
    groups.set(row.group, entry);
  }
  return [...groups.entries()]
    .sort(([groupA, a], [groupB, b]) => (groupA === null ? 1 : groupB === null ? -1 : b.requests - a.requests || (groupA < groupB ? -1 : 1)))
    .map(([group, { byBucket }]) => [group, byBucket]);
}

function labelOf(group: string | null, labels: ReadonlyMap<string, string>): string {
  if (group === null) return '(other)';
  if (group === '') return '(none)';
  return labels.get(group) ?? group;
}

function identity(group: string | null, dimension: Dimension | undefined, labels: ReadonlyMap<string, string>): Omit<SeriesDto, 'values'> {
  if (!dimension) return { group: null, label: '(all)', other: false };
  return { group: group || null, label: labelOf(group, labels), other: group === null };
}

function valuesOf(metrics: readonly TimeseriesMetric[], buckets: readonly number[], byBucket: ReadonlyMap<number, RollupSums>): Record<string, (number | null)[]> {
  return Object.fromEntries(metrics.map((metric) => [metric, buckets.map((bucket) => metricValue(metric, byBucket.get(bucket)))]));
}

function latencyOf(histogram: number[] | undefined, sum: number, count: number): SummaryDto['latencyMs'] {
  return {
    avg: average(sum, count),
    p50: quantile(histogram, 0.5),
    p90: quantile(histogram, 0.9),
    p95: quantile(histogram, 0.95),
    p99: quantile(histogram, 0.99),
  };
}

function iso(at: number): string {
  return new Date(at).toISOString();
}
