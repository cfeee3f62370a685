// `npm run bench:logs`: how many call-log rows per second the real CallLogWriter puts into Postgres.
// Runs against DATABASE_URL (default: the local server as postgres), in a fresh database it drops at the end.
// Env: BENCH_LOG_ROWS (default 200000 per run), PORTICO_CALL_LOG_BATCH_SIZE (default 1000), BENCH_LOG_LEVEL (writer logs), BENCH_LOG_CONCURRENCY (batches in flight, default 2 as in Portico),
// BENCH_LOG_COALESCE (queued batches per insert when behind, default 5 as in Portico).
// Two runs on the same pool as Portico's writer (2 connections, 2 batches in flight): the insert alone, and the insert
// with the analytics rollups in its transaction, which is how Portico runs.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const dist = (path) => require(new URL(`../dist/src/${path}.js`, import.meta.url).pathname);
const { Client } = require('pg');
const pino = require('pino');
const { Registry } = require('prom-client');
const { connectDataSource } = dist('database/data-source');
const { runPendingMigrations } = dist('database/migration-runner');
const { CallLogWriter } = dist('audit/call-logs/call-log-writer');
const { CallLogBatchesRepository } = dist('audit/call-logs/call-log-batches.repository');
const { CallLogSpill } = dist('audit/call-logs/call-log-spill');
const { registerCallLogMetrics } = dist('audit/call-logs/call-log-metrics');
const { CallLogPartitionMaintainer } = dist('audit/call-logs/call-log-partition-maintainer');
const { CallLogPartitionsRepository } = dist('audit/call-logs/call-log-partitions.repository');
const { CallRollups } = dist('audit/analytics/call-rollups');
const { AnalyticsRepository } = dist('audit/analytics/analytics.repository');

const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ROWS = Number(process.env.BENCH_LOG_ROWS ?? 200_000);
const BATCH_SIZE = Number(process.env.PORTICO_CALL_LOG_BATCH_SIZE ?? 1_000);
const CONCURRENCY = Number(process.env.BENCH_LOG_CONCURRENCY ?? 2);
const TARGET_ROWS_PER_S = 20_000;
const log = (message) => process.stderr.write(`bench:logs: ${message}\n`);

/** Calls as the gateway publishes them: 20 workspaces, 200 keys, a few models, 3 % errors, no bodies. */
function makeRecords(count) {
  const workspaces = Array.from({ length: 20 }, () => randomUUID());
  const keys = Array.from({ length: 200 }, () => randomUUID());
  const models = ['gpt-4o-mini', 'gpt-4o', 'claude-sonnet-4-6', 'gemini-2.5-flash', 'mock-chat'];
  const now = Date.now();
  return Array.from({ length: count }, (_, index) => {
    const failed = index % 33 === 0;
    const model = models[index % models.length];
    return {
      callId: randomUUID(),
      requestId: randomUUID(),
      traceparent: null,
      workspaceId: workspaces[index % workspaces.length],
      apiKeyId: keys[index % keys.length],
      endpoint: 'chat.completions',
      requestedModel: `acct/${model}`,
      routeName: index % 4 === 0 ? 'chat-default' : null,
      promptApiId: null,
      promptId: null,
      promptVersion: null,
      provider: 'provider-openai',
      providerAccountId: workspaces[0],
      target: `acct/${model}`,
      model,
      attempts: [{ target: `acct/${model}`, ms: 120 + (index % 50) }],
      stream: index % 2 === 0,
      status: failed ? 502 : 200,
      errorClass: failed ? 'upstream_error' : null,
      errorCode: failed ? 'upstream_error' : null,
      promptTokens: 200 + (index % 900),
      completionTokens: 50 + (index % 400),
      cachedTokens: index % 5 === 0 ? 128 : 0,
      reasoningTokens: 0,
      tokensEstimated: false,
      costNanoUsd: 150_000 + index,
      startedAt: new Date(now - (count - index) * 5),
      latencyMs: 150 + (index % 700),
      ttfbMs: index % 2 === 0 ? 80 + (index % 90) : null,
      cacheHit: false,
      guardVerdicts: [],
    };
  });
}

/** Times the observer's share of each batch (the rollups run inside the insert's transaction). */
function timed(observer) {
  const timing = { ms: 0, batches: 0 };
  if (!observer) return { observer, timing };
  return {
    timing,
    observer: {
      async applyBatch(manager, records) {
        const started = performance.now();
        await observer.applyBatch(manager, records);
        timing.ms += performance.now() - started;
        timing.batches += 1;
      },
    },
  };
}

async function run(label, dataSource, rollups) {
  const { observer, timing } = timed(rollups);
  const registry = new Registry();
  const metrics = registerCallLogMetrics(registry);
  const spillDir = mkdtempSync(join(tmpdir(), 'portico-bench-spill-'));
  const writer = new CallLogWriter(new CallLogBatchesRepository(dataSource, observer), new CallLogSpill(spillDir), metrics, pino({ level: process.env.BENCH_LOG_LEVEL ?? 'silent' }), {
    batchSize: BATCH_SIZE,
    flushMs: 250,
    queueMax: ROWS + 1,
    concurrency: CONCURRENCY,
    ...(process.env.BENCH_LOG_COALESCE && { coalesceBatches: Number(process.env.BENCH_LOG_COALESCE) }),
  });
  await writer.start();
  const records = makeRecords(ROWS);
  const started = performance.now();
  for (const record of records) writer.push(record);
  const pushedMs = performance.now() - started;
  await writer.flush();
  const seconds = (performance.now() - started) / 1_000;
  await writer.close(1_000);
  rmSync(spillDir, { recursive: true, force: true });
  const written = (await registry.getSingleMetric('portico_call_log_rows_written_total').get()).values[0].value;
  const spilled = (await registry.getSingleMetric('portico_call_log_spilled_total').get()).values[0].value;
  if (written !== ROWS || spilled !== 0) {
    const errors = (await registry.getSingleMetric('portico_call_log_write_errors_total').get()).values.map((value) => `${value.labels.reason}=${value.value}`);
    throw new Error(`${label}: wrote ${written} rows and spilled ${spilled}, expected ${ROWS} and 0 (write errors: ${errors.join(', ') || 'none'})`);
  }
  const batches = await registry.getSingleMetric('portico_call_log_batch_seconds').get();
  const sum = batches.values.find((value) => value.metricName?.endsWith('_sum'))?.value ?? 0;
  const count = batches.values.find((value) => value.metricName?.endsWith('_count'))?.value ?? 1;
  const rollupMs = timing.batches ? timing.ms / timing.batches : 0;
  return { label, rowsPerS: Math.round(ROWS / seconds), seconds, pushNs: Math.round((pushedMs * 1e6) / ROWS), batchMs: (sum / count) * 1_000, rollupMs };
}

async function main() {
  const name = `portico_bench_logs_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  let dataSource;
  try {
    const migrator = await connectDataSource({ url: url.toString(), poolSize: 2 });
    await runPendingMigrations(migrator);
    await new CallLogPartitionMaintainer(new CallLogPartitionsRepository(migrator), pino({ level: 'silent' }), { retentionDays: 30 }).runOnce();
    await migrator.destroy();
    // As in Portico: the writer's own two-connection pool.
    dataSource = await connectDataSource({ url: url.toString(), poolSize: 2, applicationName: 'portico-call-logs' });
    log(`${ROWS} rows per run, batches of ${BATCH_SIZE}, database ${name} on ${new URL(SERVER_URL).host}`);
    const results = [await run('insert only', dataSource), await run('insert + analytics rollups (as Portico runs)', dataSource, new CallRollups(new AnalyticsRepository(dataSource)))];
    const [{ total }] = await dataSource.query('SELECT count(*)::int AS total FROM call_logs');
    if (total !== ROWS * results.length) throw new Error(`call_logs holds ${total} rows, expected ${ROWS * results.length}`);
    console.log('| run | rows/s | seconds | mean batch ms | of which rollups ms | push ns/record |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const r of results) {
      console.log(`| ${r.label} | ${r.rowsPerS.toLocaleString('en-US')} | ${r.seconds.toFixed(2)} | ${r.batchMs.toFixed(1)} | ${r.rollupMs.toFixed(1)} | ${r.pushNs} |`);
    }
    console.log(`(load average ${loadavg().map((load) => load.toFixed(1)).join(' ')} on ${cpus().length} cores)`);
    const production = results.at(-1).rowsPerS;
    console.log(`\nwriter throughput: ${production.toLocaleString('en-US')} rows/s with rollups (target ≥ ${TARGET_ROWS_PER_S.toLocaleString('en-US')}): ${production >= TARGET_ROWS_PER_S ? 'met' : 'NOT met'}`);
  } finally {
    await dataSource?.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error) => {
  process.stderr.write(`bench:logs failed: ${error.stack ?? error}\n`);
  process.exit(1);
});
