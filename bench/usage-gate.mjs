// The usage gate alone: µs per admit + settle with one rate-limit rule (requests, tokens, concurrency) and two
// budgets on the in-process counter store. Usage: `npx nest build && node bench/usage-gate.mjs [dist root]`.
import { createRequire } from 'node:module';

const root = process.argv[2] ?? new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const { UsageGate } = require(`${root}/dist/src/usage/enforcement/usage-gate.js`);
const { MemoryCounterStore } = require(`${root}/dist/src/usage/limits/memory-counter-store.js`);

const rule = { id: 'r1', workspaceId: 'w', name: 'bench', match: { apiKeyId: null, route: null, model: null }, per: { key: true, route: false, model: false }, requestsPerMinute: 1e9, tokensPerMinute: 1e9, concurrentRequests: 1e5 };
const rules = [rule]; // the snapshot hands out the same list until a reload
const budgets = [
  { id: 'b1', workspaceId: 'w', scope: 'workspace', scopeId: null, period: 'month', limitNanoUsd: 1e18, alertThresholds: [] },
  { id: 'b2', workspaceId: 'w', scope: 'api_key', scopeId: 'k', period: 'day', limitNanoUsd: 1e17, alertThresholds: [] },
];
const price = { inputPerMTok: 0.15, outputPerMTok: 0.6, cachedInputPerMTok: null, reasoningPerMTok: null, perRequest: null, perImage: null };
const quiet = { warn() {}, info() {} };
const gate = new UsageGate({ rateLimits: () => rules, budgets: () => budgets }, new MemoryCounterStore({ sweepIntervalMs: 0 }), { priceAt: () => price }, { record() {} }, quiet);
const key = { id: 'k', workspaceId: 'w', ownerType: 'service_account', ownerId: 's', scopes: [], expiresAt: null };
const targets = [{ account: { pluginId: 'p' }, model: 'm' }];
const estimate = () => ({ promptTokens: 20, maxOutputTokens: null });

async function once() {
  const admission = await gate.admit({ key, model: 'm', route: null, targets, estimate, at: new Date(), holdMs: 60_000 });
  await admission.settle({ tokens: 30, costNanoUsd: 1_000 });
}

for (let i = 0; i < 50_000; i++) await once();
for (let round = 0; round < 3; round++) {
  const count = 200_000;
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await once();
  console.log(`${(Number(process.hrtime.bigint() - started) / count / 1000).toFixed(2)} µs per admit + settle`);
}
process.exit(0);
