import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { GRAIN_MS, GRAINS, type Grain, type Segment } from './grains';
import type { Facet, FacetRow, RollupRow } from './rollup-rows';
import {
  COUNTER_COLUMNS,
  type Dimension,
  facetTable,
  type HistogramColumn,
  histogramSums,
  rebuildFacetsSql,
  rebuildRollupsSql,
  rollupTable,
  SCALAR_COUNTERS,
  segmentsSource,
  SUMS,
  upsertFacets,
  upsertRollups,
} from './rollup-sql';

/** Counters summed over some rollup rows; histograms only when asked for. */
export interface RollupSums {
  requests: number;
  errors: number;
  cacheHits: number;
  unpriced: number;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  reasoningTokens: number;
  costNanoUsd: bigint;
  latencyMsSum: number;
  ttfbCount: number;
  ttfbMsSum: number;
  latencyHist?: number[];
  ttfbHist?: number[];
}

/** `group` is the dimension's value as text, `''` for "none" (e.g. no route), null for "every other group". */
export interface GroupSums extends RollupSums {
  group: string | null;
}

export interface BucketSums extends GroupSums {
  bucket: number;
}

export type RankMetric = 'cost' | 'requests' | 'tokens';
export type ChargebackGrouping = 'team' | 'apiKey' | 'model';

export interface ChargebackRow extends RollupSums {
  labels: Record<string, string | null>;
}

const RANK_EXPRESSIONS: Record<RankMetric, string> = {
  cost: 'sum(cost_nano_usd)',
  requests: 'sum(requests)',
  tokens: 'sum(prompt_tokens + completion_tokens)',
};

/**
 * The only code that touches the rollup tables (and, for labels and chargeback, reads
 * `api_keys`, `service_accounts` and `users`). Every read is scoped to one workspace and reads
 * rollups only, never `call_logs`; only the rebuild reads `call_logs`.
 */
@Injectable()
export class AnalyticsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Adds one grain's rollup and facet rows (unique keys, sorted) to the stored ones, inside the caller's transaction. */
  async upsert(manager: EntityManager, grain: Grain, rows: readonly RollupRow[], facets: readonly FacetRow[]): Promise<void> {
    for (const { sql, parameters } of [upsertRollups(grain, rows), upsertFacets(grain, facets)]) {
      if ((parameters[0] as unknown[]).length > 0) await manager.query(sql, parameters);
    }
  }

  /**
   * Recomputes every grain of the UTC day starting at `day` from `call_logs` (minute rows only
   * from `minutesFrom`). Writers wait meanwhile: the share-row-exclusive locks make the
   * recomputation see exactly the calls whose rollups it replaces.
   */
  async rebuildDay(day: number, minutesFrom: number): Promise<void> {
    const dayEnd = day + GRAIN_MS.day;
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL work_mem = '256MB'`);
      await manager.query(`LOCK TABLE ${GRAINS.flatMap((grain) => [rollupTable(grain), facetTable(grain)]).join(', ')} IN SHARE ROW EXCLUSIVE MODE`);
      for (const grain of GRAINS) {
        const from = grain === 'minute' ? Math.max(day, minutesFrom) : day;
        for (const table of [rollupTable(grain), facetTable(grain)]) {
          await manager.query(`DELETE FROM ${table} WHERE bucket >= $1 AND bucket < $2`, [iso(day), iso(dayEnd)]);
        }
        if (from >= dayEnd) continue;
        await manager.query(rebuildRollupsSql(grain), [iso(from), iso(dayEnd)]);
        await manager.query(rebuildFacetsSql(grain), [iso(from), iso(dayEnd)]);
      }
    });
  }

  /** Deletes minute rows (rollups and facets) older than `before`, skipping rows a writer holds; answers how many went. */
  async pruneMinutes(before: number, chunk = 10_000): Promise<number> {
    let deleted = 0;
    for (const table of [rollupTable('minute'), facetTable('minute')]) {
      for (;;) {
        const [, count] = (await this.dataSource.query(
          `DELETE FROM ${table} WHERE ctid = ANY(ARRAY(SELECT ctid FROM ${table} WHERE bucket < $1 LIMIT $2 FOR UPDATE SKIP LOCKED))`,
          [iso(before), chunk],
        )) as [unknown, number];
        deleted += count;
        if (count < chunk) break;
      }
    }
    return deleted;
  }

  /** Sums over `segments` per value of `dimension` (from its facet, no histograms), ranked by `rankBy`, at most `limit`. */
  async ranked(workspaceId: string, segments: readonly Segment[], dimension: Dimension, rankBy: RankMetric, limit: number): Promise<GroupSums[]> {
    const parameters: unknown[] = [workspaceId, dimension];
    const source = segmentsSource(facetTable, segments, 'workspace_id = $1 AND facet = $2', ['value', ...SCALAR_COUNTERS], parameters);
    const rows = await this.dataSource.query(
      `SELECT value AS group_key, ${SUMS} FROM ${source} GROUP BY 1 ORDER BY ${RANK_EXPRESSIONS[rankBy]} DESC, 1 LIMIT ${Number(limit)}`,
      parameters,
    );
    return rows.map((row: RawRow) => ({ group: row.group_key, ...toSums(row) }));
  }

  /** Sums with both histograms over `segments` per value of one facet (`''`: calls without one). */
  async facetTotals(workspaceId: string, segments: readonly Segment[], facet: Facet): Promise<GroupSums[]> {
    const parameters: unknown[] = [workspaceId, facet];
    const source = segmentsSource(facetTable, segments, 'workspace_id = $1 AND facet = $2', ['value', ...COUNTER_COLUMNS], parameters);
    const rows = await this.dataSource.query(`SELECT value AS group_key, ${SUMS}${histogramSums()} FROM ${source} GROUP BY 1`, parameters);
    return rows.map((row: RawRow) => ({ group: row.group_key, ...toSums(row) }));
  }

  /** The `limit` values of `dimension` with the most requests over [from, to) at `grain`. */
  async topValues(workspaceId: string, grain: Grain, from: number, to: number, dimension: Dimension, limit: number): Promise<string[]> {
    const rows: { value: string }[] = await this.dataSource.query(
      `SELECT value FROM ${facetTable(grain)} WHERE workspace_id = $1 AND facet = $2 AND bucket >= $3 AND bucket < $4
       GROUP BY 1 ORDER BY sum(requests) DESC, 1 LIMIT $5`,
      [workspaceId, dimension, iso(from), iso(to), limit],
    );
    return rows.map((row) => row.value);
  }

  /**
   * Sums per bucket of `grain` in [from, to) from the facets: per value of `dimension` when given
   * (values outside `keep` fold into one group, `group` null), else all calls as one group `''`.
   */
  async series(
    workspaceId: string,
    grain: Grain,
    from: number,
    to: number,
    options: { dimension?: Dimension; keep?: readonly string[]; histograms: readonly HistogramColumn[] },
  ): Promise<BucketSums[]> {
    // Without a dimension any facet partitions the calls; error classes are few.
    const parameters: unknown[] = [workspaceId, options.dimension ?? 'errorClass', iso(from), iso(to)];
    let group = options.dimension ? 'value' : `''`;
    if (options.dimension && options.keep) {
      parameters.push(options.keep);
      group = `CASE WHEN value = ANY($5::text[]) THEN value END`;
    }
    const rows = await this.dataSource.query(
      `SELECT bucket, ${group} AS group_key, ${SUMS}${histogramSums(options.histograms)}
       FROM ${facetTable(grain)} WHERE workspace_id = $1 AND facet = $2 AND bucket >= $3 AND bucket < $4
       GROUP BY 1, 2 ORDER BY 1`,
      parameters,
    );
    return rows.map((row: RawRow & { bucket: Date }) => ({ bucket: row.bucket.getTime(), group: row.group_key, ...toSums(row) }));
  }

  /** Names of this workspace's API keys among `ids` (other ids are simply absent). */
  async apiKeyNames(workspaceId: string, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; name: string }[] = await this.dataSource.query(
      `SELECT id, name FROM api_keys WHERE workspace_id = $1 AND id = ANY($2::uuid[])`,
      [workspaceId, ids],
    );
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /**
   * Usage over `segments` per team (the API key's owner: service account or user), per key or
   * per model; owners are joined at read time, so renames show up in every export.
   */
  async chargeback(workspaceId: string, segments: readonly Segment[], grouping: ChargebackGrouping): Promise<ChargebackRow[]> {
    const parameters: unknown[] = [workspaceId];
    const source = segmentsSource(rollupTable, segments, 'workspace_id = $1', ['api_key_id', 'provider', 'target', ...SCALAR_COUNTERS], parameters);
    const labels = CHARGEBACK_LABELS[grouping];
    const rows = await this.dataSource.query(
      `SELECT ${labels.map(([name, expression]) => `${expression} AS ${name}`).join(', ')}, ${SUMS}
       FROM ${source}
       LEFT JOIN api_keys k ON k.id = r.api_key_id AND k.workspace_id = $1
       LEFT JOIN service_accounts sa ON k.owner_type = 'service_account' AND sa.id = k.owner_id AND sa.workspace_id = $1
       LEFT JOIN users usr ON k.owner_type = 'user' AND usr.id = k.owner_id
       GROUP BY ${labels.map((_, i) => i + 1).join(', ')}
       ORDER BY sum(cost_nano_usd) DESC, ${labels.map((_, i) => i + 1).join(', ')}`,
      parameters,
    );
    return rows.map((row: RawRow & Record<string, string | null>) => ({
      labels: Object.fromEntries(labels.map(([name]) => [name, row[name]])),
      ...toSums(row),
    }));
  }

}

const OWNER_NAME = `CASE k.owner_type WHEN 'service_account' THEN sa.name WHEN 'user' THEN usr.email END`;

const CHARGEBACK_LABELS: Record<ChargebackGrouping, ReadonlyArray<readonly [string, string]>> = {
  team: [
    ['owner_type', 'k.owner_type'],
    ['owner_id', 'k.owner_id::text'],
    ['owner_name', OWNER_NAME],
  ],
  apiKey: [
    ['api_key_id', 'r.api_key_id::text'],
    ['api_key_name', 'k.name'],
    ['owner_type', 'k.owner_type'],
    ['owner_id', 'k.owner_id::text'],
    ['owner_name', OWNER_NAME],
  ],
  model: [
    ['provider', 'r.provider'],
    ['model', 'r.target'],
  ],
};

interface RawRow {
  group_key: string | null;
  requests: number;
  errors: number;
  cache_hits: number;
  unpriced: number;
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens: number;
  reasoning_tokens: number;
  cost_nano_usd: string | null;
  latency_ms_sum: number;
  ttfb_count: number;
  ttfb_ms_sum: number;
  /** Comma-separated counts (see `histogramSums`); null when no row had one. */
  latency_hist?: string | null;
  ttfb_hist?: string | null;
}

function toSums(row: RawRow): RollupSums {
  return {
    requests: row.requests,
    errors: row.errors,
    cacheHits: row.cache_hits,
    unpriced: row.unpriced,
    promptTokens: row.prompt_tokens,
    completionTokens: row.completion_tokens,
    cachedTokens: row.cached_tokens,
    reasoningTokens: row.reasoning_tokens,
    costNanoUsd: BigInt(row.cost_nano_usd ?? 0),
    latencyMsSum: row.latency_ms_sum,
    ttfbCount: row.ttfb_count,
    ttfbMsSum: row.ttfb_ms_sum ?? 0,
    ...(row.latency_hist !== undefined && { latencyHist: counts(row.latency_hist) }),
    ...(row.ttfb_hist !== undefined && { ttfbHist: counts(row.ttfb_hist) }),
  };
}

function counts(text: string | null): number[] {
  return text ? text.split(',').map(Number) : [];
}

function iso(at: number): string {
  return new Date(at).toISOString();
}
