import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnPortico, type PorticoProcess } from '../support/portico-process';
import { findFreePort } from '../support/ports';
import { createTestDatabase, withClient, type TestDatabase } from '../support/test-database';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const BOOTSTRAP_KEY = `e2e-two-processes-${randomBytes(8).toString('hex')}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Answer {
  status: number;
  code?: string;
  totalTokens?: number;
  at: number;
}

/**
 * Two Portico processes (`dist/src/main.js`) on one Postgres and one Redis: budgets and rate limits
 * are enforced once across both, not once per process.
 */
describe('limits and budgets across two Portico processes sharing Redis', () => {
  let database: TestDatabase;
  const processes: PorticoProcess[] = [];
  const urls: string[] = [];
  const dirs: string[] = [];
  let workspaceId: string;

  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${urls[0]}${path}`, {
      method,
      headers: { authorization: `Bearer ${BOOTSTRAP_KEY}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  const newKey = async (name: string): Promise<{ id: string; key: string }> => {
    const account = await admin('POST', `/admin/workspaces/${workspaceId}/service-accounts`, { name, role: 'developer' });
    const key = await admin('POST', `/admin/workspaces/${workspaceId}/api-keys`, { name, owner: { type: 'service_account', id: account.id }, scopes: ['invoke:*'] });
    return { id: key.id as string, key: key.key as string };
  };
  const chat = async (base: string, key: string, content: string, maxTokens?: number): Promise<Answer> => {
    const response = await fetch(`${base}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'mock/mock-chat', messages: [{ role: 'user', content }], ...(maxTokens && { max_tokens: maxTokens }) }),
    });
    const json = (await response.json()) as { error?: { code?: string }; usage?: { total_tokens: number } };
    return { status: response.status, code: json.error?.code, totalTokens: json.usage?.total_tokens, at: Date.now() };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    const masterKey = randomBytes(32).toString('base64');
    for (let i = 0; i < 2; i++) {
      const port = await findFreePort();
      const dataDir = mkdtempSync(join(tmpdir(), 'portico-two-'));
      dirs.push(dataDir);
      const portico = spawnPortico({
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: database.url,
        REDIS_URL,
        PORTICO_MASTER_KEY: masterKey,
        PORTICO_DATA_DIR: dataDir,
        PORTICO_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY,
        PORTICO_ADMIN_PASSWORD: 'test-admin-password-123',
        PORTICO_LOG_LEVEL: 'warn',
      });
      processes.push(portico);
      urls.push(`http://127.0.0.1:${port}`);
      await portico.waitForReady(urls[i]!);
    }
    const rows = await withClient(database.url, (client) => client.query<{ workspace_id: string }>(`SELECT workspace_id FROM api_keys LIMIT 1`));
    workspaceId = rows.rows[0]!.workspace_id;
    // One mock-chat call costs exactly $0.001 here, whatever its tokens.
    await admin('POST', `/admin/workspaces/${workspaceId}/prices`, { pluginId: 'provider-mock', model: 'mock-chat', inputPerMTok: 0, outputPerMTok: 0, perRequest: 0.001 });
  }, 90_000);

  afterAll(async () => {
    await Promise.all(processes.map((portico) => portico.stop('SIGTERM')));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    await database?.drop();
  });

  it('200 concurrent requests split over both processes against a budget for 10: at most 10 (+1) succeed', async () => {
    const team = await newKey('budgeted');
    await admin('POST', `/admin/workspaces/${workspaceId}/budgets`, { scope: 'api_key', scopeId: team.id, period: 'day', limitUsd: 0.01 });
    await sleep(1_000); // the budget reaches both processes' snapshots (LISTEN/NOTIFY)
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => chat(urls[i % 2]!, team.key, `question ${i}`)));
    const ok = answers.filter((answer) => answer.status === 200).length;
    const refused = answers.filter((answer) => answer.status === 429 && answer.code === 'budget_exceeded').length;
    console.info(`[two processes] budget for 10: ${ok} succeeded, ${refused} refused with budget_exceeded`);
    expect(ok).toBeGreaterThanOrEqual(10);
    expect(ok).toBeLessThanOrEqual(11);
    expect(ok + refused).toBe(200);
  });

  it('requests/min and tokens/min hold within 5% over 60 s across both processes', async () => {
    const rpmKey = await newKey('rpm');
    const tpmKey = await newKey('tpm');
    const RPM = 600;
    const TPM = 12_000;
    await admin('POST', `/admin/workspaces/${workspaceId}/rate-limits`, { name: 'rpm', requestsPerMinute: RPM, match: { apiKeyId: rpmKey.id } });
    await admin('POST', `/admin/workspaces/${workspaceId}/rate-limits`, { name: 'tpm', tokensPerMinute: TPM, match: { apiKeyId: tpmKey.id } });
    await sleep(1_000);

    // Twice the request limit, and about four times the token limit, alternating processes, for 75 s.
    const rpmAnswers: Answer[] = [];
    const tpmAnswers: Answer[] = [];
    const started = Date.now();
    const runMs = 75_000;
    const inFlight: Promise<void>[] = [];
    for (let tick = 0; Date.now() - started < runMs; tick++) {
      const base = urls[tick % 2]!;
      inFlight.push(chat(base, rpmKey.key, `r ${tick}`).then((answer) => void rpmAnswers.push(answer)));
      inFlight.push(chat(base, tpmKey.key, `t ${tick}`, 30).then((answer) => void tpmAnswers.push(answer)));
      await sleep(Math.max(0, started + (tick + 1) * 50 - Date.now()));
    }
    await Promise.all(inFlight);

    const windows = (answers: Answer[], weight: (answer: Answer) => number) => {
      const ok = answers.filter((answer) => answer.status === 200).sort((a, b) => a.at - b.at);
      let highest = 0;
      for (let from = started; from + 60_000 <= started + runMs + 1; from += 250) {
        const inWindow = ok.filter((answer) => answer.at >= from && answer.at < from + 60_000).reduce((sum, answer) => sum + weight(answer), 0);
        highest = Math.max(highest, inWindow);
      }
      const last = ok.filter((answer) => answer.at >= started + runMs - 60_000).reduce((sum, answer) => sum + weight(answer), 0);
      return { highest, last };
    };
    const requests = windows(rpmAnswers, () => 1);
    const tokens = windows(tpmAnswers, (answer) => answer.totalTokens ?? 0);
    const refusedRpm = rpmAnswers.filter((answer) => answer.status === 429 && answer.code === 'rate_limit_exceeded').length;
    console.info(
      `[two processes] requests/min limit ${RPM}: busiest 60 s window ${requests.highest}, last 60 s ${requests.last}, ${refusedRpm} refused; ` +
        `tokens/min limit ${TPM}: busiest 60 s window ${tokens.highest}, last 60 s ${tokens.last}`,
    );
    expect(requests.highest).toBeLessThanOrEqual(RPM * 1.05);
    expect(requests.last).toBeGreaterThanOrEqual(RPM * 0.95);
    expect(tokens.highest).toBeLessThanOrEqual(TPM * 1.05);
    expect(tokens.last).toBeGreaterThanOrEqual(TPM * 0.95);
    expect(rpmAnswers.every((answer) => answer.status === 200 || answer.status === 429)).toBe(true);
  }, 120_000);
});
