/**
 * Sliding-window counter, shared by the memory store and mirrored line by line in the Redis Lua.
 *
 * Why this algorithm (and not GCRA / token bucket):
 * - The limit a user configures is "N per window" and must hold within 5% over that window.
 *   A token bucket sized for bursts of N lets up to 2N through in one window (a full bucket, then
 *   the refill); sizing its burst down to 5% of N forbids ordinary bursts. The sliding-window
 *   counter admits bursts up to N and, within an aligned window, never more than N.
 * - State is two integers and a window index per key (one small Redis hash), O(1) per call,
 *   with any `amount` (requests or tokens), and it expires on its own after two windows.
 * - Estimate = previous window × (fraction of it still inside the sliding window) + current
 *   window. It assumes the previous window's traffic was spread evenly; under sustained load
 *   (what a limit is for) that holds and the measured error is well below 5% (see the medium spec).
 */

/** Mutable per-key state (reused, never reallocated per call). */
export interface WindowState {
  /** Index of the current fixed window: floor(now / windowMs). */
  window: number;
  current: number;
  previous: number;
  /** When this state stops mattering (two windows after its window started). */
  expiresAt: number;
}

/** Scratch output, reused by the memory store to avoid an allocation per call. */
export interface WindowDecision {
  allowed: boolean;
  remaining: number;
  resetMs: number;
}

export function slidingWindow(
  state: WindowState,
  now: number,
  amount: number,
  limit: number,
  windowMs: number,
  out: WindowDecision,
): WindowDecision {
  const index = Math.floor(now / windowMs);
  if (state.window !== index) {
    state.previous = state.window === index - 1 ? state.current : 0;
    state.current = 0;
    state.window = index;
  }
  const elapsed = now - index * windowMs;
  const used = (state.previous * (windowMs - elapsed)) / windowMs + state.current;
  if (used + amount <= limit) {
    state.current += amount;
    state.expiresAt = (index + 2) * windowMs;
    out.allowed = true;
    out.remaining = Math.max(0, Math.floor(limit - used - amount));
    out.resetMs = windowMs - elapsed;
    return out;
  }
  out.allowed = false;
  out.remaining = Math.max(0, Math.floor(limit - used));
  out.resetMs = retryAfter(state.previous, state.current, elapsed, amount, limit, windowMs);
  return out;
}

function retryAfter(previous: number, current: number, elapsed: number, amount: number, limit: number, windowMs: number): number {
  if (amount > limit) return windowMs;
  if (current + amount <= limit) {
    // Wait until the previous window's weighted share has decayed enough.
    const at = windowMs * (1 - (limit - amount - current) / previous);
    return Math.max(1, Math.ceil(at - elapsed));
  }
  // Wait into the next window, where today's `current` becomes the decaying `previous`.
  const at = windowMs * (1 - (limit - amount) / current);
  return Math.max(1, Math.ceil(windowMs - elapsed + at));
}

/** Rolls `state` to the window of `now` (as `slidingWindow` does) and returns the weighted usage. */
export function windowUsed(state: WindowState, now: number, windowMs: number): number {
  const index = Math.floor(now / windowMs);
  if (state.window !== index) {
    state.previous = state.window === index - 1 ? state.current : 0;
    state.current = 0;
    state.window = index;
    state.expiresAt = (index + 2) * windowMs;
  }
  const elapsed = now - index * windowMs;
  return (state.previous * (windowMs - elapsed)) / windowMs + state.current;
}
