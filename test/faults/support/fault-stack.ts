import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Redis from 'ioredis';
import { EmbeddedDatabase } from '../../../src/database/embedded-database';
import { startFakeOpenAI, type FakeBehaviour, type FakeOpenAI, type RecordedRequest } from '../../support/fakes/openai-upstream';
import { REPO_ROOT, spawnPortico, type PorticoProcess } from '../../support/portico-process';
import { findFreePort } from '../../support/ports';
import { withClient } from '../../support/test-database';
import { buildFaultyGuard } from './guard-build';
import { RedisServer } from './redis-server';

export const FAULT_KEY = 'faults-bootstrap-key-0123456789abcdefghij';
/** The route alias the load calls: one target on the fake upstream, short timeouts, one retry. */
export const FAULT_ROUTE = 'faults';
export const ROUTE_POLICY = {
  retriesPerTarget: 1,
  maxAttempts: 2,
  backoffBaseMs: 50,
  backoffMaxMs: 200,
  maxRetryAfterSeconds: 1,
  timeouts: { connectMs: 1_000, firstByteMs: 1_500, totalMs: 5_000 },
};
export const BREAKER_COOLDOWN_MS = 2_000;

/**
 * The build the suite runs: `dist/` unless PORTICO_FAULTS_DIST names a copy of it inside the repository
 * (e.g. under node_modules/.cache, so packages resolve), for machines where others rebuild dist/ meanwhile.
 */
export const DIST_DIR = resolve(REPO_ROOT, process.env.PORTICO_FAULTS_DIST ?? 'dist');

export type UpstreamMode = (request: RecordedRequest) => FakeBehaviour;
const healthy: UpstreamMode = () => ({ kind: 'ok' });

/**
 * Everything a fault scenario may break, each private to the suite: an embedded Postgres on its own
 * port and data folder, a redis-server on its own port, a fake OpenAI upstream, and the built Portico
 * (`node dist/src/main.js`) in its own process, configured with one route and one rate-limit rule.
 */
export class FaultStack {
  portico!: PorticoProcess;
  workspaceId!: string;
  accountId!: string;
  budgetId!: string;
  private mode: UpstreamMode = healthy;
  private readonly dirs: string[] = [];

  private constructor(
    readonly postgres: EmbeddedDatabase,
    readonly databaseUrl: string,
    readonly redis: RedisServer,
    readonly upstream: FakeOpenAI,
    readonly baseUrl: string,
    private readonly env: Record<string, string>,
    readonly spillDir: string,
  ) {
    upstream.setScript((request) => this.mode(request));
  }

  static async start(): Promise<FaultStack> {
    const dirs = [tempDir('portico-faults-pg-'), tempDir('portico-faults-data-'), tempDir('portico-faults-plugins-')];
    const postgres = new EmbeddedDatabase({ dataDir: dirs[0], port: await findFreePort() });
    const databaseUrl = await postgres.start();
    const redis = new RedisServer(await findFreePort());
    await redis.start();
    const upstream = await startFakeOpenAI({ chunkDelayMs: 2 });
    const port = await findFreePort();
    const env = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      PORTICO_DATA_DIR: dirs[1],
      PORTICO_BOOTSTRAP_API_KEY: FAULT_KEY,
      PORTICO_ADMIN_PASSWORD: 'faults-admin-password',
      PORTICO_LOG_LEVEL: 'error',
      PORTICO_CALL_LOG_FLUSH_MS: '100',
      PORTICO_BREAKER_COOLDOWN_MS: String(BREAKER_COOLDOWN_MS),
      PORTICO_PLUGINS: `provider-mock,provider-openai,${buildFaultyGuard(dirs[2], DIST_DIR)}`,
    };
    const stack = new FaultStack(postgres, databaseUrl, redis, upstream, `http://127.0.0.1:${port}`, env, join(dirs[1], 'call-log-spill'));
    stack.dirs.push(...dirs);
    await stack.startPortico();
    await stack.configure();
    return stack;
  }

  /** What the fake upstream does with each request from now on. */
  setUpstream(mode: UpstreamMode): void {
    this.mode = mode;
  }

  healUpstream(): void {
    this.mode = healthy;
  }

  async startPortico(): Promise<number> {
    this.portico = spawnPortico(this.env, join(DIST_DIR, 'src/main.js'));
    return this.portico.waitForReady(this.baseUrl, 60_000);
  }

  async admin(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<{ status: number; json: any }> {
    const response = await fetch(`${this.baseUrl}/admin/workspaces/${this.workspaceId}${path}`, {
      method,
      headers: { authorization: `Bearer ${FAULT_KEY}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : undefined };
  }

  /** Sum of a Prometheus metric's samples. */
  async metric(name: string): Promise<number> {
    const text = await (await fetch(`${this.baseUrl}/metrics`)).text();
    return text
      .split('\n')
      .filter((line) => line.startsWith(`${name} `) || line.startsWith(`${name}{`))
      .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
  }

  /** The request ids of the call-log rows whose id starts with `prefix-` (duplicates kept). */
  callLogRequestIds(prefix: string): Promise<string[]> {
    return withClient(this.databaseUrl, (client) => client.query(`SELECT request_id FROM call_logs WHERE starts_with(request_id, $1)`, [`${prefix}-`])).then((result) =>
      result.rows.map((row: { request_id: string }) => row.request_id),
    );
  }

  /**
   * Waits until the writer has flushed (and replayed its spill) for this prefix: the row count reaches
   * `expected` and no spill file waits, then stays put for a moment so late duplicates would show.
   */
  async settledRows(prefix: string, expected: number, timeoutMs = 60_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    let rows: string[] = [];
    while (Date.now() < deadline) {
      rows = await this.callLogRequestIds(prefix).catch(() => rows);
      if (rows.length >= expected && this.spillFiles().length === 0) break;
      await sleep(250);
    }
    await sleep(500);
    return this.callLogRequestIds(prefix);
  }

  /**
   * What the calls still hold once nobody is calling: the workspace budget's reserved USD (admin API)
   * and the unexpired concurrency leases in Redis (the counter store's `cc:` sorted sets, scored by expiry).
   */
  async heldWhenIdle(): Promise<{ reservedUsd: number; spentUsd: number; leases: number }> {
    const budget = await this.admin('GET', `/budgets/${this.budgetId}`);
    const redis = new Redis(this.redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, found] = await redis.scan(cursor, 'MATCH', 'portico:limits:cc:*', 'COUNT', 1000);
        cursor = next;
        keys.push(...found);
      } while (cursor !== '0');
      let leases = 0;
      for (const key of keys) leases += await redis.zcount(key, `(${Date.now()}`, '+inf');
      return { reservedUsd: budget.json.consumption.reservedUsd, spentUsd: budget.json.consumption.spentUsd, leases };
    } finally {
      redis.disconnect();
    }
  }

  spillFiles(): string[] {
    try {
      return readdirSync(this.spillDir).filter((name) => name.startsWith('spill-'));
    } catch {
      return [];
    }
  }

  rejectedFiles(): string[] {
    try {
      return readdirSync(this.spillDir).filter((name) => name.endsWith('.rejected.jsonl'));
    } catch {
      return [];
    }
  }

  async close(): Promise<void> {
    await this.portico?.stop('SIGKILL').catch(() => undefined);
    await this.upstream.close().catch(() => undefined);
    await this.redis.stop().catch(() => undefined);
    await this.postgres.stop().catch(() => undefined);
    for (const dir of this.dirs) rmSync(dir, { recursive: true, force: true });
  }

  private async configure(): Promise<void> {
    const rows = await withClient(this.databaseUrl, (client) => client.query(`SELECT id FROM workspaces ORDER BY created_at LIMIT 1`));
    this.workspaceId = rows.rows[0].id;
    const account = await this.admin('POST', '/provider-accounts', { name: 'fake', pluginId: 'provider-openai', credential: 'sk-fake-upstream', baseUrl: this.upstream.baseUrl });
    if (account.status !== 201) throw new Error(`binding the fake upstream failed: ${account.status} ${JSON.stringify(account.json)}`);
    this.accountId = account.json.id;
    const route = await this.admin('POST', '/routes', { alias: FAULT_ROUTE, policy: ROUTE_POLICY, targets: [{ providerAccountId: this.accountId, model: 'gpt-4o-mini' }] });
    if (route.status !== 201) throw new Error(`creating the route failed: ${route.status} ${JSON.stringify(route.json)}`);
    // A limit and a budget every call passes, so each call takes a concurrency lease and a budget
    // reservation in the shared (Redis) counters: a fault must not leak either.
    const limit = await this.admin('POST', '/rate-limits', { name: 'faults ceiling', requestsPerMinute: 1_000_000, tokensPerMinute: 1_000_000_000, concurrentRequests: 100_000 });
    if (limit.status !== 201) throw new Error(`creating the rate limit failed: ${limit.status} ${JSON.stringify(limit.json)}`);
    const budget = await this.admin('POST', '/budgets', { scope: 'workspace', period: 'total', limitUsd: 1_000 });
    if (budget.status !== 201) throw new Error(`creating the budget failed: ${budget.status} ${JSON.stringify(budget.json)}`);
    this.budgetId = budget.json.id;
    await this.waitForRoute();
  }

  /** Snapshots refresh through LISTEN/NOTIFY: wait until the route answers. */
  private async waitForRoute(): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const response = await fetch(`${this.baseUrl}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${FAULT_KEY}`, 'content-type': 'application/json', 'x-request-id': `warmup-${Date.now()}` },
        body: JSON.stringify({ model: FAULT_ROUTE, messages: [{ role: 'user', content: 'warm up' }] }),
      });
      await response.arrayBuffer();
      if (response.status === 200) return;
      await sleep(200);
    }
    throw new Error(`route ${FAULT_ROUTE} did not answer 200 within 20 s`);
  }
}

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  // Under root the embedded Postgres runs as the postgres user, which must reach its folder.
  chmodSync(dir, 0o755);
  return dir;
}
