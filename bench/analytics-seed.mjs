// Seeds the analytics benchmark database: workspaces, service accounts, API keys, daily call-log
// partitions, and `rows` call-log rows over the last `days` days, generated inside Postgres
// (INSERT … SELECT FROM generate_series, one day per statement, two sessions in parallel).
import pg from 'pg';

const DAY_MS = 86_400_000;

// provider plugin, target, upstream model, nano-USD per prompt / completion token, typical latency (ms)
const MODELS = [
  ['provider-openai', 'openai/gpt-4o-mini', 'gpt-4o-mini', 150, 600, 700],
  ['provider-openai', 'openai/gpt-4o', 'gpt-4o', 2500, 10000, 1400],
  ['provider-anthropic', 'anthropic/claude-sonnet-4', 'claude-sonnet-4', 3000, 15000, 2200],
  ['provider-anthropic', 'anthropic/claude-haiku-3.5', 'claude-3-5-haiku', 800, 4000, 900],
  ['provider-gemini', 'gemini/gemini-2.0-flash', 'gemini-2.0-flash', 100, 400, 600],
  ['provider-openai-compatible', 'groq/llama-3.3-70b', 'llama-3.3-70b-versatile', 590, 790, 400],
  ['provider-openai', 'openai/o3-mini', 'o3-mini', 1100, 4400, 6000],
  ['provider-mock', 'mock/mock-chat', 'mock-chat', 1000, 2000, 5],
];

// cumulative probability → status, error class, wire code
const OUTCOMES = [
  [0.0, 0.015, 429, 'rate_limited', 'rate_limit_exceeded'],
  [0.015, 0.022, 502, 'upstream_error', 'upstream_error'],
  [0.022, 0.025, 504, 'upstream_timeout', 'upstream_timeout'],
  [0.025, 0.03, 400, 'invalid_request', 'invalid_request_error'],
  [0.03, 0.032, 200, 'client_closed', null],
  [0.032, 1.01, 200, null, null],
];

/** Workspaces (the first one is Portico's own), 4 + 3×2 service accounts, 60 keys; returns the heaviest workspace's id. */
async function seedOwners(client) {
  const [{ id: mainWorkspace }] = (await client.query(`SELECT id FROM workspaces ORDER BY created_at LIMIT 1`)).rows;
  const [{ id: adminUser }] = (await client.query(`SELECT id FROM users ORDER BY created_at LIMIT 1`)).rows;
  const workspaces = [mainWorkspace];
  for (const slug of ['bench-search', 'bench-support', 'bench-labs']) {
    workspaces.push((await client.query(`INSERT INTO workspaces (slug, name) VALUES ($1, $1) RETURNING id`, [slug])).rows[0].id);
  }
  const keys = [];
  for (const [index, workspaceId] of workspaces.entries()) {
    const teams = index === 0 ? ['checkout', 'search-ranking', 'support-bot', 'data-science'] : ['team-a', 'team-b'];
    const accounts = [];
    for (const team of teams) {
      accounts.push((await client.query(`INSERT INTO service_accounts (workspace_id, name, role) VALUES ($1, $2, 'developer') RETURNING id`, [workspaceId, team])).rows[0].id);
    }
    const count = index === 0 ? 24 : 12;
    for (let i = 0; i < count; i++) {
      const byUser = index === 0 && i % 6 === 5;
      const { rows } = await client.query(
        `INSERT INTO api_keys (workspace_id, public_id, key_hash, name, owner_type, owner_id, scopes)
         VALUES ($1, $2, gen_random_bytes(32), $3, $4, $5, '["invoke:*"]') RETURNING id`,
        [workspaceId, `bench${String(keys.length).padStart(7, '0')}`, `bench key ${keys.length}`, byUser ? 'user' : 'service_account', byUser ? adminUser : accounts[i % accounts.length]],
      );
      keys.push({ id: rows[0].id, workspaceId });
    }
  }
  return { mainWorkspace, keys };
}

async function createLookupTables(client, keys) {
  await client.query(`CREATE TEMP TABLE bench_models (no int, provider text, target text, model text, in_nano bigint, out_nano bigint, base_ms float8)`);
  for (const [index, model] of MODELS.entries()) await client.query(`INSERT INTO bench_models VALUES ($1, $2, $3, $4, $5, $6, $7)`, [index + 1, ...model]);
  await client.query(`CREATE TEMP TABLE bench_outcomes (lo float8, hi float8, status smallint, error_class text, error_code text)`);
  for (const outcome of OUTCOMES) await client.query(`INSERT INTO bench_outcomes VALUES ($1, $2, $3, $4, $5)`, outcome);
  // Each key has a home model (and uses two neighbours sometimes), an endpoint, maybe a route and a prompt API.
  await client.query(`CREATE TEMP TABLE bench_keys (no int, id uuid, workspace_id uuid, home_model int, endpoint text, route text, prompt_api uuid)`);
  for (const [index, key] of keys.entries()) {
    await client.query(`INSERT INTO bench_keys VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      index + 1,
      key.id,
      key.workspaceId,
      index % MODELS.length,
      index % 4 === 3 ? 'messages' : index % 9 === 4 ? 'embeddings' : 'chat.completions',
      index % 3 === 0 ? `route-${index % 5}` : null,
      index % 7 === 2 ? `00000000-0000-4000-8000-${String(index).padStart(12, '0')}` : null,
    ]);
  }
}

const INSERT_DAY = `
  INSERT INTO call_logs (call_id, started_at, request_id, workspace_id, api_key_id, endpoint, requested_model, route_name, prompt_api_id,
    provider, target, model, stream, status, error_class, error_code, prompt_tokens, completion_tokens, cached_tokens, reasoning_tokens,
    tokens_estimated, cost_nano_usd, latency_ms, ttfb_ms, cache_hit)
  SELECT gen_random_uuid(), s.at, 'bench-' || s.g, k.workspace_id, k.id, k.endpoint, coalesce(k.route, m.target), k.route, k.prompt_api,
    m.provider, m.target, m.model, s.stream, o.status, o.error_class, o.error_code, s.pt, s.ct, s.cached,
    CASE WHEN m.model = 'o3-mini' THEN s.ct / 2 ELSE 0 END, false,
    CASE WHEN s.r_unpriced < 0.01 THEN NULL ELSE s.pt * m.in_nano + s.ct * m.out_nano END,
    CASE WHEN s.cache_hit THEN 0.3 + 3 * s.r_ttfb ELSE m.base_ms * exp(0.6 * s.normal) END,
    CASE WHEN s.stream THEN m.base_ms * exp(0.6 * s.normal) * (0.05 + 0.2 * s.r_ttfb) END,
    s.cache_hit
  FROM (
    SELECT g,
      $1::timestamptz + (random() * $2) * interval '1 millisecond' AS at,
      least($3::int, 1 + floor($3 * power(random(), 1.7))::int) AS key_no,
      random() AS r_model, random() AS r_outcome, random() AS r_unpriced, random() AS r_ttfb,
      random() < 0.4 AS stream, random() < 0.04 AS cache_hit,
      50 + floor(random() * 2000)::int AS pt, floor(random() * 800)::int AS ct, floor(random() * 300)::int AS cached,
      sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS normal
    FROM generate_series(1, $4::int) AS g
  ) s
  JOIN bench_keys k ON k.no = s.key_no
  JOIN bench_models m ON m.no = 1 + (k.home_model + CASE WHEN s.r_model < 0.75 THEN 0 WHEN s.r_model < 0.93 THEN 1 ELSE 2 END) % ${MODELS.length}
  JOIN bench_outcomes o ON s.r_outcome >= o.lo AND s.r_outcome < o.hi`;

const utcDay = (at) => Math.floor(at / DAY_MS) * DAY_MS;
const partitionName = (day) => `call_logs_p${new Date(day).toISOString().slice(0, 10).replace(/-/g, '')}`;

/**
 * Seeds `rows` calls over [now - days, now) into the database at `url`; resolves with the
 * heaviest workspace, the seeded range and the insert rate.
 */
export async function seedCalls(url, { rows, days, log }) {
  const end = Date.now();
  const start = end - days * DAY_MS;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  let owners;
  try {
    for (let day = utcDay(start); day <= utcDay(end); day += DAY_MS) {
      await admin.query(
        `CREATE TABLE IF NOT EXISTS ${partitionName(day)} PARTITION OF call_logs FOR VALUES FROM ('${new Date(day).toISOString()}') TO ('${new Date(day + DAY_MS).toISOString()}')`,
      );
    }
    owners = await seedOwners(admin);
  } finally {
    await admin.end();
  }
  const chunks = Array.from({ length: days }, (_, i) => ({ index: i, from: start + i * DAY_MS, count: Math.floor(rows / days) + (i < rows % days ? 1 : 0) }));
  const began = Date.now();
  let inserted = 0;
  const worker = async () => {
    const client = new pg.Client({ connectionString: url, application_name: 'bench-analytics-seed' });
    await client.connect();
    try {
      await client.query(`SET synchronous_commit = off`);
      await createLookupTables(client, owners.keys);
      for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
        await client.query(`SELECT setseed($1)`, [(chunk.index + 1) / (days + 1)]);
        const { rowCount } = await client.query(INSERT_DAY, [new Date(chunk.from).toISOString(), DAY_MS, owners.keys.length, chunk.count]);
        inserted += rowCount;
        log(`seeded ${inserted.toLocaleString('en')} / ${rows.toLocaleString('en')} call-log rows (${Math.round(inserted / ((Date.now() - began) / 1000)).toLocaleString('en')} rows/s)`);
      }
    } finally {
      await client.end();
    }
  };
  await Promise.all([worker(), worker()]);
  return { mainWorkspace: owners.mainWorkspace, start, end, inserted, seconds: (Date.now() - began) / 1000 };
}
