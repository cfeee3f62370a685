/**
 * The fixed log-scale histogram every rollup row carries for latency and time to first byte.
 *
 * Bucket 0 holds [0, 1 ms); bucket i (1..80) holds [2^((i-1)/4), 2^(i/4)) ms; bucket 81 holds
 * everything from 2^20 ms (about 17.5 minutes) up. Four buckets per doubling: a bucket is 19 %
 * wide, so a percentile read back from summed histograms is within that factor of the exact one.
 * Histograms are stored without trailing zero buckets; a shorter array means zeros beyond its end.
 *
 * The migration freezes the same thresholds in `analytics_latency_bucket` (`width_bucket` over
 * the identical float8 values), so SQL rebuilds and JavaScript batches bucket alike.
 */
export const BUCKETS_PER_DOUBLING = 4;
export const MAX_EXPONENT = 20;

/** Lower bounds of buckets 1..81, in ms: 2^(i/4) for i = 0..80. */
export const HISTOGRAM_THRESHOLDS_MS: readonly number[] = Object.freeze(
  Array.from({ length: MAX_EXPONENT * BUCKETS_PER_DOUBLING + 1 }, (_, i) => 2 ** (i / BUCKETS_PER_DOUBLING)),
);

export const HISTOGRAM_BUCKETS = HISTOGRAM_THRESHOLDS_MS.length + 1;

/** Worst-case ratio between a percentile estimate and the exact value. */
export const HISTOGRAM_RESOLUTION = 2 ** (1 / BUCKETS_PER_DOUBLING);

/** The bucket of `ms`: how many thresholds are ≤ `ms` (as Postgres `width_bucket` counts). */
export function bucketOf(ms: number): number {
  if (!(ms >= HISTOGRAM_THRESHOLDS_MS[0])) return 0;
  let low = 0;
  let high = HISTOGRAM_THRESHOLDS_MS.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (HISTOGRAM_THRESHOLDS_MS[middle] <= ms) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Counts `ms` into `histogram`, growing it as needed. */
export function record(histogram: number[], ms: number): void {
  const bucket = bucketOf(ms);
  while (histogram.length <= bucket) histogram.push(0);
  histogram[bucket] += 1;
}

/** Adds `source` into `target` element-wise, growing `target` as needed. */
export function addInto(target: number[], source: readonly (number | null)[]): number[] {
  for (let i = 0; i < source.length; i++) {
    if (i >= target.length) target.push(0);
    target[i] += source[i] ?? 0;
  }
  return target;
}

/** The same counts without trailing zero buckets (how rows store them). */
export function trimmed(histogram: readonly number[]): number[] {
  let end = histogram.length;
  while (end > 0 && histogram[end - 1] === 0) end--;
  return histogram.slice(0, end);
}

/**
 * The `quantile` (0..1) of the observations counted in `histogram`, or null when it is empty.
 * Finds the bucket holding rank `quantile × total`, then interpolates inside it geometrically
 * (linearly in bucket 0, which starts at 0). The overflow bucket answers its lower bound.
 */
export function percentile(histogram: readonly number[], quantile: number): number | null {
  const total = histogram.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = Math.max(quantile * total, Number.MIN_VALUE);
  let before = 0;
  for (let bucket = 0; bucket < histogram.length; bucket++) {
    const count = histogram[bucket];
    if (count > 0 && before + count >= rank) return interpolate(bucket, (rank - before) / count);
    before += count;
  }
  return interpolate(lastNonEmpty(histogram), 1);
}

function interpolate(bucket: number, fraction: number): number {
  if (bucket === 0) return HISTOGRAM_THRESHOLDS_MS[0] * fraction;
  const lower = HISTOGRAM_THRESHOLDS_MS[bucket - 1];
  if (bucket >= HISTOGRAM_THRESHOLDS_MS.length) return lower;
  return lower * HISTOGRAM_RESOLUTION ** fraction;
}

function lastNonEmpty(histogram: readonly number[]): number {
  for (let bucket = histogram.length - 1; bucket > 0; bucket--) if (histogram[bucket] > 0) return bucket;
  return 0;
}
