import type { Grain, Segment } from './grains';
import { HISTOGRAM_BUCKETS } from './histogram';
import type { RollupRow } from './rollup-rows';

/** SQL text shared by the rollup repository: table names, the upsert, the rebuild and the sums read back. */

export const rollupTable = (grain: Grain): string => `analytics_rollups_${grain}`;

/** Dashboard dimensions and the rollup column behind each. */
export const DIMENSION_COLUMNS = {
  model: 'target',
  apiKey: 'api_key_id',
  route: 'route_name',
  promptApi: 'prompt_api_id',
  provider: 'provider',
  endpoint: 'endpoint',
} as const;
export type Dimension = keyof typeof DIMENSION_COLUMNS;
export const DIMENSIONS = Object.keys(DIMENSION_COLUMNS) as Dimension[];

const KEY_COLUMNS = ['workspace_id', 'bucket', 'api_key_id', 'route_name', 'prompt_api_id', 'provider', 'target', 'endpoint', 'status_class', 'error_class'];
const COUNTER_COLUMNS = ['requests', 'cache_hits', 'unpriced', 'prompt_tokens', 'completion_tokens', 'cached_tokens', 'reasoning_tokens', 'cost_nano_usd', 'latency_ms_sum', 'ttfb_count', 'ttfb_ms_sum'];
const HISTOGRAM_COLUMNS = ['latency_hist', 'ttfb_hist'];

const histogramLiteral = (counts: readonly number[]) => (counts.length === 0 ? null : `{${counts.join(',')}}`);

/** Column, Postgres array type of its upsert parameter, and the row's value, in parameter order. */
const UPSERT_PARAMETERS: ReadonlyArray<readonly [string, string, (row: RollupRow) => unknown]> = [
  ['bucket', 'timestamptz', (row) => new Date(row.bucket).toISOString()],
  ['workspace_id', 'uuid', (row) => row.workspaceId],
  ['api_key_id', 'uuid', (row) => row.apiKeyId],
  ['route_name', 'text', (row) => row.routeName],
  ['prompt_api_id', 'uuid', (row) => row.promptApiId],
  ['provider', 'text', (row) => row.provider],
  ['target', 'text', (row) => row.target],
  ['endpoint', 'text', (row) => row.endpoint],
  ['status_class', 'smallint', (row) => row.statusClass],
  ['error_class', 'text', (row) => row.errorClass],
  ['requests', 'bigint', (row) => row.requests],
  ['cache_hits', 'bigint', (row) => row.cacheHits],
  ['unpriced', 'bigint', (row) => row.unpriced],
  ['prompt_tokens', 'bigint', (row) => row.promptTokens],
  ['completion_tokens', 'bigint', (row) => row.completionTokens],
  ['cached_tokens', 'bigint', (row) => row.cachedTokens],
  ['reasoning_tokens', 'bigint', (row) => row.reasoningTokens],
  ['cost_nano_usd', 'bigint', (row) => row.costNanoUsd],
  ['latency_ms_sum', 'double precision', (row) => row.latencyMsSum],
  ['latency_hist', 'text', (row) => histogramLiteral(row.latencyHist)],
  ['ttfb_count', 'bigint', (row) => row.ttfbCount],
  ['ttfb_ms_sum', 'double precision', (row) => row.ttfbMsSum],
  ['ttfb_hist', 'text', (row) => histogramLiteral(row.ttfbHist)],
];
const UPSERT_COLUMN_ORDER = UPSERT_PARAMETERS.map(([column]) => column);

/**
 * One statement per grain: the batch's rows (already summed per key and sorted) are added to
 * the stored ones. Rows are processed in parameter order (`ORDER BY ord`), so concurrent writers
 * lock shared rows in the same order.
 */
export function upsertStatement(grain: Grain, rows: readonly RollupRow[]): { sql: string; parameters: unknown[] } {
  const columns = UPSERT_COLUMN_ORDER;
  const arrays = UPSERT_PARAMETERS.map(([, type], i) => `$${i + 1}::${type}[]`);
  const selected = columns.map((column) => (HISTOGRAM_COLUMNS.includes(column) ? `u.${column}::integer[]` : `u.${column}`));
  const updates = [
    ...COUNTER_COLUMNS.map((column) => `${column} = t.${column} + EXCLUDED.${column}`),
    ...HISTOGRAM_COLUMNS.map((column) => `${column} = analytics_int_array_add(t.${column}, EXCLUDED.${column})`),
  ];
  const sql = `
    INSERT INTO ${rollupTable(grain)} AS t (${columns.join(', ')})
    SELECT ${selected.join(', ')}
    FROM unnest(${arrays.join(', ')}) WITH ORDINALITY AS u(${columns.join(', ')}, ord)
    ORDER BY u.ord
    ON CONFLICT (${KEY_COLUMNS.join(', ')}) DO UPDATE SET ${updates.join(', ')}`;
  return { sql, parameters: UPSERT_PARAMETERS.map(([, , value]) => rows.map(value)) };
}

/** Recomputes `grain` rows for [$1, $2) from `call_logs`, the same sums the writer's batches add up to. */
export function rebuildSql(grain: Grain): string {
  return `
    INSERT INTO ${rollupTable(grain)} (${UPSERT_COLUMN_ORDER.join(', ')})
    SELECT date_trunc('${grain}', started_at, 'UTC'), workspace_id, api_key_id, route_name, prompt_api_id, provider, target,
      endpoint, (status / 100)::smallint, error_class,
      count(*), count(*) FILTER (WHERE cache_hit), count(*) FILTER (WHERE cost_nano_usd IS NULL),
      sum(prompt_tokens), sum(completion_tokens), sum(cached_tokens), sum(reasoning_tokens), coalesce(sum(cost_nano_usd), 0),
      sum(latency_ms), analytics_hist_agg(analytics_latency_bucket(latency_ms)),
      count(ttfb_ms), coalesce(sum(ttfb_ms), 0), analytics_hist_agg(analytics_latency_bucket(ttfb_ms))
    FROM call_logs
    WHERE started_at >= $1 AND started_at < $2 AND workspace_id IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`;
}

/** Element-wise sum of a histogram column over the grouped rows, as one bigint[] (NULL where no row reaches). */
export function histogramSum(column: 'latency_hist' | 'ttfb_hist'): string {
  return `ARRAY[${Array.from({ length: HISTOGRAM_BUCKETS }, (_, i) => `sum(${column}[${i + 1}])`).join(', ')}]`;
}

/** The counters every read sums, named as `RollupSums` expects them. */
export const SUMS = `
  sum(requests)::float8 AS requests,
  coalesce(sum(requests) FILTER (WHERE error_class IS NOT NULL), 0)::float8 AS errors,
  sum(cache_hits)::float8 AS cache_hits,
  sum(unpriced)::float8 AS unpriced,
  sum(prompt_tokens)::float8 AS prompt_tokens,
  sum(completion_tokens)::float8 AS completion_tokens,
  sum(cached_tokens)::float8 AS cached_tokens,
  sum(reasoning_tokens)::float8 AS reasoning_tokens,
  sum(cost_nano_usd)::text AS cost_nano_usd,
  sum(latency_ms_sum) AS latency_ms_sum,
  sum(ttfb_count)::float8 AS ttfb_count,
  sum(ttfb_ms_sum) AS ttfb_ms_sum`;

export const HISTOGRAM_SUMS = `${histogramSum('latency_hist')} AS latency_hist, ${histogramSum('ttfb_hist')} AS ttfb_hist`;

const READ_COLUMNS = [...KEY_COLUMNS, ...COUNTER_COLUMNS, ...HISTOGRAM_COLUMNS].join(', ');

/**
 * The rollup rows of one workspace over `segments` (each from its grain's table), as one
 * derived table `r`. `workspaceParameter` is the `$n` holding the workspace id; the segment
 * bounds are appended to `parameters`.
 */
export function segmentsSource(segments: readonly Segment[], workspaceParameter: string, parameters: unknown[]): string {
  const parts = segments.map((segment) => {
    parameters.push(new Date(segment.from).toISOString(), new Date(segment.to).toISOString());
    const [from, to] = [`$${parameters.length - 1}`, `$${parameters.length}`];
    return `SELECT ${READ_COLUMNS} FROM ${rollupTable(segment.grain)} WHERE workspace_id = ${workspaceParameter} AND bucket >= ${from} AND bucket < ${to}`;
  });
  if (parts.length === 0) parts.push(`SELECT ${READ_COLUMNS} FROM ${rollupTable('day')} WHERE false`);
  return `(${parts.join(' UNION ALL ')}) AS r`;
}
