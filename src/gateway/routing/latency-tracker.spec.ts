import { describe, expect, it } from 'vitest';
import { EwmaLatencyTracker } from './latency-tracker';

describe('EwmaLatencyTracker', () => {
  it('starts at the first sample and moves by alpha of each difference', () => {
    const tracker = new EwmaLatencyTracker(0.25);
    expect(tracker.estimate('k')).toBeUndefined();
    tracker.record('k', 400);
    expect(tracker.estimate('k')).toBe(400);
    tracker.record('k', 800);
    expect(tracker.estimate('k')).toBe(500);
    tracker.record('k', Number.NaN);
    tracker.record('k', -1);
    expect(tracker.estimate('k')).toBe(500);
  });
});
