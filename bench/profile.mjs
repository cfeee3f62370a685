// `npm run bench:profile`: where Portico's CPU time goes on the data plane.
// Starts the fake upstream and Portico (limits, budgets and the PII guard on, like the bench's full setup;
// BENCH_PROFILE_SETUP=plain|limits|full, default full) with `--cpu-prof`, drives
// BENCH_PROFILE_CONNECTIONS (default 16) connections for BENCH_DURATION_S (default 10) seconds of
// non-streamed chat completions, stops Portico, and prints the self time per package/folder and the
// hottest functions. The raw `.cpuprofile` (open it in Chrome DevTools or speedscope for a flame graph)
// is kept in test-results/profile/.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { addBenchProvider, BOOTSTRAP_KEY, enableGuard, enableLimitsAndBudgets, PRODUCTION_NODE_ARGS, probeChat, startPortico } from './portico.mjs';
import { installCleanup, spawnNode, stop, tail, waitForLine } from './processes.mjs';

const here = (file) => new URL(file, import.meta.url).pathname;
const outDir = new URL('../test-results/profile/', import.meta.url).pathname;
const connections = Number(process.env.BENCH_PROFILE_CONNECTIONS ?? 16);
const durationS = Number(process.env.BENCH_DURATION_S ?? 10);
const setup = process.env.BENCH_PROFILE_PLAIN === '1' ? 'plain' : (process.env.BENCH_PROFILE_SETUP ?? 'full');
const log = (message) => process.stderr.write(`profile: ${message}\n`);

async function startHelper(core, script, args) {
  const child = spawnNode(core, [here(script), ...args.map(String)], { stderr: 'inherit' });
  return { child, ...(await waitForLine(child, 'READY', 30_000)) };
}

/** Self time (µs) by bucket: a package under node_modules, a folder of src/ or plugins/, or V8/Node internals. */
function bucketOf(url) {
  if (!url) return '(native code: socket writes, microtasks, …)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1];
  const own = /\/dist\/((?:src|plugins)\/[^/]+(?:\/[^/.]+)?)/.exec(url);
  if (own) return own[1];
  if (url.startsWith('node:')) return 'node core';
  return url.replace(/^file:\/\//, '');
}

/** Monotonic clock in µs: the clock V8 stamps profile samples with (CLOCK_MONOTONIC on Linux). */
const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

/** Sums self time per node over the samples taken inside `window` (boot and shutdown are left out). */
function summarise(profile, window) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  const deltas = profile.timeDeltas;
  let at = profile.startTime;
  for (let index = 0; index < profile.samples.length; index++) {
    at += deltas[index] ?? 0;
    if (at < window.from || at > window.to) continue;
    self.set(profile.samples[index], (self.get(profile.samples[index]) ?? 0) + (deltas[index] ?? 0));
  }
  const buckets = new Map();
  const functions = new Map();
  let total = 0;
  let idle = 0;
  for (const [id, micros] of self) {
    const { callFrame } = byId.get(id);
    total += micros;
    if (callFrame.functionName === '(idle)') {
      idle += micros;
      continue;
    }
    const bucket = callFrame.functionName === '(garbage collector)' ? '(garbage collector)' : bucketOf(callFrame.url);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + micros);
    const name = `${callFrame.functionName || '(anonymous)'} ${callFrame.url.replace(/^.*\/(dist|node_modules)\//, '')}:${callFrame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + micros);
  }
  const busy = total - idle;
  // Inclusive time of Portico's own functions (src/, plugins/): a node's self time plus its subtree's.
  const inclusive = new Map();
  const walk = (id, ancestors) => {
    const node = byId.get(id);
    const name = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.replace(/^.*\/dist\//, '')}:${node.callFrame.lineNumber + 1}`;
    const own = /\/dist\/(src|plugins)\//.test(node.callFrame.url) && !ancestors.has(name);
    const path = own ? new Set(ancestors).add(name) : ancestors;
    let sum = self.get(id) ?? 0;
    for (const child of node.children ?? []) sum += walk(child, path);
    if (own) inclusive.set(name, (inclusive.get(name) ?? 0) + sum);
    return sum;
  };
  walk(profile.nodes[0].id, new Set());
  const rows = (map, limit) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([name, micros]) => `${((100 * micros) / busy).toFixed(1).padStart(5)} %  ${name}`);
  return [`busy ${(busy / 1e6).toFixed(2)} s of ${(total / 1e6).toFixed(2)} s sampled (idle ${((100 * idle) / total).toFixed(0)} %)`, '', 'self time by package / folder:', ...rows(buckets, 25), '', 'hottest functions (self time):', ...rows(functions, 40), '', "Portico's functions by inclusive time:", ...rows(inclusive, 40)].join('\n');
}

async function main() {
  installCleanup();
  mkdirSync(outDir, { recursive: true });
  const before = new Set(readdirSync(outDir));
  const window = { from: 0, to: Number.MAX_SAFE_INTEGER };
  const upstream = await startHelper(1, 'upstream.mjs', [2]);
  const portico = await startPortico(0, { nodeArgs: [...PRODUCTION_NODE_ARGS, '--cpu-prof', `--cpu-prof-dir=${outDir}`] }).catch(async (error) => {
    await stop(upstream.child);
    throw error;
  });
  try {
    const body = JSON.stringify({ model: 'bench/mock-chat', stream: false, messages: [{ role: 'user', content: 'Say hello to the benchmark.' }] });
    const reason = (await addBenchProvider(portico.base, upstream.url)) ?? (setup === 'plain' ? undefined : (await enableLimitsAndBudgets(portico.base)) ?? (setup === 'full' ? await enableGuard(portico.base) : undefined)) ?? (await probeChat(portico.base, JSON.parse(body)));
    if (reason) throw new Error(reason);
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${BOOTSTRAP_KEY}` };
    log(`${connections} connections, ${durationS} s, setup ${setup}`);
    window.from = monotonicMicros() + 2_000_000; // after the driver's warm-up
    const driver = spawnNode(1, [here('driver.mjs'), JSON.stringify({ kind: 'load', url: `${portico.base}/v1/chat/completions`, headers, body, connections, durationS, warmupS: 2 })]);
    const errors = tail(driver.stderr);
    const result = await waitForLine(driver, 'RESULT', (durationS + 60) * 1000).catch((error) => {
      throw new Error(`${error.message}\n${errors()}`);
    });
    window.to = monotonicMicros();
    await stop(driver, 2_000);
    log(`${Math.round(result.rps)} req/s, p50 ${result.p50?.toFixed(2)} ms, p99 ${result.p99?.toFixed(2)} ms`);
  } finally {
    await portico.close();
    await stop(upstream.child);
  }
  const written = readdirSync(outDir).filter((name) => name.endsWith('.cpuprofile') && !before.has(name));
  if (written.length === 0) throw new Error('Portico wrote no .cpuprofile (did it exit cleanly?)');
  for (const name of written) {
    process.stdout.write(`\n${outDir}${name}\n${summarise(JSON.parse(readFileSync(outDir + name, 'utf8')), window)}\n`);
  }
}

main().catch((error) => {
  console.error(`profile: ${error.stack ?? error}`);
  process.exitCode = 1;
});
