import type { CallRecord } from '../call-records/call-record';
import { floorTo, type Grain } from './grains';
import { record, trimmed } from './histogram';

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

const FACET_VALUES: Record<Facet, (call: CallRecord) => string | null> = {
  model: (call) => call.target,
  apiKey: (call) => call.apiKeyId,
  route: (call) => call.routeName,
  promptApi: (call) => call.promptApiId,
  provider: (call) => call.provider,
  endpoint: (call) => call.endpoint,
  errorClass: (call) => call.errorClass,
};

export interface FacetKey {
  readonly bucket: number;
  readonly workspaceId: string;
  readonly facet: Facet;
  /** The dimension's value; `''` when the call had none (no route, no prompt API, no error…). */
  readonly value: string;
}

export type FacetRow = FacetKey & Counters;

/**
 * Sums `records` into one row per bucket and key at `grain`, sorted by key: every writer
 * upserts rows in this same order, so two transactions touching the same rows never deadlock.
 * Calls without a workspace (the caller was not authenticated) have no dashboard and are skipped.
 */
export function rollUp(records: readonly CallRecord[], grain: Grain): RollupRow[] {
  return aggregate(records, (call) => [rollupKeyOf(call, grain)], rollupSortKey);
}

/** Sums `records` into one row per bucket, facet and value at `grain`, sorted by key. */
export function facetsOf(records: readonly CallRecord[], grain: Grain): FacetRow[] {
  return aggregate(
    records,
    (call) => FACETS.map((facet) => ({ bucket: floorTo(grain, call.startedAt.getTime()), workspaceId: call.workspaceId!, facet, value: FACET_VALUES[facet](call) ?? '' })),
    facetSortKey,
  );
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

function aggregate<K extends object>(records: readonly CallRecord[], keysOf: (call: CallRecord) => K[], sortKey: (key: K) => string): (K & Counters)[] {
  const rows = new Map<string, K & Counters>();
  for (const call of records) {
    if (call.workspaceId === null) continue;
    for (const key of keysOf(call)) {
      const id = sortKey(key);
      let row = rows.get(id);
      if (!row) {
        row = { ...key, ...emptyCounters() };
        rows.set(id, row);
      }
      add(row, call);
    }
  }
  return [...rows.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => ({ ...row, latencyHist: trimmed(row.latencyHist), ttfbHist: trimmed(row.ttfbHist) }));
}

function rollupKeyOf(call: CallRecord, grain: Grain): RollupKey {
  return {
    bucket: floorTo(grain, call.startedAt.getTime()),
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
