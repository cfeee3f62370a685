import type { Grain, Segment } from './grains';
import { HISTOGRAM_BUCKETS } from './histogram';
import type { Counters, Facet, FacetRow, RollupRow } from './rollup-rows';

/** SQL text shared by the analytics repository: tables, upserts, rebuilds and the sums read back. */

export const rollupTable = (grain: Grain): string => `analytics_rollups_${grain}`;
export const facetTable = (grain: Grain): string => `analytics_facets_${grain}`;

/** Dashboard dimensions and the rollup column behind each (facets carry the same names). */
export const DIMENSION_COLUMNS = {
  model: 'target',
  apiKey: 'api_key_id',
  route: 'route_name',
  promptApi: 'prompt_api_id',
  provider: 'provider',
  endpoint: 'endpoint',
} as const satisfies Partial<Record<Facet, string>>;
export type Dimension = keyof typeof DIMENSION_COLUMNS;
export const DIMENSIONS = Object.keys(DIMENSION_COLUMNS) as Dimension[];

type Parameter<Row> = readonly [column: string, type: string, value: (row: Row) => unknown];

const histogramLiteral = (counts: readonly number[]) => (counts.length === 0 ? null : `{${counts.join(',')}}`);
const iso = (at: number) => new Date(at).toISOString();

const COUNTER_PARAMETERS: ReadonlyArray<Parameter<Counters>> = [
  ['requests', 'bigint', (row) => row.requests],
  ['errors', 'bigint', (row) => row.errors],
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
const HISTOGRAM_COLUMNS = ['latency_hist', 'ttfb_hist'];
export const COUNTER_COLUMNS = COUNTER_PARAMETERS.map(([column]) => column);

const ROLLUP_KEY: ReadonlyArray<Parameter<RollupRow>> = [
  ['workspace_id', 'uuid', (row) => row.workspaceId],
  ['bucket', 'timestamptz', (row) => iso(row.bucket)],
  ['api_key_id', 'uuid', (row) => row.apiKeyId],
  ['route_name', 'text', (row) => row.routeName],
  ['prompt_api_id', 'uuid', (row) => row.promptApiId],
  ['provider', 'text', (row) => row.provider],
  ['target', 'text', (row) => row.target],
  ['endpoint', 'text', (row) => row.endpoint],
  ['status_class', 'smallint', (row) => row.statusClass],
  ['error_class', 'text', (row) => row.errorClass],
];

const FACET_KEY: ReadonlyArray<Parameter<FacetRow>> = [
  ['workspace_id', 'uuid', (row) => row.workspaceId],
  ['facet', 'text', (row) => row.facet],
  ['bucket', 'timestamptz', (row) => iso(row.bucket)],
  ['value', 'text', (row) => row.value],
];

export const ROLLUP_KEY_COLUMNS = ROLLUP_KEY.map(([column]) => column);

/**
 * One statement adds the batch's rows (summed per key, sorted) to the stored ones. Rows are
 * processed in parameter order (`ORDER BY ord`), so concurrent writers lock shared rows alike.
 */
function upsert<Row extends Counters>(table: string, key: ReadonlyArray<Parameter<Row>>, rows: readonly Row[]): { sql: string; parameters: unknown[] } {
  const all = [...key, ...(COUNTER_PARAMETERS as ReadonlyArray<Parameter<Row>>)];
  const columns = all.map(([column]) => column);
  const selected = columns.map((column) => (HISTOGRAM_COLUMNS.includes(column) ? `u.${column}::integer[]` : `u.${column}`));
  const updates = COUNTER_COLUMNS.map((column) =>
    HISTOGRAM_COLUMNS.includes(column) ? `${column} = analytics_int_array_add(t.${column}, EXCLUDED.${column})` : `${column} = t.${column} + EXCLUDED.${column}`,
  );
  const sql = `
    INSERT INTO ${table} AS t (${columns.join(', ')})
    SELECT ${selected.join(', ')}
    FROM unnest(${all.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')}) WITH ORDINALITY AS u(${columns.join(', ')}, ord)
    ORDER BY u.ord
    ON CONFLICT (${key.map(([column]) => column).join(', ')}) DO UPDATE SET ${updates.join(', ')}`;
  return { sql, parameters: all.map(([, , value]) => rows.map(value)) };
}

export const upsertRollups = (grain: Grain, rows: readonly RollupRow[]) => upsert(rollupTable(grain), ROLLUP_KEY, rows);
export const upsertFacets = (grain: Grain, rows: readonly FacetRow[]) => upsert(facetTable(grain), FACET_KEY, rows);

/** Recomputes `grain` rollups for [$1, $2) from `call_logs`: the same sums the writer's batches add up to. */
export function rebuildRollupsSql(grain: Grain): string {
  return `
    INSERT INTO ${rollupTable(grain)} (${[...ROLLUP_KEY_COLUMNS, ...COUNTER_COLUMNS].join(', ')})
    SELECT workspace_id, date_trunc('${grain}', started_at, 'UTC'), api_key_id, route_name, prompt_api_id, provider, target,
      endpoint, (status / 100)::smallint, error_class,
      count(*), count(*) FILTER (WHERE error_class IS NOT NULL), count(*) FILTER (WHERE cache_hit), count(*) FILTER (WHERE cost_nano_usd IS NULL),
      sum(prompt_tokens), sum(completion_tokens), sum(cached_tokens), sum(reasoning_tokens), coalesce(sum(cost_nano_usd), 0),
      sum(latency_ms), analytics_hist_agg(analytics_latency_bucket(latency_ms)),
      count(ttfb_ms), coalesce(sum(ttfb_ms), 0), analytics_hist_agg(analytics_latency_bucket(ttfb_ms))
    FROM call_logs
    WHERE started_at >= $1 AND started_at < $2 AND workspace_id IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`;
}

/** Element-wise sum of a histogram column over grouped rows, as bigint[] (NULL where no row reaches). */
export function histogramSum(column: HistogramColumn): string {
  return `ARRAY[${Array.from({ length: HISTOGRAM_BUCKETS }, (_, i) => `sum(${column}[${i + 1}])`).join(', ')}]`;
}

/** The same sum as a stored histogram: cut at the longest input, which leaves no NULL and no trailing zero. */
const storedHistogramSum = (column: HistogramColumn) => `(${histogramSum(column)})[1:max(array_length(${column}, 1))]::integer[]`;

const FACET_COLUMN: Record<Facet, string> = { ...DIMENSION_COLUMNS, errorClass: 'error_class' };

/** Recomputes `grain` facets for [$1, $2) from the rollups of the same grain, every facet in one pass (grouping sets). */
export function rebuildFacetsSql(grain: Grain): string {
  const facets = Object.entries(FACET_COLUMN);
  const facet = `CASE ${facets.map(([name, column]) => `WHEN GROUPING(${column}) = 0 THEN '${name}'`).join(' ')} END`;
  const value = `coalesce(CASE ${facets.map(([, column]) => `WHEN GROUPING(${column}) = 0 THEN ${column}::text`).join(' ')} END, '')`;
  const sums = COUNTER_COLUMNS.map((column) => (HISTOGRAM_COLUMNS.includes(column) ? storedHistogramSum(column as HistogramColumn) : `sum(${column})`));
  return `
    INSERT INTO ${facetTable(grain)} (workspace_id, facet, bucket, value, ${COUNTER_COLUMNS.join(', ')})
    SELECT workspace_id, ${facet}, bucket, ${value}, ${sums.join(', ')}
    FROM ${rollupTable(grain)}
    WHERE bucket >= $1 AND bucket < $2
    GROUP BY workspace_id, bucket, GROUPING SETS (${facets.map(([, column]) => `(${column})`).join(', ')})`;
}

/** The counters every read sums, named as the repository's `toSums` expects them. */
export const SUMS = `
  sum(requests)::float8 AS requests,
  sum(errors)::float8 AS errors,
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

export type HistogramColumn = 'latency_hist' | 'ttfb_hist';

/**
 * Element-wise sums of the given histogram columns, named after them, as comma-separated text
 * cut at the longest input (no NULL, no trailing zero): each costs ~82 sums per row, so ask only
 * for what is shown, and text parses several times faster in Node than a Postgres array.
 */
export function histogramSums(columns: readonly HistogramColumn[] = ['latency_hist', 'ttfb_hist']): string {
  return columns.map((column) => `, array_to_string((${histogramSum(column)})[1:max(array_length(${column}, 1))], ',') AS ${column}`).join('');
}

/** The counter columns without the histograms: what reads that show no percentile need. */
export const SCALAR_COUNTERS = COUNTER_COLUMNS.filter((column) => !HISTOGRAM_COLUMNS.includes(column));

/**
 * The rows of one workspace over `segments` (each from its grain's table), as one derived table
 * `r` of `columns`. `filter` narrows each part (e.g. `facet = $2`); the segment bounds are
 * appended to `parameters`.
 */
export function segmentsSource(
  table: (grain: Grain) => string,
  segments: readonly Segment[],
  filter: string,
  columns: readonly string[],
  parameters: unknown[],
): string {
  const selected = columns.join(', ');
  const parts = segments.map((segment) => {
    parameters.push(iso(segment.from), iso(segment.to));
    return `SELECT ${selected} FROM ${table(segment.grain)} WHERE ${filter} AND bucket >= $${parameters.length - 1} AND bucket < $${parameters.length}`;
  });
  if (parts.length === 0) parts.push(`SELECT ${selected} FROM ${table('day')} WHERE false`);
  return `(${parts.join(' UNION ALL ')}) AS r`;
}
