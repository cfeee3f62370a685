import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Usage } from '../../plugin-sdk/canonical';
import { price } from './__fixtures__/price.fixture';
import { costOf } from './price';

const usage = (prompt: number, completion: number, cached?: number, reasoning?: number): Usage => ({
  prompt_tokens: prompt,
  completion_tokens: completion,
  total_tokens: prompt + completion,
  ...(cached !== undefined && { prompt_tokens_details: { cached_tokens: cached } }),
  ...(reasoning !== undefined && { completion_tokens_details: { reasoning_tokens: reasoning } }),
});

describe('costOf', () => {
  it('prices prompt and completion tokens per 1M, in integer nano-dollars', () => {
    expect(costOf(usage(1_000, 500), price())).toEqual({
      nanoUsd: 450_000,
      breakdown: { input: 150_000, cachedInput: 0, output: 300_000, reasoning: 0, request: 0, images: 0 },
    });
  });

  it('bills cached prompt tokens at the cached price, and at the input price when there is none', () => {
    expect(costOf(usage(1_000, 0, 400), price()).breakdown).toMatchObject({ input: 90_000, cachedInput: 30_000 });
    expect(costOf(usage(1_000, 0, 400), price({ cachedInputPerMTok: null })).breakdown).toMatchObject({ input: 90_000, cachedInput: 60_000 });
  });

  it('bills reasoning tokens (a part of the completion) at the reasoning price, else the output price', () => {
    const o3 = price({ inputPerMTok: 2, outputPerMTok: 8, reasoningPerMTok: 10 });
    expect(costOf(usage(0, 1_000, undefined, 600), o3).breakdown).toMatchObject({ output: 3_200_000, reasoning: 6_000_000 });
    expect(costOf(usage(0, 1_000, undefined, 600), price({ outputPerMTok: 8 })).breakdown).toMatchObject({ output: 3_200_000, reasoning: 4_800_000 });
  });

  it('adds a per-request and a per-image price', () => {
    const perCall = price({ perRequest: 0.001, perImage: 0.04 });
    expect(costOf(usage(0, 0), perCall, 3)).toEqual({
      nanoUsd: 121_000_000,
      breakdown: { input: 0, cachedInput: 0, output: 0, reasoning: 0, request: 1_000_000, images: 120_000_000 },
    });
  });

  it('rounds each component half up to a whole nano-dollar, exactly (no float drift)', () => {
    // 1 token at 0.0005 USD/1M = 0.5 nano → 1; 1 token at 0.0004 → 0.4 → 0
    expect(costOf(usage(1, 1), price({ inputPerMTok: 0.0005, outputPerMTok: 0.0004 })).breakdown).toMatchObject({ input: 1, output: 0 });
    // 0.1 + 0.2 in floats is 0.30000000000000004; here 3 × (1M tokens at 0.1) is exactly 300_000_000
    expect(costOf(usage(3_000_000, 0), price({ inputPerMTok: 0.1 })).nanoUsd).toBe(300_000_000);
    // 7 × 0.0275 = 192.5 nano → 193; 3 × 0.0044 = 13.2 → 13
    expect(costOf(usage(7, 3), price({ inputPerMTok: 0.0275, outputPerMTok: 0.0044 })).breakdown).toMatchObject({ input: 193, output: 13 });
    expect(Number.isInteger(costOf(usage(123_457, 98_765, 11_111, 2_222), price()).nanoUsd)).toBe(true);
  });

  it('gives the exact integer result whether the product fits a double or needs BigInt', () => {
    // The exact definition: round half up of tokens × micro-USD per 1M / 1000, in BigInt throughout.
    const exact = (tokens: number, usdPerMTok: number) => Number((BigInt(tokens) * BigInt(Math.round(usdPerMTok * 1e6)) + 500n) / 1000n);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 0, max: 2_000_000_000 }), (tokens, micros) => {
        const usd = micros / 1e6;
        expect(costOf(usage(tokens, 0), price({ inputPerMTok: usd })).nanoUsd).toBe(exact(tokens, usd));
      }),
      { numRuns: 2_000, seed: 5 },
    );
    // Beyond 2^53 the product takes the BigInt path and stays exact.
    expect(costOf(usage(2 ** 40, 0), price({ inputPerMTok: 10_000 })).nanoUsd).toBe(exact(2 ** 40, 10_000));
  });

  it('costs nothing for zero usage, and clamps detail counts larger than their totals', () => {
    expect(costOf(usage(0, 0), price()).nanoUsd).toBe(0);
    expect(costOf(usage(10, 10, 50, 50), price({ inputPerMTok: 1, cachedInputPerMTok: 1, outputPerMTok: 1 })).nanoUsd).toBe(20_000);
  });
});
