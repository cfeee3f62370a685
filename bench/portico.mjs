// Portico for the bench: the built server as a child process with a fresh data folder,
// a provider account pointing at the fake upstream, and a probe of the data plane.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { atExit, spawnNode, stop, tail } from './processes.mjs';

export const BOOTSTRAP_KEY = 'ptk_bench_bootstrap_key_0123456789abcdef';
const MAIN = new URL('../dist/src/main.js', import.meta.url).pathname;

/** The node flags `npm run start:prod` runs Portico with (e.g. the young-generation size), so the bench measures the same process. */
export const PRODUCTION_NODE_ARGS = (() => {
  const script = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).scripts['start:prod'];
  const flags = /\bnode\s+(.*?)\s*dist\/src\/main\.js/.exec(script)?.[1] ?? '';
  return flags.split(/\s+/).filter(Boolean);
})();

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitReady(base, child, output, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Portico exited (${child.exitCode}) during boot:\n${output()}`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Portico not ready within ${timeoutMs} ms:\n${output()}`);
}

/**
 * Starts Portico on `core`; resolves with `{ child, base, close }` once /readyz answers 200.
 * `nodeArgs` go before the script (default: the flags of `npm run start:prod`), `env` on top of the bench's own.
 */
export async function startPortico(core, { nodeArgs = PRODUCTION_NODE_ARGS, env: extraEnv = {} } = {}) {
  if (!existsSync(MAIN)) throw new Error('dist/src/main.js is missing; run `npx nest build` first');
  const dataDir = mkdtempSync(join(tmpdir(), 'portico-bench-'));
  atExit(() => rmSync(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  const env = {
    HOST: '127.0.0.1',
    PORT: String(port),
    PORTICO_DATA_DIR: dataDir,
    PORTICO_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY,
    PORTICO_LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  if (!process.env.DATABASE_URL) env.PORTICO_EMBEDDED_DB_PORT = String(await freePort());
  const child = spawnNode(core, [...nodeArgs, MAIN], { env });
  const output = tail(child.stdout);
  const errors = tail(child.stderr);
  const base = `http://127.0.0.1:${port}`;
  const close = async () => {
    await stop(child, 15_000);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitReady(base, child, () => output() + errors());
  } catch (error) {
    await close();
    throw error;
  }
  return { child, base, close, stderr: errors };
}

async function call(base, method, path, body) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${BOOTSTRAP_KEY}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, text };
}

/**
 * Registers the fake upstream as provider account `bench` (plugin provider-openai-compatible).
 * Resolves with undefined when that worked, or with the reason it did not.
 */
export async function addBenchProvider(base, upstreamUrl) {
  const me = await call(base, 'GET', '/auth/me');
  if (me.status !== 200) return `GET /auth/me answered ${me.status}: ${me.text.slice(0, 200)}`;
  const workspaceId = JSON.parse(me.text).workspaces?.[0]?.id;
  if (!workspaceId) return 'GET /auth/me listed no workspace';
  const account = { name: 'bench', pluginId: 'provider-openai-compatible', baseUrl: upstreamUrl, credential: 'sk-bench', config: {} };
  const created = await call(base, 'POST', `/admin/workspaces/${workspaceId}/provider-accounts`, account);
  if (created.status >= 300) return `creating the provider account answered ${created.status}: ${created.text.slice(0, 200)}`;
  return undefined;
}

async function probeOnce(base, body) {
  for (const stream of [false, true]) {
    const answer = await call(base, 'POST', '/v1/chat/completions', { ...body, stream });
    if (answer.status !== 200) return `POST /v1/chat/completions${stream ? ' (stream)' : ''} answered ${answer.status}: ${answer.text.slice(0, 200)}`;
  }
  return undefined;
}

/**
 * Warm-up chat completions (JSON, then streamed), retried for a few seconds while the data
 * plane picks up the new provider account; resolves with undefined once both answer 200.
 */
export async function probeChat(base, body, attempts = 10) {
  let reason;
  for (let attempt = 0; attempt < attempts; attempt++) {
    reason = await probeOnce(base, body);
    if (!reason) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return reason;
}

/**
 * Turns on what a production workspace would run with: a price for the bench model, a workspace
 * rate-limit rule (requests, tokens and concurrency, per key), and a workspace and a key budget —
 * all far above what the bench sends, so every check runs and none refuses.
 */
export async function enableLimitsAndBudgets(base) {
  const me = JSON.parse((await call(base, 'GET', '/auth/me')).text);
  const workspaceId = me.workspaces[0].id;
  const keyId = me.apiKeyId ?? me.principal?.apiKeyId;
  const steps = [
    ['prices', { pluginId: 'provider-openai-compatible', model: 'mock-chat', inputPerMTok: 0.15, outputPerMTok: 0.6 }],
    ['rate-limits', { name: 'bench per key', per: { key: true }, requestsPerMinute: 1_000_000_000, tokensPerMinute: 1_000_000_000, concurrentRequests: 100_000 }],
    ['budgets', { scope: 'workspace', period: 'month', limitUsd: 1_000_000 }],
  ];
  if (keyId) steps.push(['budgets', { scope: 'api_key', scopeId: keyId, period: 'day', limitUsd: 100_000 }]);
  for (const [path, body] of steps) {
    const created = await call(base, 'POST', `/admin/workspaces/${workspaceId}/${path}`, body);
    if (created.status >= 300) return `POST ${path} answered ${created.status}: ${created.text.slice(0, 200)}`;
  }
  await new Promise((resolve) => setTimeout(resolve, 500)); // the data plane's snapshots pick the rules up
  return undefined;
}

/** Binds the PII redaction guard (default config) to every call of the workspace: the bench's "one guard on". */
export async function enableGuard(base) {
  const me = JSON.parse((await call(base, 'GET', '/auth/me')).text);
  const workspaceId = me.workspaces[0].id;
  const created = await call(base, 'POST', `/admin/workspaces/${workspaceId}/guard-bindings`, { pluginId: 'guard-pii-redaction', scope: 'workspace' });
  if (created.status >= 300) return `POST guard-bindings answered ${created.status}: ${created.text.slice(0, 200)}`;
  await new Promise((resolve) => setTimeout(resolve, 500)); // the data plane's snapshot picks the binding up
  return undefined;
}
