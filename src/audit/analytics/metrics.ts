import type { TimeseriesMetric } from './analytics.dto';
import type { RollupSums } from './analytics.repository';
import { addInto, percentile } from './histogram';
import type { HistogramColumn } from './rollup-sql';

/** What dashboards read from summed rollups: counters, USD, averages and percentiles. */

const round = (value: number, places = 3) => Math.round(value * 10 ** places) / 10 ** places;

export function usd(costNanoUsd: bigint): number {
  return Number(costNanoUsd) / 1e9;
}

export function average(sum: number, count: number): number | null {
  return count > 0 ? round(sum / count) : null;
}

export function quantile(histogram: readonly number[] | undefined, q: number): number | null {
  const value = histogram ? percentile(histogram, q) : null;
  return value === null ? null : round(value);
}

const METRIC_VALUES: Record<TimeseriesMetric, (sums: RollupSums) => number | null> = {
  requests: (sums) => sums.requests,
  errors: (sums) => sums.errors,
  cacheHits: (sums) => sums.cacheHits,
  promptTokens: (sums) => sums.promptTokens,
  completionTokens: (sums) => sums.completionTokens,
  cachedTokens: (sums) => sums.cachedTokens,
  reasoningTokens: (sums) => sums.reasoningTokens,
  tokens: (sums) => sums.promptTokens + sums.completionTokens,
  costUsd: (sums) => usd(sums.costNanoUsd),
  latencyAvgMs: (sums) => average(sums.latencyMsSum, sums.requests),
  latencyP50Ms: (sums) => quantile(sums.latencyHist, 0.5),
  latencyP90Ms: (sums) => quantile(sums.latencyHist, 0.9),
  latencyP95Ms: (sums) => quantile(sums.latencyHist, 0.95),
  latencyP99Ms: (sums) => quantile(sums.latencyHist, 0.99),
  ttfbP50Ms: (sums) => quantile(sums.ttfbHist, 0.5),
  ttfbP95Ms: (sums) => quantile(sums.ttfbHist, 0.95),
};

/** `metric` of `sums`; a bucket without calls (`undefined`) reads 0 for counters, null for latencies. */
export function metricValue(metric: TimeseriesMetric, sums: RollupSums | undefined): number | null {
  return METRIC_VALUES[metric](sums ?? EMPTY);
}

/** The histogram columns `metrics` read (percentiles only). */
export function histogramsFor(metrics: readonly TimeseriesMetric[]): HistogramColumn[] {
  return [
    ...(metrics.some((metric) => /^latencyP\d+Ms$/.test(metric)) ? (['latency_hist'] as const) : []),
    ...(metrics.some((metric) => /^ttfbP\d+Ms$/.test(metric)) ? (['ttfb_hist'] as const) : []),
  ];
}

export const EMPTY: RollupSums = Object.freeze({
  requests: 0,
  errors: 0,
  cacheHits: 0,
  unpriced: 0,
  promptTokens: 0,
  completionTokens: 0,
  cachedTokens: 0,
  reasoningTokens: 0,
  costNanoUsd: 0n,
  latencyMsSum: 0,
  ttfbCount: 0,
  ttfbMsSum: 0,
});

/** The sums of several groups as one (histograms added element-wise). */
export function combine(parts: readonly RollupSums[]): RollupSums {
  const total: RollupSums = { ...EMPTY, latencyHist: [], ttfbHist: [] };
  for (const part of parts) {
    total.requests += part.requests;
    total.errors += part.errors;
    total.cacheHits += part.cacheHits;
    total.unpriced += part.unpriced;
    total.promptTokens += part.promptTokens;
    total.completionTokens += part.completionTokens;
    total.cachedTokens += part.cachedTokens;
    total.reasoningTokens += part.reasoningTokens;
    total.costNanoUsd += part.costNanoUsd;
    total.latencyMsSum += part.latencyMsSum;
    total.ttfbCount += part.ttfbCount;
    total.ttfbMsSum += part.ttfbMsSum;
    addInto(total.latencyHist!, part.latencyHist ?? []);
    addInto(total.ttfbHist!, part.ttfbHist ?? []);
  }
  return total;
}
