// A/B of two Portico launches on the same load, alternating short runs (machine drift cancels out).
// Usage: `npx nest build && node bench/ab.mjs '<json node args A>' '<json node args B>'`, e.g. '[]' '["--max-semi-space-size=32"]'.
// Both run with limits, budgets and the PII guard (the bench's full setup). Prints req/s per round and the ratio.
import { addBenchProvider, BOOTSTRAP_KEY, enableGuard, enableLimitsAndBudgets, probeChat, startPortico } from './portico.mjs';
import { installCleanup, rssMiB, sampleRss, spawnNode, stop, waitForLine } from './processes.mjs';

const here = (file) => new URL(file, import.meta.url).pathname;
const variants = [JSON.parse(process.argv[2] ?? '[]'), JSON.parse(process.argv[3] ?? '[]')];
const connections = Number(process.env.BENCH_PROFILE_CONNECTIONS ?? 16);
const rounds = Number(process.env.BENCH_ROUNDS ?? 4);
const body = JSON.stringify({ model: 'bench/mock-chat', stream: false, messages: [{ role: 'user', content: 'Say hello to the benchmark.' }] });
const headers = { 'content-type': 'application/json', authorization: `Bearer ${BOOTSTRAP_KEY}` };

installCleanup();
const upstream = spawnNode(1, [here('upstream.mjs'), '2'], { stderr: 'inherit' });
const { url } = await waitForLine(upstream, 'READY');
const started = [];
try {
  for (const nodeArgs of variants) {
    const portico = await startPortico(0, { nodeArgs });
    started.push(portico);
    const reason = (await addBenchProvider(portico.base, url)) ?? (await enableLimitsAndBudgets(portico.base)) ?? (await enableGuard(portico.base)) ?? (await probeChat(portico.base, JSON.parse(body)));
    if (reason) throw new Error(reason);
  }
  for (const portico of started) {
    // A discarded warm-up run each, so neither side's first measured round is its JIT warm-up.
    const driver = spawnNode(1, [here('driver.mjs'), JSON.stringify({ kind: 'load', url: `${portico.base}/v1/chat/completions`, headers, body, connections, durationS: 3, warmupS: 0 })]);
    await waitForLine(driver, 'RESULT', 120_000);
    await stop(driver, 2_000);
  }
  const rps = [[], []];
  const peak = [0, 0];
  for (let round = 0; round < rounds; round++) {
    for (const index of round % 2 === 0 ? [0, 1] : [1, 0]) {
      const sample = sampleRss(started[index].child.pid);
      const driver = spawnNode(1, [here('driver.mjs'), JSON.stringify({ kind: 'load', url: `${started[index].base}/v1/chat/completions`, headers, body, connections, durationS: 5, warmupS: 1 })]);
      rps[index].push((await waitForLine(driver, 'RESULT', 120_000)).rps);
      peak[index] = Math.max(peak[index], sample() ?? 0);
      await stop(driver, 2_000);
    }
  }
  const sum = (values) => values.reduce((a, b) => a + b, 0);
  for (const index of [0, 1]) console.log(`${JSON.stringify(variants[index])}: ${rps[index].map(Math.round).join(' · ')} req/s; peak RSS ${Math.round(peak[index])} MiB (idle now ${Math.round(rssMiB(started[index].child.pid))})`);
  console.log(`B / A = ${(sum(rps[1]) / sum(rps[0])).toFixed(3)}`);
} finally {
  for (const portico of started) await portico.close();
  await stop(upstream);
}
process.exit(0);
