import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AnalyticsRollups1763860200000 } from '../../migrations/1763860200000-analytics-rollups';
import { AnalyticsRepository } from '../../src/audit/analytics/analytics.repository';
import { CallRollups } from '../../src/audit/analytics/call-rollups';
import { decompose, GRAINS, type Grain, MINUTE_RETENTION_MS } from '../../src/audit/analytics/grains';
import { bucketOf, HISTOGRAM_RESOLUTION, HISTOGRAM_THRESHOLDS_MS, percentile } from '../../src/audit/analytics/histogram';
import { type Counters, type FacetRow, facetsOf, facetSortKey, rollUp, type RollupRow, rollupSortKey } from '../../src/audit/analytics/rollup-rows';
import { insertCallLogs, makeCall, seededRandom } from '../../src/audit/analytics/testing/call-fixtures';
import type { CallRecord } from '../../src/audit/call-records/call-record';
import { connectDataSource } from '../../src/database/data-source';
import { runPendingMigrations } from '../../src/database/migration-runner';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const KEYS = ['aaaaaaaa-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000002', 'aaaaaaaa-0000-4000-8000-000000000003'];
const TARGETS = [
  ['provider-openai', 'openai/gpt-4o-mini'],
  ['provider-anthropic', 'anthropic/claude-sonnet'],
  ['provider-mock', 'mock/mock-chat'],
] as const;

/** `count` varied calls of `workspaceId` from `start` over `spanMs`; latencies are multiples of 1/4 ms so float sums are exact in any order. */
function generateCalls(workspaceId: string, count: number, start: number, spanMs: number, seed = 1): CallRecord[] {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  return Array.from({ length: count }, () => {
    const [provider, target] = pick(TARGETS);
    const failed = next() < 0.1;
    const stream = next() < 0.4;
    return makeCall({
      workspaceId,
      apiKeyId: pick([...KEYS, null]),
      routeName: pick(['chat-default', null]),
      provider,
      target,
      endpoint: pick(['chat.completions', 'messages'] as const),
      status: failed ? pick([429, 502]) : 200,
      errorClass: failed ? pick(['rate_limited', 'upstream_error'] as const) : null,
      promptTokens: Math.floor(next() * 1_000),
      completionTokens: Math.floor(next() * 500),
      cachedTokens: Math.floor(next() * 100),
      reasoningTokens: Math.floor(next() * 50),
      costNanoUsd: next() < 0.05 ? null : Math.floor(next() * 5_000_000),
      cacheHit: next() < 0.1,
      stream,
      startedAt: new Date(start + Math.floor(next() * spanMs)),
      latencyMs: Math.round(Math.exp(Math.log(900) + 1.2 * (next() + next() + next() - 1.5)) * 4) / 4,
      ttfbMs: stream ? Math.round(next() * 800 * 4) / 4 : null,
    });
  });
}

describe('analytics rollups on a real Postgres', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let repository: AnalyticsRepository;
  let rollups: CallRollups;
  let ws: string;
  let otherWs: string;
  const hourAgo = () => Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000;

  const apply = (source: DataSource, records: readonly CallRecord[]) => source.transaction((manager) => new CallRollups(new AnalyticsRepository(source)).applyBatch(manager, records));

  const counters = (row: Record<string, any>): Counters => ({
    requests: Number(row.requests),
    errors: Number(row.errors),
    cacheHits: Number(row.cache_hits),
    unpriced: Number(row.unpriced),
    promptTokens: Number(row.prompt_tokens),
    completionTokens: Number(row.completion_tokens),
    cachedTokens: Number(row.cached_tokens),
    reasoningTokens: Number(row.reasoning_tokens),
    costNanoUsd: Number(row.cost_nano_usd),
    latencyMsSum: row.latency_ms_sum,
    latencyHist: row.latency_hist,
    ttfbCount: Number(row.ttfb_count),
    ttfbMsSum: row.ttfb_ms_sum,
    ttfbHist: row.ttfb_hist ?? [],
  });

  async function storedRows(grain: Grain): Promise<RollupRow[]> {
    const rows: Record<string, any>[] = await dataSource.query(`SELECT * FROM analytics_rollups_${grain}`);
    return rows
      .map(
        (row): RollupRow => ({
          bucket: row.bucket.getTime(),
          workspaceId: row.workspace_id,
          apiKeyId: row.api_key_id,
          routeName: row.route_name,
          promptApiId: row.prompt_api_id,
          provider: row.provider,
          target: row.target,
          endpoint: row.endpoint,
          statusClass: row.status_class,
          errorClass: row.error_class,
          ...counters(row),
        }),
      )
      .sort((a, b) => (rollupSortKey(a) < rollupSortKey(b) ? -1 : 1));
  }

  async function storedFacets(grain: Grain): Promise<FacetRow[]> {
    const rows: Record<string, any>[] = await dataSource.query(`SELECT * FROM analytics_facets_${grain}`);
    return rows
      .map((row): FacetRow => ({ bucket: row.bucket.getTime(), workspaceId: row.workspace_id, facet: row.facet, value: row.value, ...counters(row) }))
      .sort((a, b) => (facetSortKey(a) < facetSortKey(b) ? -1 : 1));
  }

  /** Rollups and facets of every grain, as stored. */
  const stored = () => Promise.all(GRAINS.flatMap((grain) => [storedRows(grain), storedFacets(grain)]));
  /** What they must be after `calls`, computed in memory. */
  const expected = (calls: readonly CallRecord[]) => GRAINS.flatMap((grain) => [rollUp(calls, grain), facetsOf(calls, grain)]);

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await connectDataSource({ url: database.url, poolSize: 4 });
    await runPendingMigrations(dataSource);
    [{ id: ws }] = await dataSource.query(`INSERT INTO workspaces (slug, name) VALUES ('a', 'A') RETURNING id`);
    [{ id: otherWs }] = await dataSource.query(`INSERT INTO workspaces (slug, name) VALUES ('b', 'B') RETURNING id`);
    repository = new AnalyticsRepository(dataSource);
    rollups = new CallRollups(repository);
  });
  beforeEach(async () => {
    await dataSource.query(`TRUNCATE call_logs, analytics_rollups_minute, analytics_rollups_hour, analytics_rollups_day, analytics_facets_minute, analytics_facets_hour, analytics_facets_day`);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('buckets latencies in SQL exactly as in JavaScript, thresholds included', async () => {
    const next = seededRandom(3);
    const values = [0, 0.5, ...HISTOGRAM_THRESHOLDS_MS, ...HISTOGRAM_THRESHOLDS_MS.map((t) => t * 0.999_999_999), ...Array.from({ length: 500 }, () => next() * 2e6)];
    const rows: { bucket: number }[] = await dataSource.query(`SELECT analytics_latency_bucket(v) AS bucket FROM unnest($1::float8[]) WITH ORDINALITY AS u(v, i) ORDER BY i`, [values]);
    expect(rows.map((row) => row.bucket)).toEqual(values.map(bucketOf));
  });

  it('adds element-wise arrays of different lengths, null standing for none', async () => {
    const [row] = await dataSource.query(
      `SELECT analytics_int_array_add('{1,2}', '{3,0,5}') AS a, analytics_int_array_add(NULL, '{4}') AS b, analytics_int_array_add(NULL, NULL) AS c`,
    );
    expect(row).toEqual({ a: [4, 2, 5], b: [4], c: null });
  });

  it('adds batches up: two overlapping batches leave the rows one batch of both would', async () => {
    const calls = generateCalls(ws, 1_500, hourAgo(), 2 * 3_600_000);
    await apply(dataSource, calls.filter((_, i) => i % 2 === 0));
    await apply(dataSource, calls.filter((_, i) => i % 2 === 1));
    expect(await stored()).toEqual(expected(calls));
    const [{ sum }] = await dataSource.query(`SELECT sum(requests)::int AS sum FROM analytics_rollups_hour`);
    expect(sum).toBe(1_500);
  });

  it('rebuilds from call_logs exactly the rows the batches added up to', async () => {
    const start = hourAgo() - 26 * 3_600_000;
    const calls = [...generateCalls(ws, 3_000, start, 27 * 3_600_000, 5), ...generateCalls(otherWs, 500, start, 27 * 3_600_000, 6)];
    calls.push(makeCall({ workspaceId: null, startedAt: new Date(start), status: 401, errorClass: 'authentication' }));
    await insertCallLogs(dataSource, calls);
    await apply(dataSource, calls);
    const applied = await stored();
    expect(applied).toEqual(expected(calls));

    await dataSource.query(`UPDATE analytics_rollups_hour SET requests = requests + 7`);
    await dataSource.query(`UPDATE analytics_facets_day SET latency_hist = '{1}'`);
    await dataSource.query(`DELETE FROM analytics_rollups_minute WHERE bucket < $1`, [new Date(start + 3_600_000)]);
    await dataSource.query(`DELETE FROM analytics_facets_minute WHERE bucket < $1`, [new Date(start + 3_600_000)]);
    const result = await rollups.rebuildRollups(new Date(start), new Date(Date.now() + 1));
    expect(result.days).toBeGreaterThanOrEqual(2);
    expect(await stored()).toEqual(applied);
  });

  it('stays exact with concurrent writers on two pools (shared rows, no deadlock)', async () => {
    const otherPool = await connectDataSource({ url: database.url, poolSize: 4 });
    try {
      // Few keys inside 2 minutes: every batch touches most of the same rows.
      const calls = generateCalls(ws, 4_000, hourAgo(), 2 * 60_000, 9);
      const batches = Array.from({ length: 40 }, (_, i) => calls.slice(i * 100, (i + 1) * 100).reverse());
      const outcomes = await Promise.allSettled(batches.map((batch, i) => apply(i % 2 === 0 ? dataSource : otherPool, batch)));
      expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
      expect(await stored()).toEqual(expected(calls));
    } finally {
      await otherPool.destroy();
    }
  });

  it('reads percentiles from rollups within one histogram bucket of the exact percentiles of the calls', async () => {
    const start = hourAgo() - 47 * 3_600_000;
    const calls = generateCalls(ws, 6_000, start, 48 * 3_600_000, 11);
    await insertCallLogs(dataSource, calls);
    await apply(dataSource, calls);
    const now = Date.now();
    const ranges = [
      [start, now],
      [start + 7 * 60_000 + 13_000, start + 30 * 3_600_000 + 41 * 60_000],
      [now - 5 * 3_600_000 - 17 * 60_000, now],
    ];
    for (const [from, to] of ranges) {
      const coverage = decompose(from, to, now);
      const totals = await repository.facetTotals(ws, coverage.segments, 'model');
      const exact: { target: string; n: number; p50: number; p95: number; p99: number }[] = await dataSource.query(
        `SELECT target, count(*)::int AS n,
           percentile_disc(0.5) WITHIN GROUP (ORDER BY latency_ms) AS p50,
           percentile_disc(0.95) WITHIN GROUP (ORDER BY latency_ms) AS p95,
           percentile_disc(0.99) WITHIN GROUP (ORDER BY latency_ms) AS p99
         FROM call_logs WHERE workspace_id = $1 AND started_at >= $2 AND started_at < $3 GROUP BY target ORDER BY target`,
        [ws, new Date(coverage.from), new Date(coverage.to)],
      );
      expect(totals.map((row) => [row.group, row.requests]).sort()).toEqual(exact.map((row) => [row.target, row.n]));
      for (const row of exact) {
        const histogram = totals.find((total) => total.group === row.target)!.latencyHist!;
        for (const [quantile, value] of [[0.5, row.p50], [0.95, row.p95], [0.99, row.p99]]) {
          const estimate = percentile(histogram, quantile)!;
          expect(Math.max(estimate / value, value / estimate)).toBeLessThanOrEqual(HISTOGRAM_RESOLUTION);
        }
      }
    }
  });

  it("never reads another workspace's rows", async () => {
    const calls = generateCalls(otherWs, 200, hourAgo(), 3_600_000);
    await apply(dataSource, calls);
    const now = Date.now();
    const day = decompose(now - 86_400_000, now, now).segments;
    expect(await repository.facetTotals(ws, day, 'errorClass')).toEqual([]);
    expect(await repository.ranked(ws, day, 'model', 'requests', 10)).toEqual([]);
    expect(await repository.series(ws, 'hour', now - 86_400_000, now, { histograms: ['latency_hist'] })).toEqual([]);
    const [other] = await repository.ranked(otherWs, day, 'apiKey', 'cost', 10);
    expect(other.requests).toBeGreaterThan(0);
    expect((await repository.facetTotals(otherWs, day, 'endpoint')).reduce((sum, row) => sum + row.requests, 0)).toBe(200);
  });

  it('prunes minute rollups past their retention and keeps hours and days', async () => {
    const old = Date.now() - MINUTE_RETENTION_MS - 2 * 3_600_000;
    await apply(dataSource, [...generateCalls(ws, 50, old, 60_000, 2), ...generateCalls(ws, 50, hourAgo(), 60_000, 3)]);
    const deleted = await repository.pruneMinutes(Date.now() - MINUTE_RETENTION_MS, 3);
    expect(deleted).toBeGreaterThan(3);
    const [counts] = await dataSource.query(
      `SELECT (SELECT count(*) FROM analytics_rollups_minute WHERE bucket < $1)::int AS old_minutes,
              (SELECT count(*) FROM analytics_rollups_minute)::int AS minutes,
              (SELECT count(*) FROM analytics_facets_minute WHERE bucket < $1)::int AS old_facets,
              (SELECT sum(requests) FROM analytics_rollups_hour)::int AS hour_requests`,
      [new Date(Date.now() - MINUTE_RETENTION_MS)],
    );
    expect(counts.old_minutes).toBe(0);
    expect(counts.old_facets).toBe(0);
    expect(counts.minutes).toBeGreaterThan(0);
    expect(counts.hour_requests).toBe(100);
  });

  it('migrates down and up again', async () => {
    const migration = new AnalyticsRollups1763860200000();
    const queryRunner = dataSource.createQueryRunner();
    try {
      await migration.down(queryRunner);
      expect(await dataSource.query(`SELECT to_regclass('analytics_rollups_hour') AS t`)).toEqual([{ t: null }]);
      await migration.up(queryRunner);
      expect(await dataSource.query(`SELECT to_regclass('analytics_rollups_hour')::text AS t`)).toEqual([{ t: 'analytics_rollups_hour' }]);
    } finally {
      await queryRunner.release();
    }
  });
});
