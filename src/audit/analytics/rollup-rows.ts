import type { CallRecord } from '../call-records/call-record';
import { floorTo, type Grain } from './grains';
import { record, trimmed } from './histogram';

/**
 * One rollup row: the counters of every call sharing a bucket and a key. The key holds every
 * dimension a dashboard groups by (key, route, prompt API, provider, model, endpoint) plus the
 * outcome (status class, error class), so any of them can be summed out at read time.
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

export interface RollupRow extends RollupKey {
  requests: number;
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
 * Sums `records` into one row per bucket and key at `grain`, sorted by key: every writer
 * upserts rows in this same order, so two transactions touching the same rows never deadlock.
 * Calls without a workspace (the caller was not authenticated) have no dashboard and are skipped.
 */
export function rollUp(records: readonly CallRecord[], grain: Grain): RollupRow[] {
  const rows = new Map<string, RollupRow>();
  for (const call of records) {
    if (call.workspaceId === null) continue;
    const key = keyOf(call, grain);
    const id = sortKey(key);
    let row = rows.get(id);
    if (!row) {
      row = emptyRow(key);
      rows.set(id, row);
    }
    add(row, call);
  }
  return [...rows.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => ({ ...row, latencyHist: trimmed(row.latencyHist), ttfbHist: trimmed(row.ttfbHist) }));
}

function keyOf(call: CallRecord, grain: Grain): RollupKey {
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

/** A total order on keys that every process computes alike (JSON of a fixed field order). */
export function sortKey(key: RollupKey): string {
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

function emptyRow(key: RollupKey): RollupRow {
  return {
    ...key,
    requests: 0,
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

function add(row: RollupRow, call: CallRecord): void {
  row.requests += 1;
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
