import { describe, expect, it } from 'vitest';
import { combine, EMPTY, histogramsFor, metricValue } from './metrics';

describe('dashboard metrics from summed rollups', () => {
  it('asks only for the histograms the requested percentiles need', () => {
    expect(histogramsFor(['requests', 'costUsd', 'latencyAvgMs'])).toEqual([]);
    expect(histogramsFor(['latencyP95Ms', 'latencyP99Ms'])).toEqual(['latency_hist']);
    expect(histogramsFor(['ttfbP50Ms', 'latencyP50Ms'])).toEqual(['latency_hist', 'ttfb_hist']);
  });

  it('reads an empty bucket as 0 for counters and null for latencies', () => {
    expect(metricValue('requests', undefined)).toBe(0);
    expect(metricValue('costUsd', undefined)).toBe(0);
    expect(metricValue('latencyAvgMs', undefined)).toBeNull();
    expect(metricValue('latencyP95Ms', undefined)).toBeNull();
  });

  it('combines groups: counters add, cost stays exact, histograms add element-wise', () => {
    const a = { ...EMPTY, requests: 2, errors: 1, promptTokens: 10, completionTokens: 5, costNanoUsd: 9_007_199_254_740_993n, latencyMsSum: 300, latencyHist: [0, 2] };
    const b = { ...EMPTY, requests: 1, promptTokens: 1, costNanoUsd: 7n, latencyMsSum: 100, latencyHist: [1], ttfbHist: [0, 0, 1], ttfbCount: 1, ttfbMsSum: 3 };
    const total = combine([a, b]);
    expect(total).toMatchObject({ requests: 3, errors: 1, promptTokens: 11, costNanoUsd: 9_007_199_254_741_000n, latencyHist: [1, 2], ttfbHist: [0, 0, 1] });
    expect(metricValue('tokens', total)).toBe(16);
    expect(metricValue('latencyAvgMs', total)).toBe(133.333);
  });
});
