import { describe, expect, it } from 'vitest';
import { seededRandom as randomSource } from './testing/call-fixtures';
import { addInto, bucketOf, HISTOGRAM_BUCKETS, HISTOGRAM_RESOLUTION, HISTOGRAM_THRESHOLDS_MS, percentile, record, trimmed } from './histogram';

/** Nearest-rank percentile of raw values: the smallest value with at least q·n values ≤ it. */
function exactPercentile(values: readonly number[], quantile: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(quantile * sorted.length) - 1)];
}

function histogramOf(values: readonly number[]): number[] {
  const histogram: number[] = [];
  for (const value of values) record(histogram, value);
  return histogram;
}

describe('latency histogram', () => {
  it('has 82 buckets: [0, 1 ms), 80 quarter-doublings up to 2^20 ms, and an overflow bucket', () => {
    expect(HISTOGRAM_BUCKETS).toBe(82);
    expect(HISTOGRAM_THRESHOLDS_MS[0]).toBe(1);
    expect(HISTOGRAM_THRESHOLDS_MS[4]).toBe(2);
    expect(HISTOGRAM_THRESHOLDS_MS[80]).toBe(1_048_576);
  });

  it('puts a value in the bucket whose lower bound is the greatest threshold ≤ it', () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(0.999)).toBe(0);
    expect(bucketOf(1)).toBe(1);
    expect(bucketOf(1.18)).toBe(1);
    expect(bucketOf(HISTOGRAM_THRESHOLDS_MS[1])).toBe(2);
    expect(bucketOf(2)).toBe(5);
    expect(bucketOf(1_048_575)).toBe(80);
    expect(bucketOf(1_048_576)).toBe(81);
    expect(bucketOf(1e12)).toBe(81);
    expect(bucketOf(-5)).toBe(0);
    expect(bucketOf(Number.NaN)).toBe(0);
    for (let bucket = 1; bucket < HISTOGRAM_BUCKETS; bucket++) {
      expect(bucketOf(HISTOGRAM_THRESHOLDS_MS[bucket - 1])).toBe(bucket);
      expect(bucketOf(HISTOGRAM_THRESHOLDS_MS[bucket - 1] * 0.999_999)).toBe(bucket - 1);
    }
  });

  it('grows only as far as the largest bucket used, and trims trailing zeros', () => {
    const histogram = histogramOf([0.5, 3, 3]);
    expect(histogram).toEqual([1, 0, 0, 0, 0, 0, 0, 2]);
    expect(trimmed([1, 0, 2, 0, 0])).toEqual([1, 0, 2]);
    expect(trimmed([0, 0])).toEqual([]);
  });

  it('adds histograms of different lengths element-wise, treating missing and null buckets as zero', () => {
    expect(addInto([1, 2], [3, null, 5])).toEqual([4, 2, 5]);
    expect(addInto([1, 2, 3], [1])).toEqual([2, 2, 3]);
  });

  it('answers null for an empty histogram', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([0, 0, 0], 0.99)).toBeNull();
  });

  it('estimates a single observation inside its own bucket', () => {
    const estimate = percentile(histogramOf([100]), 0.5)!;
    expect(bucketOf(estimate)).toBe(bucketOf(100));
    expect(estimate / 100).toBeGreaterThan(1 / HISTOGRAM_RESOLUTION);
    expect(estimate / 100).toBeLessThan(HISTOGRAM_RESOLUTION);
  });

  it('answers the lower bound of the overflow bucket, and interpolates linearly inside [0, 1 ms)', () => {
    expect(percentile(histogramOf([5e6, 6e6]), 0.99)).toBe(1_048_576);
    expect(percentile(histogramOf([0.1, 0.2, 0.3, 0.4]), 0.5)).toBeCloseTo(0.5);
  });

  it.each([
    ['uniform 1 ms – 60 s', (next: () => number) => 1 + next() * 60_000],
    ['log-normal around 800 ms', (next: () => number) => Math.exp(Math.log(800) + 0.9 * Math.sqrt(-2 * Math.log(next() || 1e-12)) * Math.cos(2 * Math.PI * next()))],
    ['bimodal cache hits and slow calls', (next: () => number) => (next() < 0.3 ? 0.2 + next() : 2_000 + next() * 8_000)],
  ])('keeps p50, p90, p95 and p99 within one bucket of the exact value (%s)', (_name, draw) => {
    const next = randomSource(42);
    const values = Array.from({ length: 20_000 }, () => draw(next));
    const histogram = histogramOf(values);
    for (const quantile of [0.5, 0.9, 0.95, 0.99]) {
      const exact = exactPercentile(values, quantile);
      const estimate = percentile(histogram, quantile)!;
      if (exact < 1) expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(1);
      else expect(Math.max(estimate / exact, exact / estimate)).toBeLessThanOrEqual(HISTOGRAM_RESOLUTION);
    }
  });

  it('gives the same percentiles from summed partial histograms as from one histogram of everything', () => {
    const next = randomSource(7);
    const values = Array.from({ length: 5_000 }, () => next() * 5_000);
    const parts = [values.slice(0, 1_000), values.slice(1_000, 1_001), values.slice(1_001)].map(histogramOf);
    const summed = parts.reduce((total, part) => addInto(total, part), [] as number[]);
    for (const quantile of [0.5, 0.95, 0.99]) expect(percentile(summed, quantile)).toBe(percentile(histogramOf(values), quantile));
  });
});
