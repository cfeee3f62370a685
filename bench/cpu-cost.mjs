// CPU cost per request: µs of CPU (user+system, from /proc) that the minimal proxy, Portico's Node process and
// Portico's database spend per answered request under the same load (less sensitive than req/s to a busy machine).
// Usage: `npx nest build && node bench/cpu-cost.mjs` (BENCH_ONLY_LIMITS=1: only Portico with limits and budgets).
import { addBenchProvider, BOOTSTRAP_KEY, enableLimitsAndBudgets, probeChat, startPortico } from './portico.mjs';
import { cpuTicks, descendants, installCleanup, spawnNode, stop, tail, TICK_US, waitForLine } from './processes.mjs';

const here = (file) => new URL(file, import.meta.url).pathname;
const connections = Number(process.env.BENCH_PROFILE_CONNECTIONS ?? 16);
const durationS = Number(process.env.BENCH_DURATION_S ?? 10);
const groupTicks = (pids) => pids.reduce((sum, pid) => sum + cpuTicks(pid), 0);

async function startHelper(core, script, args) {
  const child = spawnNode(core, [here(script), ...args.map(String)], { stderr: 'inherit' });
  return { child, ...(await waitForLine(child, 'READY', 30_000)) };
}

async function measure(label, url, model, pid) {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${BOOTSTRAP_KEY}` };
  const body = JSON.stringify({ model, stream: false, messages: [{ role: 'user', content: 'Say hello to the benchmark.' }] });
  const job = { kind: 'load', url, headers, body, connections, durationS, warmupS: 2 };
  const kids = descendants(pid);
  const driver = spawnNode(1, [here('driver.mjs'), JSON.stringify({ ...job, warmupS: 0, durationS: 2 })]);
  await waitForLine(driver, 'RESULT', 60_000);
  await stop(driver, 2000);
  const own0 = cpuTicks(pid);
  const kids0 = groupTicks(kids);
  const d = spawnNode(1, [here('driver.mjs'), JSON.stringify({ ...job, warmupS: 0 })]);
  const errors = tail(d.stderr);
  const result = await waitForLine(d, 'RESULT', 120_000).catch((e) => { throw new Error(e.message + errors()); });
  await stop(d, 2000);
  const own = cpuTicks(pid) - own0;
  const children = groupTicks(kids) - kids0;
  const answered = result.ok;
  console.log(`${label.padEnd(28)} ${String(answered).padStart(7)} ok  ${Math.round(result.rps)} req/s  node ${((own * TICK_US) / answered).toFixed(0)} µs/req  db ${((children * TICK_US) / answered).toFixed(0)} µs/req`);
}

async function main() {
  installCleanup();
  const upstream = await startHelper(1, 'upstream.mjs', [2]);
  try {
    const proxy = await startHelper(0, 'proxy.mjs', [`http://127.0.0.1:${upstream.port}`]);
    await measure('minimal proxy', `http://127.0.0.1:${proxy.port}/v1/chat/completions`, 'mock-chat', proxy.child.pid);
    await stop(proxy.child);
    for (const limits of process.env.BENCH_ONLY_LIMITS ? [true] : [false, true]) {
      const portico = await startPortico(0);
      try {
        const reason = (await addBenchProvider(portico.base, upstream.url)) ?? (limits ? await enableLimitsAndBudgets(portico.base) : undefined) ?? (await probeChat(portico.base, { model: 'bench/mock-chat', messages: [{ role: 'user', content: 'hi' }] }));
        if (reason) throw new Error(reason);
        await measure(limits ? 'portico + limits & budgets' : 'portico', `${portico.base}/v1/chat/completions`, 'bench/mock-chat', portico.child.pid);
      } finally {
        await portico.close();
      }
    }
  } finally {
    await stop(upstream.child);
  }
}
main().catch((error) => { console.error(error); process.exitCode = 1; });
