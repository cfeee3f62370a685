/**
 * The three rollup grains (UTC minute, hour, day), how far each may stretch in one time series,
 * and how any range is cut into whole buckets of the coarsest grain that fits, so a summary over
 * 30 days reads about 30 day rows per key instead of 43,200 minute rows.
 */
export const GRAINS = ['minute', 'hour', 'day'] as const;
export type Grain = (typeof GRAINS)[number];

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export const GRAIN_MS: Readonly<Record<Grain, number>> = { minute: MINUTE_MS, hour: HOUR_MS, day: DAY_MS };

/** Minute rollups are pruned after this; hour and day rollups are kept. */
export const MINUTE_RETENTION_MS = 7 * DAY_MS;

/** The longest range one time series may cover at each grain (about 1,500 points at most). */
export const MAX_SPAN_MS: Readonly<Record<Grain, number>> = { minute: DAY_MS, hour: 62 * DAY_MS, day: 1_100 * DAY_MS };

/** Up to these spans a time series without `granularity` gets the finer grain. */
const AUTO_MINUTE_UP_TO_MS = 6 * HOUR_MS;
const AUTO_HOUR_UP_TO_MS = 14 * DAY_MS;

export function floorTo(grain: Grain, at: number): number {
  return Math.floor(at / GRAIN_MS[grain]) * GRAIN_MS[grain];
}

export function ceilTo(grain: Grain, at: number): number {
  return Math.ceil(at / GRAIN_MS[grain]) * GRAIN_MS[grain];
}

/** The oldest minute bucket still kept at `now`. */
export function minuteCutoff(now: number): number {
  return floorTo('minute', now - MINUTE_RETENTION_MS);
}

/** The grain a time series over [from, to) gets when the caller names none. */
export function autoGrain(from: number, to: number, now: number): Grain {
  const span = to - from;
  if (span <= AUTO_MINUTE_UP_TO_MS && floorTo('minute', from) >= minuteCutoff(now)) return 'minute';
  return span <= AUTO_HOUR_UP_TO_MS ? 'hour' : 'day';
}

/** Why `grain` cannot serve [from, to), or null when it can. */
export function grainRefusal(grain: Grain, from: number, to: number, now: number): string | null {
  if (to - from > MAX_SPAN_MS[grain]) {
    return `${grain} granularity covers at most ${MAX_SPAN_MS[grain] / DAY_MS} day(s); ask for a coarser granularity or a shorter range`;
  }
  if (grain === 'minute' && floorTo('minute', from) < minuteCutoff(now)) {
    return `minute rollups are kept for ${MINUTE_RETENTION_MS / DAY_MS} days; ask for hour or day granularity for older ranges`;
  }
  return null;
}

export interface Segment {
  readonly grain: Grain;
  readonly from: number;
  readonly to: number;
}

export interface Coverage {
  /** What the segments cover exactly: [from, to) snapped to the minute (to the hour before the minute retention). */
  readonly from: number;
  readonly to: number;
  readonly segments: readonly Segment[];
}

/**
 * Cuts [from, to) into minute, hour and day segments, coarsest in the middle:
 * `minutes | hours | days | hours | minutes`. Edges older than the minute retention snap
 * outward to the hour, since their minute rows are gone.
 */
export function decompose(from: number, to: number, now: number): Coverage {
  const cutoff = minuteCutoff(now);
  let start = floorTo('minute', from);
  let end = ceilTo('minute', to);
  if (start < cutoff) start = floorTo('hour', start);
  if (end < cutoff) end = ceilTo('hour', end);
  const segments: Segment[] = [];
  cut(start, end, 'day', segments);
  return { from: start, to: end, segments: segments.filter((segment) => segment.to > segment.from) };
}

function cut(from: number, to: number, grain: Grain, out: Segment[]): void {
  if (from >= to) return;
  const inner = finer(grain);
  if (!inner) {
    out.push({ grain, from, to });
    return;
  }
  const start = ceilTo(grain, from);
  const end = floorTo(grain, to);
  if (start >= end) {
    cut(from, to, inner, out);
    return;
  }
  cut(from, start, inner, out);
  out.push({ grain, from: start, to: end });
  cut(end, to, inner, out);
}

function finer(grain: Grain): Grain | null {
  return grain === 'day' ? 'hour' : grain === 'hour' ? 'minute' : null;
}
