import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedDatabase } from '../../src/database/embedded-database';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fakes/openai-upstream';
import { spawnPortico, type PorticoProcess } from '../support/portico-process';
import { findFreePort } from '../support/ports';
import { withClient } from '../support/test-database';

const KEY = 'e2e-call-log-loss-bootstrap-key-0123456789';
const LOAD_CLIENTS = 3;
const OUTAGE_MS = 30_000;

/**
 * Drives `/v1/chat/completions` from a few concurrent clients, each request with its own
 * `x-request-id`, and remembers exactly which ones Portico answered.
 */
class SteadyLoad {
  readonly answered = new Set<string>();
  /** Responses Portico did not handle as a call (Fastify's 503 while closing carries no x-request-id). */
  readonly refusedWhileClosing: number[] = [];
  /** A response whose headers came but whose body did not: would make "answered" ambiguous. */
  readonly cut: string[] = [];
  unreachable = 0;
  private running = true;
  private readonly loops: Promise<void>[];

  constructor(
    private readonly baseUrl: string,
    clients: number,
  ) {
    this.loops = Array.from({ length: clients }, (_, client) => this.loop(client));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async loop(client: number): Promise<void> {
    for (let sequence = 0; this.running; sequence++) {
      const requestId = `load-${client}-${sequence}`;
      let response: Response;
      try {
        response = await fetch(`${this.baseUrl}/v1/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', 'x-request-id': requestId },
          body: JSON.stringify({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: `call ${sequence}` }] }),
        });
      } catch {
        this.unreachable += 1;
        await sleep(20);
        continue;
      }
      try {
        await response.arrayBuffer();
      } catch {
        this.cut.push(requestId);
        continue;
      }
      if (response.headers.get('x-request-id') === requestId) this.answered.add(requestId);
      else this.refusedWhileClosing.push(response.status);
    }
  }
}

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function metric(baseUrl: string, name: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(name))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

describe('call-log loss test (acceptance, issue #6)', () => {
  it('under steady load: Postgres down for 30 s, then SIGTERM; after restart and replay, the rows are exactly the answered requests', async () => {
    // A private Postgres this test may stop: never the machine's.
    const postgres = new EmbeddedDatabase({ dataDir: tempDir('portico-loss-pg-'), port: await findFreePort() });
    const databaseUrl = await postgres.start();
    cleanups.push(() => postgres.stop().catch(() => undefined));
    const upstream: FakeOpenAI = await startFakeOpenAI();
    cleanups.push(() => upstream.close());

    const dataDir = tempDir('portico-loss-data-');
    const spillDir = join(dataDir, 'call-log-spill');
    const port = await findFreePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const env = {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      PORTICO_DATA_DIR: dataDir,
      PORTICO_BOOTSTRAP_API_KEY: KEY,
      PORTICO_ADMIN_PASSWORD: 'loss-test-admin-password',
      PORTICO_LOG_LEVEL: 'warn',
      PORTICO_CALL_LOG_FLUSH_MS: '100',
    };
    let portico: PorticoProcess = spawnPortico(env);
    cleanups.push(() => portico.stop('SIGKILL'));
    await portico.waitForReady(baseUrl, 60_000);

    const [{ id: workspaceId }] = await withClient(databaseUrl, (client) => client.query(`SELECT id FROM workspaces ORDER BY created_at LIMIT 1`)).then((result) => result.rows);
    const bound = await fetch(`${baseUrl}/admin/workspaces/${workspaceId}/provider-accounts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'openai', pluginId: 'provider-openai', credential: 'sk-fake-upstream', baseUrl: upstream.baseUrl }),
    });
    expect(bound.status).toBe(201);

    const load = new SteadyLoad(baseUrl, LOAD_CLIENTS);
    await expect.poll(() => load.answered.size, { timeout: 20_000 }).toBeGreaterThan(200);

    await postgres.stop();
    const answeredBeforeOutage = load.answered.size;
    await sleep(OUTAGE_MS);
    const answeredDuringOutage = load.answered.size - answeredBeforeOutage;
    const spilledDuringOutage = await metric(baseUrl, 'portico_call_log_spilled_total');
    await postgres.start();

    // The writer finds the database again and replays the spill while the load goes on.
    await expect.poll(() => metric(baseUrl, 'portico_call_log_replayed_total'), { timeout: 60_000, interval: 500 }).toBeGreaterThanOrEqual(spilledDuringOutage);
    await sleep(3_000);
    expect(await portico.stop('SIGTERM')).toBe(0);
    await load.stop();

    // The next start replays whatever the shutdown could not write.
    portico = spawnPortico(env);
    await portico.waitForReady(baseUrl, 60_000);
    const spillFiles = () => readdirSync(spillDir).filter((name) => name.startsWith('spill-'));
    await expect.poll(spillFiles, { timeout: 60_000, interval: 500 }).toEqual([]);
    expect(await portico.stop('SIGTERM')).toBe(0);

    const rows: string[] = await withClient(databaseUrl, (client) => client.query(`SELECT request_id FROM call_logs`)).then((result) => result.rows.map((row) => row.request_id));
    const rejected = readdirSync(spillDir).filter((name) => name.endsWith('.rejected.jsonl'));
    process.stderr.write(
      `loss test: answered ${load.answered.size} (${answeredDuringOutage} while Postgres was down), ${spilledDuringOutage} spilled during the outage, ` +
        `${load.refusedWhileClosing.length} refused while closing (statuses ${[...new Set(load.refusedWhileClosing)].join(',') || '-'}), ${load.unreachable} unreachable, rows ${rows.length}\n`,
    );
    expect(answeredDuringOutage).toBeGreaterThan(100);
    expect(spilledDuringOutage).toBeGreaterThan(0);
    expect(load.cut).toEqual([]);
    expect(new Set(load.refusedWhileClosing)).toEqual(new Set(load.refusedWhileClosing.length > 0 ? [503] : []));
    expect(rejected).toEqual([]);
    expect(rows.length).toBe(load.answered.size);
    expect(new Set(rows)).toEqual(load.answered);
  }, 300_000);
});
