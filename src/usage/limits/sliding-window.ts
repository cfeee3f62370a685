/**
 * Bucketed sliding-window counter, shared by the memory store and mirrored line by line in the
 * Redis Lua (`redis-scripts.ts`).
 *
 * Why this algorithm:
 * - A limit of "N per minute" must hold over *any* 60 s window, not only over clock-aligned ones.
 *   The common two-window approximation (previous window × overlap + current) assumes the previous
 *   window's traffic was spread evenly; when it was not (a burst late in it), a true sliding minute
 *   measured ~45% over the limit in our two-process test. A token bucket sized for bursts of N lets
 *   2N through in one minute.
 * - Here the window is split into {@link BUCKETS} buckets (1 s each for a minute) and usage is the
 *   sum of the current bucket and the {@link BUCKETS} before it: that span always covers the true
 *   sliding window, so admitted traffic never exceeds N in any window of `windowMs`. The price is
 *   at most one bucket (1/60 of the window) of unused capacity.
 * - State is at most 61 small counters per key (a Redis hash), O(61) per call, any `amount`
 *   (requests or tokens), and it expires on its own.
 */

/** Buckets per window. */
export const BUCKETS = 60;

/** The width of one bucket in ms (an integer, so Lua and JavaScript agree). */
export function bucketWidth(windowMs: number): number {
  return Math.max(1, Math.floor(windowMs / BUCKETS));
}

/** How many buckets before the current one are still counted: they cover at least `windowMs`. */
export function bucketSpan(windowMs: number): number {
  return Math.ceil(windowMs / bucketWidth(windowMs));
}

/** Mutable per-key state: counts by bucket index (a plain map; at most span + 1 live entries). */
export interface WindowState {
  readonly buckets: Map<number, number>;
  /** When this state stops mattering (the newest bucket has left the window). */
  expiresAt: number;
  /** The sum of `buckets`, kept as they change: usage is read on every call without summing 61 entries. */
  total: number;
  /** The highest index ever stored while non-empty; an index below it makes the map's order unreliable. */
  newest: number;
  /** Set after a clock step back stored an older index after a newer one: eviction must then scan every entry. */
  unordered: boolean;
}

export function newWindowState(): WindowState {
  return { buckets: new Map(), expiresAt: 0, total: 0, newest: -Infinity, unordered: false };
}

/** Sets one bucket's count (0 removes it), keeping `total` and the order flags true. */
function setBucket(state: WindowState, index: number, count: number): void {
  const previous = state.buckets.get(index);
  if (count === 0) {
    if (previous === undefined) return;
    state.buckets.delete(index);
    state.total -= previous;
    if (state.buckets.size === 0) resetOrder(state);
    return;
  }
  if (previous === undefined) {
    if (index < state.newest) state.unordered = true;
    else state.newest = index;
  }
  state.buckets.set(index, count);
  state.total += count - (previous ?? 0);
}

function resetOrder(state: WindowState): void {
  state.total = 0;
  state.newest = -Infinity;
  state.unordered = false;
}

/** Scratch output, reused by the memory store to avoid an allocation per call. */
export interface WindowDecision {
  allowed: boolean;
  remaining: number;
  resetMs: number;
  bucket: number;
}

/** Drops buckets that left the window and returns the usage of those still in it. */
export function windowUsed(state: WindowState, now: number, windowMs: number): number {
  const width = bucketWidth(windowMs);
  const oldest = Math.floor(now / width) - bucketSpan(windowMs);
  // Indices are stored ascending (the current bucket is always the newest), so eviction stops at the
  // first live one — unless a clock step back broke that order, then every entry is checked.
  for (const index of state.buckets.keys()) {
    if (index < oldest) setBucket(state, index, 0);
    else if (!state.unordered) break;
  }
  return state.total;
}

export function slidingWindow(
  state: WindowState,
  now: number,
  amount: number,
  limit: number,
  windowMs: number,
  out: WindowDecision,
): WindowDecision {
  const width = bucketWidth(windowMs);
  const current = Math.floor(now / width);
  const used = windowUsed(state, now, windowMs);
  if (used + amount <= limit) {
    setBucket(state, current, (state.buckets.get(current) ?? 0) + amount);
    state.expiresAt = (current + bucketSpan(windowMs) + 1) * width;
    out.allowed = true;
    out.remaining = Math.max(0, Math.floor(limit - used - amount));
    out.resetMs = untilOldestLeaves(state, now, windowMs);
    out.bucket = current;
    return out;
  }
  out.allowed = false;
  out.bucket = -1;
  out.remaining = Math.max(0, Math.floor(limit - used));
  out.resetMs = amount > limit ? windowMs : untilFree(state, now, windowMs, used + amount - limit, 1);
  return out;
}

/**
 * Corrects usage by `delta` in `bucket` (where `consume` counted the amount) while that bucket is in
 * the window, so the correction leaves together with the amount; a negative correction of a bucket
 * that already left is dropped. Without `bucket` (or -1): positive into the current bucket,
 * negative from the newest buckets first. Counts never go below zero.
 */
export function adjustWindow(state: WindowState, now: number, windowMs: number, delta: number, bucket = -1): void {
  const width = bucketWidth(windowMs);
  const current = Math.floor(now / width);
  const live = bucket >= 0 && bucket >= current - bucketSpan(windowMs) && bucket <= current;
  if (live) {
    // The consume's own bucket: no need to sweep the others first.
    setBucket(state, bucket, Math.max(0, (state.buckets.get(bucket) ?? 0) + delta));
    return;
  }
  windowUsed(state, now, windowMs);
  if (delta >= 0) {
    if (delta > 0) setBucket(state, current, (state.buckets.get(current) ?? 0) + delta);
    state.expiresAt = (current + bucketSpan(windowMs) + 1) * width;
    return;
  }
  if (bucket >= 0) return; // that amount already left the window
  let owed = -delta;
  for (const index of [...state.buckets.keys()].sort((a, b) => b - a)) {
    const count = state.buckets.get(index)!;
    const taken = Math.min(count, owed);
    setBucket(state, index, count - taken);
    owed -= taken;
    if (owed <= 0) break;
  }
}

/**
 * Milliseconds until the oldest counted bucket leaves: the first in insertion order, which is
 * ascending (buckets are added at the current index). O(1); only a header's precision depends on it.
 */
function untilOldestLeaves(state: WindowState, now: number, windowMs: number): number {
  for (const index of state.buckets.keys()) return Math.max(0, (index + bucketSpan(windowMs) + 1) * bucketWidth(windowMs) - now);
  return windowMs;
}

/** Buckets are added at the current (newest) index, so insertion order is ascending — except after a rare clock step back. */
function ascending(state: WindowState): boolean {
  let previous = -Infinity;
  for (const index of state.buckets.keys()) {
    if (index < previous) return false;
    previous = index;
  }
  return true;
}

function orderedIndices(state: WindowState): number[] {
  const indices = [...state.buckets.keys()];
  return ascending(state) ? indices : indices.sort((a, b) => a - b);
}

/**
 * Milliseconds until `needed` units have left the window (oldest buckets leave first); with
 * `needed` 0, until the oldest counted bucket leaves. At least `minimum`.
 */
function untilFree(state: WindowState, now: number, windowMs: number, needed: number, minimum: number): number {
  const width = bucketWidth(windowMs);
  const span = bucketSpan(windowMs);
  let freed = 0;
  for (const index of orderedIndices(state)) {
    freed += state.buckets.get(index)!;
    if (freed >= needed) return Math.max(minimum, (index + span + 1) * width - now);
  }
  return windowMs;
}
