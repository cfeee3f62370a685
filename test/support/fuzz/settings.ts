import type { Parameters } from 'fast-check';

/**
 * One fixed seed by default, so CI replays the same inputs on every run; `FUZZ_SEED` replays a
 * reported failure (fast-check prints the seed and the shrunk path when a property fails) and
 * `FUZZ_RUNS` scales the number of runs up for a longer local session.
 */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20260410);

const runsScale = Number(process.env.FUZZ_RUNS ?? 1);

export function fuzzParameters<T>(numRuns: number): Parameters<T> {
  return { seed: FUZZ_SEED, numRuns: Math.max(1, Math.round(numRuns * runsScale)), endOnFailure: true };
}
