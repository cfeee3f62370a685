// `npm run bench:analytics`: the analytics endpoints over 10 million call-log rows.
// Creates a fresh database on the Postgres server in DATABASE_URL (default: the local one), boots the built
// Portico on it (which runs the migrations), seeds call logs over ~30 days, rebuilds the rollups with
// `analytics:rebuild`, then calls each endpoint N times with varied ranges over HTTP and prints p50/p95.
// Env: BENCH_ANALYTICS_ROWS (default 10000000), BENCH_ANALYTICS_DAYS (30), BENCH_ANALYTICS_N (100 calls per endpoint),
//      BENCH_ANALYTICS_DB (reuse an already seeded database of that name: skips seeding and rebuilding),
//      BENCH_ANALYTICS_KEEP=1 (keep the database afterwards).
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { seedCalls } from './analytics-seed.mjs';
import { startPortico } from './portico.mjs';
import { installCleanup } from './processes.mjs';

const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ROWS = Number(process.env.BENCH_ANALYTICS_ROWS ?? 10_000_000);
const DAYS = Number(process.env.BENCH_ANALYTICS_DAYS ?? 30);
const CALLS = Number(process.env.BENCH_ANALYTICS_N ?? 100);
const REUSE = process.env.BENCH_ANALYTICS_DB;
const ADMIN_PASSWORD = 'bench-analytics-password-1';
// Fixed, so a kept database (BENCH_ANALYTICS_KEEP=1) boots again with BENCH_ANALYTICS_DB. It seals nothing real.
const MASTER_KEY = Buffer.alloc(32, 7).toString('base64');
const TARGET_P95_MS = 300;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const log = (message) => process.stderr.write(`bench:analytics: ${message}\n`);

function databaseUrl(name) {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer(sql) {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

async function inDatabase(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A deterministic pseudo-random source (mulberry32), so every run asks the same questions. */
function seededRandom(seed) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** `count` request paths per endpoint: ranges of 1 h to 30 days ending anywhere in the seeded span, not aligned to any grain. */
function plan(workspaceId, seeded, count) {
  const next = seededRandom(20_260_322);
  const pick = (items) => items[Math.floor(next() * items.length)];
  const range = (lengths) => {
    const length = pick(lengths);
    const to = Math.max(seeded.start + length, seeded.end - Math.floor(next() * (seeded.end - seeded.start - length)));
    return `from=${new Date(to - length).toISOString()}&to=${new Date(to).toISOString()}`;
  };
  const base = `/admin/workspaces/${workspaceId}/analytics`;
  const all = [HOUR, 6 * HOUR, DAY, 7 * DAY, 30 * DAY - HOUR];
  const endpoints = {
    summary: () => `${base}/summary?${range(all)}`,
    timeseries: () => {
      const groupBy = pick([null, 'model', 'apiKey', 'route', 'promptApi', 'provider', 'endpoint']);
      return `${base}/timeseries?${range([HOUR, 6 * HOUR, DAY, 7 * DAY, 14 * DAY, 30 * DAY - HOUR])}${groupBy ? `&groupBy=${groupBy}` : ''}`;
    },
    top: () => `${base}/top?${range(all)}&by=${pick(['apiKey', 'model', 'route', 'promptApi', 'provider'])}&metric=${pick(['cost', 'requests', 'tokens'])}`,
    chargeback: () => `${base}/chargeback.csv?${range([7 * DAY, 30 * DAY - HOUR])}&groupBy=${pick(['team', 'apiKey', 'model'])}`,
  };
  return Object.fromEntries(Object.entries(endpoints).map(([name, make]) => [name, Array.from({ length: count }, make)]));
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];

async function measure(base, headers, paths) {
  for (const path of paths.slice(0, 3)) await fetch(`${base}${path}`, { headers }).then((response) => response.arrayBuffer()); // warm-up
  const timed = [];
  for (const path of paths) {
    const began = performance.now();
    const response = await fetch(`${base}${path}`, { headers });
    await response.arrayBuffer();
    timed.push({ path, ms: performance.now() - began });
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
  }
  timed.sort((a, b) => a.ms - b.ms);
  for (const { path, ms } of timed.slice(-3)) log(`  slowest: ${ms.toFixed(0)} ms ${path.replace(/^.*\/analytics\//, '')}`);
  return timed.map(({ ms }) => ms);
}

async function prepare() {
  if (REUSE) return { name: REUSE, url: databaseUrl(REUSE), reused: true };
  const name = `portico_bench_analytics_${Date.now().toString(36)}`;
  await onServer(`CREATE DATABASE ${name}`);
  return { name, url: databaseUrl(name), reused: false };
}

async function main() {
  installCleanup();
  const database = await prepare();
  log(`database ${database.name}${database.reused ? ' (reused)' : ''}`);
  process.env.DATABASE_URL = database.url;
  process.env.PORTICO_ADMIN_PASSWORD = ADMIN_PASSWORD;
  process.env.PORTICO_MASTER_KEY = MASTER_KEY;
  process.env.PORTICO_ADMIN_EMAIL = 'bench@portico.local';
  // Both cores: this measures answer latency on a shared machine, not throughput in isolation.
  const portico = await startPortico('0,1');
  const figures = {};
  try {
    let seeded;
    if (!database.reused) {
      seeded = await seedCalls(database.url, { rows: ROWS, days: DAYS, log });
      figures.seed = `${seeded.inserted.toLocaleString('en')} rows in ${seeded.seconds.toFixed(0)} s`;
      const from = new Date(seeded.start).toISOString().slice(0, 10);
      const to = new Date(seeded.end + DAY).toISOString().slice(0, 10);
      log(`rebuilding rollups ${from} .. ${to}`);
      const began = performance.now();
      const rebuild = spawnSync(process.execPath, ['dist/src/audit/analytics/cli.js', 'rebuild', '--from', from, '--to', to], { stdio: ['ignore', 'inherit', 'inherit'] });
      if (rebuild.status !== 0) throw new Error(`analytics:rebuild failed (${rebuild.status})`);
      figures.rebuild = `${((performance.now() - began) / 1000).toFixed(0)} s`;
      await inDatabase(database.url, (client) => client.query('VACUUM ANALYZE analytics_rollups_minute, analytics_rollups_hour, analytics_rollups_day, call_logs'));
    }
    const facts = await inDatabase(database.url, async (client) => {
      const [{ id: mainWorkspace }] = (await client.query(`SELECT id FROM workspaces ORDER BY created_at LIMIT 1`)).rows;
      const count = async (table) => Number((await client.query(`SELECT count(*) FROM ${table}`)).rows[0].count);
      const span = (await client.query(`SELECT extract(epoch FROM min(started_at)) * 1000 AS start, extract(epoch FROM max(started_at)) * 1000 AS end FROM call_logs`)).rows[0];
      const share = (await client.query(`SELECT count(*) FILTER (WHERE workspace_id = $1)::float8 / count(*) AS share FROM call_logs`, [mainWorkspace])).rows[0].share;
      return { mainWorkspace, span: { start: Number(span.start), end: Number(span.end) }, share, rows: { callLogs: await count('call_logs'), minute: await count('analytics_rollups_minute'), hour: await count('analytics_rollups_hour'), day: await count('analytics_rollups_day') } };
    });
    log(`call_logs ${facts.rows.callLogs.toLocaleString('en')} rows (${(facts.share * 100).toFixed(0)} % in the measured workspace); rollups: ${facts.rows.minute.toLocaleString('en')} minute, ${facts.rows.hour.toLocaleString('en')} hour, ${facts.rows.day.toLocaleString('en')} day rows`);

    const login = await fetch(`${portico.base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench@portico.local', password: ADMIN_PASSWORD }) });
    if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const headers = { authorization: `Bearer ${(await login.json()).accessToken}` };
    const results = [];
    for (const [endpoint, paths] of Object.entries(plan(facts.mainWorkspace, facts.span, CALLS))) {
      log(`${endpoint}: ${paths.length} calls`);
      const timings = await measure(portico.base, headers, paths);
      results.push({ endpoint, calls: timings.length, p50: quantile(timings, 0.5), p95: quantile(timings, 0.95), max: timings.at(-1) });
    }
    printReport(facts, figures, results);
    if (results.some((result) => result.p95 > TARGET_P95_MS)) process.exitCode = 1;
  } finally {
    await portico.close();
    if (!database.reused && process.env.BENCH_ANALYTICS_KEEP !== '1') await onServer(`DROP DATABASE IF EXISTS ${database.name} WITH (FORCE)`);
    else log(`kept database ${database.name} (BENCH_ANALYTICS_DB=${database.name} reuses it)`);
  }
}

function printReport(facts, figures, results) {
  const lines = [
    `Analytics benchmark: ${facts.rows.callLogs.toLocaleString('en')} call-log rows over ${((facts.span.end - facts.span.start) / DAY).toFixed(1)} days`,
    `rollup rows: ${facts.rows.minute.toLocaleString('en')} minute, ${facts.rows.hour.toLocaleString('en')} hour, ${facts.rows.day.toLocaleString('en')} day; measured workspace holds ${(facts.share * 100).toFixed(0)} % of the calls`,
    ...(figures.seed ? [`seeding: ${figures.seed}; rebuilding rollups: ${figures.rebuild}`] : []),
    '',
    '| endpoint | calls | p50 ms | p95 ms | max ms |',
    '|---|---:|---:|---:|---:|',
    ...results.map((r) => `| ${r.endpoint} | ${r.calls} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.max.toFixed(1)} |`),
    '',
    results.every((r) => r.p95 <= TARGET_P95_MS) ? `p95 ≤ ${TARGET_P95_MS} ms on every endpoint: PASS` : `p95 above ${TARGET_P95_MS} ms on some endpoint: FAIL`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error) => {
  log(error.stack ?? String(error));
  process.exit(1);
});
