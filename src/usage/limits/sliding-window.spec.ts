import { describe, expect, it } from 'vitest';
import { adjustWindow, bucketSpan, bucketWidth, newWindowState, slidingWindow, windowUsed, type WindowDecision } from './sliding-window';

const WINDOW = 60_000;

/** The plain definition the cached total must agree with: the sum of the buckets still inside the window. */
function naiveUsage(buckets: Map<number, number>, now: number): number {
  const oldest = Math.floor(now / bucketWidth(WINDOW)) - bucketSpan(WINDOW);
  let used = 0;
  for (const [index, count] of buckets) if (index >= oldest) used += count;
  return used;
}

/** A small deterministic generator, so a failure replays. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('sliding window bookkeeping', () => {
  it.each([1, 2, 3, 4, 5])('keeps its running total equal to the live buckets through consumes, corrections and clock steps (seed %i)', (seed) => {
    const next = random(seed);
    const state = newWindowState();
    const out: WindowDecision = { allowed: false, remaining: 0, resetMs: 0, bucket: -1 };
    let now = 1_000_000_000;
    for (let step = 0; step < 5_000; step++) {
      // Mostly forward in small steps, sometimes a long jump, rarely a step back (an NTP correction).
      const roll = next();
      now += roll < 0.02 ? -Math.floor(next() * 5_000) : roll < 0.05 ? Math.floor(next() * 90_000) : Math.floor(next() * 400);
      const op = next();
      if (op < 0.6) {
        const decision = slidingWindow(state, now, 1 + Math.floor(next() * 50), 2_000, WINDOW, out);
        if (decision.allowed && next() < 0.5) adjustWindow(state, now, WINDOW, -Math.floor(next() * 20), decision.bucket);
      } else if (op < 0.8) {
        adjustWindow(state, now, WINDOW, Math.floor(next() * 30) - 15);
      } else {
        windowUsed(state, now, WINDOW);
      }
      const expected = naiveUsage(state.buckets, now);
      expect(windowUsed(state, now, WINDOW)).toBe(expected);
      expect(state.total).toBe([...state.buckets.values()].reduce((sum, count) => sum + count, 0));
    }
  });

  it('never admits more than the limit in any window, clock steps included', () => {
    const next = random(42);
    const state = newWindowState();
    const out: WindowDecision = { allowed: false, remaining: 0, resetMs: 0, bucket: -1 };
    const admitted: Array<[number, number]> = [];
    let now = 5_000_000;
    for (let step = 0; step < 20_000; step++) {
      now += next() < 0.01 ? -2_000 : Math.floor(next() * 30);
      const amount = 1 + Math.floor(next() * 5);
      if (slidingWindow(state, now, amount, 500, WINDOW, out).allowed) admitted.push([now, amount]);
    }
    for (const [at] of admitted) {
      const inWindow = admitted.filter(([other]) => other > at - WINDOW && other <= at).reduce((sum, [, amount]) => sum + amount, 0);
      expect(inWindow).toBeLessThanOrEqual(500);
    }
  });
});
