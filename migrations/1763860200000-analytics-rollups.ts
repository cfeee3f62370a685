import type { MigrationInterface, QueryRunner } from 'typeorm';

const GRAINS = ['minute', 'hour', 'day'] as const;

/**
 * Frozen copy of the latency histogram's thresholds (src/audit/analytics/histogram.ts):
 * 2^(i/4) ms for i = 0..80. Changing the layout needs a new migration that rewrites the rollups.
 */
const THRESHOLDS = Array.from({ length: 81 }, (_, i) => 2 ** (i / 4));

const COUNTERS = `
  requests bigint NOT NULL,
  errors bigint NOT NULL,
  cache_hits bigint NOT NULL,
  unpriced bigint NOT NULL,
  prompt_tokens bigint NOT NULL,
  completion_tokens bigint NOT NULL,
  cached_tokens bigint NOT NULL,
  reasoning_tokens bigint NOT NULL,
  cost_nano_usd bigint NOT NULL,
  latency_ms_sum double precision NOT NULL,
  latency_hist integer[] NOT NULL,
  ttfb_count bigint NOT NULL,
  ttfb_ms_sum double precision NOT NULL,
  ttfb_hist integer[]`;

/**
 * Analytics rollups (#6). `analytics_rollups_{minute,hour,day}`: one row per UTC bucket and key
 * (workspace, API key, route, prompt API, provider, target, endpoint, status class, error class)
 * with counters, token and cost sums, and log-scale latency / TTFB histograms (int[], trailing
 * zero buckets left out). `analytics_facets_{minute,hour,day}`: the same counters per bucket and
 * one dimension's value, so time series and percentiles read few rows at any volume.
 * The call-log writer upserts both in the transaction that inserts the calls, so they always
 * equal `call_logs`. Nullable key columns are part of a NULLS NOT DISTINCT unique index, the
 * upserts' conflict target. `fillfactor` leaves room for HOT updates: every batch rewrites rows.
 */
export class AnalyticsRollups1763860200000 implements MigrationInterface {
  name = 'AnalyticsRollups1763860200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Element-wise sum of two histograms (NULL: none, a shorter one: zeros beyond its end). Adds the
    // shorter into the longer in place: in plpgsql about 3x faster than unnest/array_agg in SQL,
    // and every upsert that meets an existing row calls it twice.
    await queryRunner.query(`
      CREATE FUNCTION analytics_int_array_add(a integer[], b integer[]) RETURNS integer[]
      LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
      DECLARE
        longer integer[];
        shorter integer[];
      BEGIN
        IF a IS NULL THEN
          RETURN b;
        END IF;
        IF b IS NULL THEN
          RETURN a;
        END IF;
        IF cardinality(a) >= cardinality(b) THEN
          longer := a;
          shorter := b;
        ELSE
          longer := b;
          shorter := a;
        END IF;
        FOR i IN 1..cardinality(shorter) LOOP
          longer[i] := longer[i] + shorter[i];
        END LOOP;
        RETURN longer;
      END
      $$
    `);
    await queryRunner.query(`
      CREATE FUNCTION analytics_latency_bucket(ms double precision) RETURNS integer
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT width_bucket(ms, '{${THRESHOLDS.join(',')}}'::double precision[])
      $$
    `);
    // Histogram of bucket indexes (0-based), for rebuilding rollups from call_logs in SQL.
    await queryRunner.query(`
      CREATE FUNCTION analytics_hist_accum(state integer[], bucket integer) RETURNS integer[]
      LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
      BEGIN
        IF bucket IS NULL THEN
          RETURN state;
        END IF;
        IF state IS NULL THEN
          state := ARRAY[0];
        END IF;
        state[bucket + 1] := coalesce(state[bucket + 1], 0) + 1;
        RETURN state;
      END
      $$
    `);
    await queryRunner.query(`
      CREATE FUNCTION analytics_hist_finish(state integer[]) RETURNS integer[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT array_replace(state, NULL, 0) $$
    `);
    await queryRunner.query(`
      CREATE AGGREGATE analytics_hist_agg(integer) (
        SFUNC = analytics_hist_accum, STYPE = integer[], FINALFUNC = analytics_hist_finish
      )
    `);
    for (const grain of GRAINS) {
      await queryRunner.query(`
        CREATE TABLE analytics_rollups_${grain} (
          bucket timestamptz NOT NULL,
          workspace_id uuid NOT NULL,
          api_key_id uuid,
          route_name text,
          prompt_api_id uuid,
          provider text,
          target text,
          endpoint text NOT NULL,
          status_class smallint NOT NULL,
          error_class text,
          ${COUNTERS}
        ) WITH (fillfactor = 80)
      `);
      await queryRunner.query(`
        CREATE UNIQUE INDEX analytics_rollups_${grain}_key ON analytics_rollups_${grain}
          (workspace_id, bucket, api_key_id, route_name, prompt_api_id, provider, target, endpoint, status_class, error_class)
          NULLS NOT DISTINCT
      `);
      await queryRunner.query(`
        CREATE TABLE analytics_facets_${grain} (
          workspace_id uuid NOT NULL,
          facet text NOT NULL,
          bucket timestamptz NOT NULL,
          value text NOT NULL,
          ${COUNTERS},
          CONSTRAINT analytics_facets_${grain}_pkey PRIMARY KEY (workspace_id, facet, bucket, value),
          CONSTRAINT analytics_facets_${grain}_facet_check CHECK (facet IN ('model', 'apiKey', 'route', 'promptApi', 'provider', 'endpoint', 'errorClass'))
        ) WITH (fillfactor = 80)
      `);
    }
    // Retention deletes old minute rows by time alone.
    await queryRunner.query(`CREATE INDEX analytics_rollups_minute_bucket_idx ON analytics_rollups_minute (bucket)`);
    await queryRunner.query(`CREATE INDEX analytics_facets_minute_bucket_idx ON analytics_facets_minute (bucket)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const grain of [...GRAINS].reverse()) await queryRunner.query(`DROP TABLE analytics_facets_${grain}, analytics_rollups_${grain}`);
    await queryRunner.query(`DROP AGGREGATE analytics_hist_agg(integer)`);
    await queryRunner.query(`DROP FUNCTION analytics_hist_finish(integer[])`);
    await queryRunner.query(`DROP FUNCTION analytics_hist_accum(integer[], integer)`);
    await queryRunner.query(`DROP FUNCTION analytics_latency_bucket(double precision)`);
    await queryRunner.query(`DROP FUNCTION analytics_int_array_add(integer[], integer[])`);
  }
}
