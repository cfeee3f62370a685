import { describe, expect, it } from 'vitest';
import { LabelSplit } from './label-split';

/** mulberry32: a small seeded generator, so the distribution test is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('LabelSplit', () => {
  it('always picks the only target of a plain label', () => {
    const split = new LabelSplit([{ versionId: 'v1', version: 1, weight: 100 }]);
    expect(split.pick(() => 0.999).version).toBe(1);
  });

  it('picks by weight at the boundaries', () => {
    const split = new LabelSplit([
      { versionId: 'a', version: 1, weight: 80 },
      { versionId: 'b', version: 2, weight: 20 },
    ]);
    expect(split.pick(() => 0).version).toBe(1);
    expect(split.pick(() => 0.7999).version).toBe(1);
    expect(split.pick(() => 0.8).version).toBe(2);
    expect(split.pick(() => 0.99999).version).toBe(2);
  });

  it('distributes 100,000 seeded draws within half a percent of 70/20/10', () => {
    const split = new LabelSplit([
      { versionId: 'a', version: 1, weight: 70 },
      { versionId: 'b', version: 2, weight: 20 },
      { versionId: 'c', version: 3, weight: 10 },
    ]);
    const random = seeded(42);
    const counts = new Map<number, number>();
    for (let i = 0; i < 100_000; i++) {
      const version = split.pick(random).version;
      counts.set(version, (counts.get(version) ?? 0) + 1);
    }
    expect(Math.abs(counts.get(1)! / 1000 - 70)).toBeLessThan(0.5);
    expect(Math.abs(counts.get(2)! / 1000 - 20)).toBeLessThan(0.5);
    expect(Math.abs(counts.get(3)! / 1000 - 10)).toBeLessThan(0.5);
  });

  it('refuses an empty split', () => {
    expect(() => new LabelSplit([])).toThrow();
  });
});
