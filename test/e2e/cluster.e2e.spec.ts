import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootFailure, spawnPortico, type PorticoProcess } from '../support/portico-process';
import { findFreePort } from '../support/ports';
import { createTestDatabase, withClient, type TestDatabase } from '../support/test-database';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const BOOTSTRAP_KEY = `e2e-cluster-${randomBytes(8).toString('hex')}`;
const PROPAGATION_BUDGET_MS = 1000;
const METRICS_TOKEN = `metrics-${randomBytes(12).toString('hex')}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Answer {
  status: number;
  worker?: string;
  body: Record<string, unknown>;
}

/**
 * One request on a connection of its own: the cluster hands out connections round-robin, so
 * consecutive calls alternate between workers (a pooled keep-alive client would stick to one).
 */
function call(base: string, method: string, path: string, key: string, body?: unknown): Promise<Answer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      {
        method,
        agent: false,
        headers: { authorization: `Bearer ${key}`, connection: 'close', ...(payload && { 'content-type': 'application/json' }) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let json: Record<string, unknown> = {};
          try {
            json = JSON.parse(text) as Record<string, unknown>;
          } catch {
            // not JSON (e.g. the metrics text)
          }
          resolve({ status: res.statusCode ?? 0, worker: res.headers['x-portico-worker'] as string | undefined, body: json });
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error(`${method} ${path}: no answer within 10 s`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** `/readyz` answers as soon as one worker listens; the primary says when all of them do. */
async function waitForCluster(portico: PorticoProcess, base: string, timeoutMs: number): Promise<number> {
  const started = Date.now();
  await portico.waitForReady(base, timeoutMs);
  while (!portico.stdout().includes('"msg":"Portico is listening (cluster mode)"')) {
    if (Date.now() - started > timeoutMs || portico.child.exitCode !== null) throw new Error(`cluster not up: ${portico.stderr()}`);
    await sleep(50);
  }
  return Date.now() - started;
}

const chatBody = (content: string) => ({ model: 'mock/mock-chat', messages: [{ role: 'user', content }] });

/** `node dist/src/main.js` with PORTICO_WORKERS=2 on the machine's Postgres and Redis. */
describe('cluster mode: two workers behind one port', () => {
  let database: TestDatabase;
  let portico: PorticoProcess;
  let base: string;
  let dataDir: string;
  let workspaceId: string;
  let metricsPort: number;

  const admin = async (method: string, path: string, body?: unknown) => {
    const answer = await call(base, method, path, BOOTSTRAP_KEY, body);
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const newKey = async (name: string): Promise<{ id: string; key: string }> => {
    const account = await admin('POST', `/admin/workspaces/${workspaceId}/service-accounts`, { name, role: 'developer' });
    const key = await admin('POST', `/admin/workspaces/${workspaceId}/api-keys`, { name, owner: { type: 'service_account', id: account.id }, scopes: ['invoke:*'] });
    return { id: key.id as string, key: key.key as string };
  };
  /** A round of fresh-connection calls; the statuses each worker answered. */
  const round = async (key: string, calls = 6) => {
    const answers = await Promise.all(Array.from({ length: calls }, () => call(base, 'GET', '/v1/models', key)));
    const byWorker = new Map<string, Set<number>>();
    for (const answer of answers) byWorker.set(answer.worker ?? '?', (byWorker.get(answer.worker ?? '?') ?? new Set()).add(answer.status));
    return byWorker;
  };
  /** True once both workers answered in a round, every answer with `status`. */
  const everyWorkerAnswers = async (key: string, status: number) => {
    const byWorker = await round(key);
    return byWorker.size === 2 && [...byWorker.values()].every((statuses) => statuses.size === 1 && statuses.has(status));
  };
  const waitUntil = async (condition: () => Promise<boolean>, timeoutMs: number) => {
    const started = Date.now();
    while (!(await condition())) {
      if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
      await sleep(5);
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'portico-cluster-'));
    const port = await findFreePort();
    metricsPort = await findFreePort();
    base = `http://127.0.0.1:${port}`;
    portico = spawnPortico({
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
      REDIS_URL,
      PORTICO_WORKERS: '2',
      PORTICO_EXPOSE_WORKER_ID: 'true',
      PORTICO_CLUSTER_METRICS_PORT: String(metricsPort),
      PORTICO_METRICS_TOKEN: METRICS_TOKEN,
      PORTICO_MASTER_KEY: randomBytes(32).toString('base64'),
      PORTICO_DATA_DIR: dataDir,
      PORTICO_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY,
      PORTICO_ADMIN_PASSWORD: 'test-admin-password-123',
      PORTICO_LOG_LEVEL: 'info',
    });
    const readyMs = await waitForCluster(portico, base, 60_000);
    console.info(`[cluster] 2 workers ready after ${readyMs} ms`);
    const rows = await withClient(database.url, (client) => client.query<{ workspace_id: string }>(`SELECT workspace_id FROM api_keys LIMIT 1`));
    workspaceId = rows.rows[0]!.workspace_id;
    // One mock-chat call costs exactly $0.001 here, whatever its tokens.
    await admin('POST', `/admin/workspaces/${workspaceId}/prices`, { pluginId: 'provider-mock', model: 'mock-chat', inputPerMTok: 0, outputPerMTok: 0, perRequest: 0.001 });
  }, 120_000);

  afterAll(async () => {
    await portico?.stop('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  });

  it('the primary set up the database once: one first-run banner, migrations applied once', async () => {
    expect(portico.stdout().match(/Portico first run: created workspace/g)).toHaveLength(1);
    const logLines = portico.stdout().split('\n').filter((line) => line.startsWith('{'));
    const listening = logLines.filter((line) => line.includes('"msg":"worker listening"'));
    expect(listening).toHaveLength(2);
    expect(logLines.filter((line) => line.includes('"msg":"migrations applied"'))).toHaveLength(1);
    const migrations = await withClient(database.url, (client) => client.query<{ n: string; d: string }>(`SELECT count(*) AS n, count(DISTINCT name) AS d FROM portico_migrations`));
    expect(migrations.rows[0]!.n).toBe(migrations.rows[0]!.d);
  });

  it('serves admin and data-plane requests from both workers', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => call(base, 'POST', '/v1/chat/completions', BOOTSTRAP_KEY, chatBody(`spread ${i}`))));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    const workers = new Set(answers.map((answer) => answer.worker));
    const admins = await Promise.all(Array.from({ length: 6 }, () => call(base, 'GET', `/admin/workspaces/${workspaceId}/api-keys`, BOOTSTRAP_KEY)));
    console.info(`[cluster] 20 chat calls answered by workers ${[...workers].join(', ')}`);
    expect(workers.size).toBe(2);
    expect(admins.every((answer) => answer.status === 200)).toBe(true);
    expect(new Set(admins.map((answer) => answer.worker)).size).toBe(2);
  });

  it('the primary serves the metrics of both workers in one scrape, behind the metrics token', async () => {
    const scrape = async () => {
      const response = await fetch(`http://127.0.0.1:${metricsPort}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(response.status).toBe(200);
      return response.text();
    };
    const chatCalls = (text: string) =>
      text
        .split('\n')
        .filter((line) => line.startsWith('portico_requests_total{') && line.includes('endpoint="chat.completions"'))
        .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
    const before = await scrape();
    expect(before).toContain('portico_cluster_workers 2\n');
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => call(base, 'POST', '/v1/chat/completions', BOOTSTRAP_KEY, chatBody(`metered ${i}`))));
    expect(new Set(answers.map((answer) => answer.worker)).size).toBe(2);
    const after = await scrape();
    expect(chatCalls(after) - chatCalls(before)).toBe(10);
    const refused = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('PORTICO_ERR_UNAUTHENTICATED');
    expect((await fetch(`http://127.0.0.1:${metricsPort}/admin`)).status).toBe(404);
  });

  it('a key revoked through one worker is refused by every worker within 1 s', async () => {
    const { id, key } = await newKey('revoked-in-cluster');
    await waitUntil(() => everyWorkerAnswers(key, 200), 3_000);
    const started = performance.now();
    const revoked = await call(base, 'POST', `/admin/workspaces/${workspaceId}/api-keys/${id}/revoke`, BOOTSTRAP_KEY, {});
    expect(revoked.status).toBe(200);
    await waitUntil(() => everyWorkerAnswers(key, 401), 3_000);
    const elapsed = performance.now() - started;
    console.info(`[cluster] revocation through worker ${revoked.worker} refused by both workers after ${elapsed.toFixed(1)} ms (revoke request included)`);
    expect(elapsed).toBeLessThan(PROPAGATION_BUDGET_MS);
  });

  it('a budget for 10 requests lets at most 10 of 100 concurrent requests through, across both workers', async () => {
    const team = await newKey('budgeted-in-cluster');
    await admin('POST', `/admin/workspaces/${workspaceId}/budgets`, { scope: 'api_key', scopeId: team.id, period: 'day', limitUsd: 0.01 });
    await sleep(1_000); // the budget reaches both workers' snapshots (LISTEN/NOTIFY)
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => call(base, 'POST', '/v1/chat/completions', team.key, chatBody(`budget ${i}`))));
    const ok = answers.filter((answer) => answer.status === 200).length;
    const refused = answers.filter((answer) => answer.status === 429 && (answer.body.error as { code?: string } | undefined)?.code === 'budget_exceeded').length;
    const workers = new Set(answers.map((answer) => answer.worker));
    console.info(`[cluster] budget for 10, 100 concurrent calls over workers ${[...workers].join(', ')}: ${ok} succeeded, ${refused} refused with budget_exceeded`);
    expect(workers.size).toBe(2);
    expect(ok).toBeLessThanOrEqual(10);
    expect(ok).toBeGreaterThanOrEqual(9);
    expect(ok + refused).toBe(100);
  });

  it('a worker that dies is replaced and the port keeps answering', async () => {
    const before = new Set((await Promise.all(Array.from({ length: 6 }, () => call(base, 'GET', '/healthz', BOOTSTRAP_KEY)))).map((answer) => answer.worker));
    const pids = portico.stdout().split('\n').flatMap((line) => /"msg":"worker listening"/.test(line) ? [JSON.parse(line) as { worker: number; pid: number }] : []);
    const victim = pids.find((entry) => before.has(String(entry.worker)))!;
    process.kill(victim.pid, 'SIGKILL');
    const started = Date.now();
    // A connection the primary hands to a worker in the instant it dies is lost with it (node:cluster
    // round-robin); once the primary has seen the exit, only the survivor gets connections.
    await waitUntil(async () => portico.stdout().includes('"msg":"worker died; restarting it"'), 5_000);
    // While the replacement boots, the surviving worker takes every connection.
    const during = await Promise.all(Array.from({ length: 6 }, () => call(base, 'GET', '/healthz', BOOTSTRAP_KEY)));
    expect(during.every((answer) => answer.status === 200)).toBe(true);
    await waitUntil(async () => {
      const answers = await Promise.all(Array.from({ length: 6 }, () => call(base, 'GET', '/healthz', BOOTSTRAP_KEY)));
      const workers = new Set(answers.map((answer) => answer.worker));
      return workers.size === 2 && !workers.has(String(victim.worker));
    }, 30_000);
    console.info(`[cluster] worker ${victim.worker} killed; its replacement answered after ${Date.now() - started} ms`);
    expect(portico.stdout()).toContain('"msg":"worker died; restarting it"');
  }, 60_000);

  it('SIGTERM drains both workers and exits 0, with one call-log row per answered request', async () => {
    const { id, key } = await newKey('drained-in-cluster');
    await waitUntil(() => everyWorkerAnswers(key, 200), 3_000);
    let answered = 0;
    let failed = 0;
    // Calls of 150 ms each keep arriving, so some are in flight on both workers when SIGTERM lands.
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < 60; i++) {
      inFlight.push(
        call(base, 'POST', '/v1/chat/completions', key, chatBody(`drain ${i} [mock:latency=150]`)).then(
          (answer) => void (answer.status === 200 ? answered++ : failed++),
          () => void failed++,
        ),
      );
      if (i === 40) portico.child.kill('SIGTERM');
      await sleep(10);
    }
    const code = await portico.exited;
    await Promise.all(inFlight);
    const rows = await withClient(database.url, (client) => client.query<{ n: string }>(`SELECT count(*) AS n FROM call_logs WHERE api_key_id = $1`, [id]));
    const logged = Number(rows.rows[0]!.n);
    console.info(`[cluster] SIGTERM: exit ${code}; ${answered} answered, ${failed} refused at the socket (closed listener), ${logged} call-log rows`);
    expect(code).toBe(0);
    // The rounds of GET /v1/models that proved the key worked are data-plane calls too.
    const probes = await withClient(database.url, (client) =>
      client.query<{ n: string }>(`SELECT count(*) AS n FROM call_logs WHERE api_key_id = $1 AND endpoint <> 'chat.completions'`, [id]),
    );
    expect(logged - Number(probes.rows[0]!.n)).toBe(answered);
    expect(answered).toBeGreaterThanOrEqual(30);
    expect(portico.stdout()).toContain('"msg":"shutdown complete"');
  }, 60_000);
});

describe('cluster mode configuration', () => {
  it('several workers without REDIS_URL refuse to start, naming both variables', async () => {
    const { code, stderr } = await bootFailure({ PORTICO_WORKERS: '2', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres' });
    expect(code).toBe(1);
    expect(stderr).toContain('PORTICO_ERR_CONFIG_INVALID');
    expect(stderr).toContain('REDIS_URL');
  });

  it('a worker that cannot boot (a broken plugin) stops the whole cluster with exit 1 and both coded lines', async () => {
    const database = await createTestDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'portico-cluster-broken-'));
    try {
      const { code, stderr } = await bootFailure({
        PORTICO_WORKERS: '2',
        REDIS_URL,
        DATABASE_URL: database.url,
        PORTICO_DATA_DIR: dataDir,
        PORTICO_MASTER_KEY: randomBytes(32).toString('base64'),
        PORTICO_PLUGINS: 'provider-mock,./test/fixtures/plugins/broken-manifest',
        PORTICO_LOG_LEVEL: 'warn',
      });
      expect(code).toBe(1);
      expect(stderr).toContain('PORTICO_ERR_PLUGIN_MANIFEST_INVALID');
      expect(stderr).toContain('PORTICO_ERR_WORKER_BOOT_FAILED');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      await database.drop();
    }
  });

  it('an invalid worker count is refused at boot', async () => {
    const { code, stderr } = await bootFailure({ PORTICO_WORKERS: 'lots', REDIS_URL });
    expect(code).toBe(1);
    expect(stderr).toContain('PORTICO_WORKERS must be "auto" or an integer from 1 to 256');
  });
});

describe('cluster mode on the embedded database', () => {
  it('the primary starts the embedded PostgreSQL once, both workers use it, and SIGTERM stops it all with exit 0', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'portico-cluster-embedded-'));
    const port = await findFreePort();
    const dbPort = await findFreePort();
    const base = `http://127.0.0.1:${port}`;
    const portico = spawnPortico({
      PORT: String(port),
      HOST: '127.0.0.1',
      REDIS_URL,
      PORTICO_WORKERS: '2',
      PORTICO_EXPOSE_WORKER_ID: 'true',
      PORTICO_DATA_DIR: dataDir,
      PORTICO_EMBEDDED_DB_PORT: String(dbPort),
      PORTICO_LOG_LEVEL: 'info',
    });
    try {
      await waitForCluster(portico, base, 90_000);
      const generatedKey = /admin API key:\s+(\S+)/.exec(portico.stdout())?.[1];
      expect(generatedKey).toBeDefined();
      expect(portico.stdout().match(/Portico first run/g)).toHaveLength(1);
      expect(portico.stdout().match(/"msg":"embedded PostgreSQL started"/g)).toHaveLength(1);
      const answers = await Promise.all(Array.from({ length: 8 }, () => call(base, 'GET', '/v1/models', generatedKey!)));
      expect(answers.every((answer) => answer.status === 200)).toBe(true);
      expect(new Set(answers.map((answer) => answer.worker)).size).toBe(2);
    } finally {
      expect(await portico.stop('SIGTERM')).toBe(0);
      rmSync(dataDir, { recursive: true, force: true });
    }
    // The embedded server went down with the primary: its port is free again.
    expect(await isListening(dbPort)).toBe(false);
  }, 120_000);
});

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Two independent Portico processes (no cluster) on one Postgres and Redis, as behind a load
 * balancer. Budgets and rate limits across two processes are proven by limits-two-processes.e2e.spec.ts,
 * and the change bus by api-keys-replicas.e2e.spec.ts (two apps in one process); this adds a
 * revocation between real processes and a drain of both with exact call-log counts.
 */
describe('two independent Portico processes behind a load balancer', () => {
  let database: TestDatabase;
  const processes: PorticoProcess[] = [];
  const bases: string[] = [];
  const dirs: string[] = [];
  let workspaceId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const masterKey = randomBytes(32).toString('base64');
    for (let i = 0; i < 2; i++) {
      const port = await findFreePort();
      dirs.push(mkdtempSync(join(tmpdir(), 'portico-lb-')));
      bases.push(`http://127.0.0.1:${port}`);
      processes.push(
        spawnPortico({
          PORT: String(port),
          HOST: '127.0.0.1',
          DATABASE_URL: database.url,
          REDIS_URL,
          PORTICO_MASTER_KEY: masterKey,
          PORTICO_DATA_DIR: dirs[i]!,
          PORTICO_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY,
          PORTICO_ADMIN_PASSWORD: 'test-admin-password-123',
          PORTICO_LOG_LEVEL: 'warn',
        }),
      );
    }
    // Started together, as a rollout would: migrations and the first run happen once (advisory locks).
    await Promise.all(processes.map((portico, i) => portico.waitForReady(bases[i]!, 90_000)));
    const rows = await withClient(database.url, (client) => client.query<{ workspace_id: string }>(`SELECT workspace_id FROM api_keys LIMIT 1`));
    workspaceId = rows.rows[0]!.workspace_id;
  }, 120_000);

  afterAll(async () => {
    await Promise.all(processes.map((portico) => portico.stop('SIGTERM')));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    await database?.drop();
  });

  const newKey = async (name: string) => {
    const account = await call(bases[0]!, 'POST', `/admin/workspaces/${workspaceId}/service-accounts`, BOOTSTRAP_KEY, { name, role: 'developer' });
    const key = await call(bases[0]!, 'POST', `/admin/workspaces/${workspaceId}/api-keys`, BOOTSTRAP_KEY, { name, owner: { type: 'service_account', id: account.body.id }, scopes: ['invoke:*'] });
    expect(key.status).toBe(201);
    return { id: key.body.id as string, key: key.body.key as string };
  };
  const statusOn = async (base: string, key: string) => (await call(base, 'GET', '/v1/models', key)).status;
  const waitFor = async (condition: () => Promise<boolean>, timeoutMs: number) => {
    const started = Date.now();
    while (!(await condition())) {
      if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
      await sleep(5);
    }
  };

  it('set the database up once although both started together', async () => {
    const banners = processes.map((portico) => portico.stdout().match(/Portico first run/g)?.length ?? 0);
    expect(banners.reduce((sum, n) => sum + n, 0)).toBe(1);
    const workspaces = await withClient(database.url, (client) => client.query<{ n: string }>(`SELECT count(*) AS n FROM workspaces`));
    expect(Number(workspaces.rows[0]!.n)).toBe(1);
    // Not a cluster worker, and the flag is off: no worker id in responses.
    expect((await call(bases[0]!, 'GET', '/healthz', BOOTSTRAP_KEY)).worker).toBeUndefined();
  });

  it('a key revoked through A is refused by B within 1 s', async () => {
    const { id, key } = await newKey('revoked-on-a');
    await waitFor(async () => (await statusOn(bases[1]!, key)) === 200, 3_000);
    const started = performance.now();
    const revoked = await call(bases[0]!, 'POST', `/admin/workspaces/${workspaceId}/api-keys/${id}/revoke`, BOOTSTRAP_KEY, {});
    expect(revoked.status).toBe(200);
    await waitFor(async () => (await statusOn(bases[1]!, key)) === 401, 3_000);
    const elapsed = performance.now() - started;
    console.info(`[two processes] revocation through A refused by B after ${elapsed.toFixed(1)} ms (revoke request included)`);
    expect(elapsed).toBeLessThan(PROPAGATION_BUDGET_MS);
  });

  it('SIGTERM to both with calls in flight: both exit 0, one call-log row per answered call', async () => {
    const { id, key } = await newKey('drained-on-both');
    await waitFor(async () => (await statusOn(bases[1]!, key)) === 200, 3_000);
    let answered = 0;
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < 40; i++) {
      inFlight.push(
        call(bases[i % 2]!, 'POST', '/v1/chat/completions', key, chatBody(`drain ${i} [mock:latency=150]`)).then(
          (answer) => void (answer.status === 200 && answered++),
          () => undefined,
        ),
      );
      if (i === 30) for (const portico of processes) portico.child.kill('SIGTERM');
      await sleep(10);
    }
    const codes = await Promise.all(processes.map((portico) => portico.exited));
    await Promise.all(inFlight);
    const rows = await withClient(database.url, (client) =>
      client.query<{ n: string }>(`SELECT count(*) AS n FROM call_logs WHERE api_key_id = $1 AND endpoint = 'chat.completions'`, [id]),
    );
    console.info(`[two processes] SIGTERM: exits ${codes.join(', ')}; ${answered} answered, ${rows.rows[0]!.n} call-log rows`);
    expect(codes).toEqual([0, 0]);
    expect(Number(rows.rows[0]!.n)).toBe(answered);
    expect(answered).toBeGreaterThanOrEqual(20);
  }, 60_000);
});
