import type { CallRecord } from '../call-records/call-record';
import { floorTo, type Grain } from './grains';
import { addInto, record, trimmed } from './histogram';

/** What every rollup and facet row counts for the calls it stands for. */
export interface Counters {
  requests: number;
  /** Calls with an error class (a stream that failed after its 200 included). */
  errors: number;
  cacheHits: number;
  /** Calls without a known price (their cost counts as 0 in `costNanoUsd`). */
  unpriced: number;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  reasoningTokens: number;
  costNanoUsd: number;
  latencyMsSum: number;
  latencyHist: number[];
  ttfbCount: number;
  ttfbMsSum: number;
  ttfbHist: number[];
}

/**
 * The key of a rollup row: every dimension a dashboard groups or filters by (key, route, prompt
 * API, provider, model, endpoint) plus the outcome (status class, error class), so any of them
 * can be summed out at read time.
 */
export interface RollupKey {
  readonly bucket: number;
  readonly workspaceId: string;
  readonly apiKeyId: string | null;
  readonly routeName: string | null;
  readonly promptApiId: string | null;
  readonly provider: string | null;
  /** `<account>/<model>`, the model name callers and dashboards use. */
  readonly target: string | null;
  readonly endpoint: string;
  /** 2, 3, 4 or 5: the HTTP status the caller received, divided by 100. */
  readonly statusClass: number;
  readonly errorClass: string | null;
}

export type RollupRow = RollupKey & Counters;

/**
 * Facets: the same counters per bucket and ONE dimension's value. A time series by model over
 * two weeks reads 336 × (number of models) facet rows instead of every key × model × route ×
 * outcome combination, which keeps percentile merging cheap at any volume.
 */
export const FACETS = ['model', 'apiKey', 'route', 'promptApi', 'provider', 'endpoint', 'errorClass'] as const;
export type Facet = (typeof FACETS)[number];

export interface FacetKey {
  readonly bucket: number;
  readonly workspaceId: string;
  readonly facet: Facet;
  /** The dimension's value; `''` when the call had none (no route, no prompt API, no error…). */
  readonly value: string;
}

export type FacetRow = FacetKey & Counters;

export interface GrainRollups {
  readonly grain: Grain;
  readonly rows: RollupRow[];
  readonly facets: FacetRow[];
}

/**
 * The rollup and facet rows of a batch at every grain, each list sorted by key: every writer
 * upserts rows in this same order, so two transactions touching the same rows never deadlock.
 * Calls are summed once per minute and key; hours, days and facets are summed from those rows,
 * so the work per call stays constant. Calls without a workspace (the caller was not
 * authenticated) have no dashboard and are skipped.
 */
export function summarise(records: readonly CallRecord[]): GrainRollups[] {
  const minutes = new Map<string, RollupRow>();
  for (const call of records) {
    if (call.workspaceId === null) continue;
    const key = rollupKeyOf(call);
    const id = rollupSortKey(key);
    let row = minutes.get(id);
    if (!row) minutes.set(id, (row = { ...key, ...emptyCounters() }));
    add(row, call);
  }
  const minuteRows = [...minutes.values()];
  const hourRows = coarsen(minuteRows, 'hour');
  const dayRows = coarsen(hourRows, 'day');
  return (
    [
      ['minute', minuteRows],
      ['hour', hourRows],
      ['day', dayRows],
    ] as const
  ).map(([grain, rows]) => ({ grain, rows: sortedRows(rows, rollupSortKey), facets: facetRows(rows) }));
}

/** One grain of `summarise`: the rollup rows of `records`. */
export function rollUp(records: readonly CallRecord[], grain: Grain): RollupRow[] {
  return summarise(records).find((rollups) => rollups.grain === grain)!.rows;
}

/** One grain of `summarise`: the facet rows of `records`. */
export function facetsOf(records: readonly CallRecord[], grain: Grain): FacetRow[] {
  return summarise(records).find((rollups) => rollups.grain === grain)!.facets;
}

/** A total order on keys that every process computes alike (JSON of a fixed field order). */
export function rollupSortKey(key: RollupKey): string {
  return JSON.stringify([
    key.bucket,
    key.workspaceId,
    key.apiKeyId,
    key.routeName,
    key.promptApiId,
    key.provider,
    key.target,
    key.endpoint,
    key.statusClass,
    key.errorClass,
  ]);
}

export function facetSortKey(key: FacetKey): string {
  return JSON.stringify([key.bucket, key.workspaceId, key.facet, key.value]);
}

function rollupKeyOf(call: CallRecord): RollupKey {
  return {
    bucket: floorTo('minute', call.startedAt.getTime()),
    workspaceId: call.workspaceId!,
    apiKeyId: call.apiKeyId,
    routeName: call.routeName,
    promptApiId: call.promptApiId,
    provider: call.provider,
    target: call.target,
    endpoint: call.endpoint,
    statusClass: Math.trunc(call.status / 100),
    errorClass: call.errorClass,
  };
}

/** `rows` summed again per key with buckets widened to `grain`. */
function coarsen(rows: readonly RollupRow[], grain: Grain): RollupRow[] {
  const merged = new Map<string, RollupRow>();
  for (const row of rows) {
    const bucket = floorTo(grain, row.bucket);
    const id = rollupSortKey({ ...row, bucket });
    const target = merged.get(id);
    if (target) mergeInto(target, row);
    else merged.set(id, { ...row, bucket, latencyHist: [...row.latencyHist], ttfbHist: [...row.ttfbHist] });
  }
  return [...merged.values()];
}

const FACET_OF_ROW: Record<Facet, (row: RollupRow) => string | null> = {
  model: (row) => row.target,
  apiKey: (row) => row.apiKeyId,
  route: (row) => row.routeName,
  promptApi: (row) => row.promptApiId,
  provider: (row) => row.provider,
  endpoint: (row) => row.endpoint,
  errorClass: (row) => row.errorClass,
};

function facetRows(rows: readonly RollupRow[]): FacetRow[] {
  const facets = new Map<string, FacetRow>();
  for (const row of rows) {
    for (const facet of FACETS) {
      const key: FacetKey = { bucket: row.bucket, workspaceId: row.workspaceId, facet, value: FACET_OF_ROW[facet](row) ?? '' };
      const id = facetSortKey(key);
      let target = facets.get(id);
      if (!target) facets.set(id, (target = { ...key, ...emptyCounters() }));
      mergeInto(target, row);
    }
  }
  return sortedRows([...facets.values()], facetSortKey);
}

function sortedRows<Row extends Counters>(rows: readonly Row[], sortKey: (row: Row) => string): Row[] {
  return rows
    .map((row) => [sortKey(row), row] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => ({ ...row, latencyHist: trimmed(row.latencyHist), ttfbHist: trimmed(row.ttfbHist) }));
}

function emptyCounters(): Counters {
  return {
    requests: 0,
    errors: 0,
    cacheHits: 0,
    unpriced: 0,
    promptTokens: 0,
    completionTokens: 0,
    cachedTokens: 0,
    reasoningTokens: 0,
    costNanoUsd: 0,
    latencyMsSum: 0,
    latencyHist: [],
    ttfbCount: 0,
    ttfbMsSum: 0,
    ttfbHist: [],
  };
}

function mergeInto(target: Counters, source: Counters): void {
  target.requests += source.requests;
  target.errors += source.errors;
  target.cacheHits += source.cacheHits;
  target.unpriced += source.unpriced;
  target.promptTokens += source.promptTokens;
  target.completionTokens += source.completionTokens;
  target.cachedTokens += source.cachedTokens;
  target.reasoningTokens += source.reasoningTokens;
  target.costNanoUsd += source.costNanoUsd;
  target.latencyMsSum += source.latencyMsSum;
  addInto(target.latencyHist, source.latencyHist);
  target.ttfbCount += source.ttfbCount;
  target.ttfbMsSum += source.ttfbMsSum;
  addInto(target.ttfbHist, source.ttfbHist);
}

function add(row: Counters, call: CallRecord): void {
  row.requests += 1;
  if (call.errorClass !== null) row.errors += 1;
  if (call.cacheHit) row.cacheHits += 1;
  if (call.costNanoUsd === null) row.unpriced += 1;
  else row.costNanoUsd += call.costNanoUsd;
  row.promptTokens += call.promptTokens;
  row.completionTokens += call.completionTokens;
  row.cachedTokens += call.cachedTokens;
  row.reasoningTokens += call.reasoningTokens;
  row.latencyMsSum += call.latencyMs;
  record(row.latencyHist, call.latencyMs);
  if (call.ttfbMs !== null) {
    row.ttfbCount += 1;
    row.ttfbMsSum += call.ttfbMs;
    record(row.ttfbHist, call.ttfbMs);
  }
}
