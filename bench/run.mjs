// `npm run bench`: direct vs minimal Node proxy vs Portico, on loopback, written to docs/benchmarks.md.
// Env: BENCH_DURATION_S (default 10), BENCH_QUICK=1 (2 s runs), BENCH_CHUNK_DELAY_MS (default 2),
//      BENCH_ONLY_LIMITS_COST=1 (only the alternating limits-and-budgets cost runs, printed, no docs written),
//      DATABASE_URL (Portico uses it when set; else its embedded database on a port of its own).
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { addBenchProvider, BOOTSTRAP_KEY, enableGuard, enableLimitsAndBudgets, probeChat, startPortico } from './portico.mjs';
import { canPin, installCleanup, isInterrupted, rssMiB, sampleRss, spawnNode, stop, tail, TICK_US, treeTicks, waitForLine } from './processes.mjs';
import { load1, machine, renderDocument, renderTables } from './report.mjs';

const LOAD_CORE = 1;
const SUBJECT_CORE = 0;
const here = (file) => new URL(file, import.meta.url).pathname;

function readSettings() {
  const quick = process.env.BENCH_QUICK === '1';
  const durationS = quick ? 2 : Number(process.env.BENCH_DURATION_S ?? 10);
  if (!(durationS > 0)) throw new Error(`BENCH_DURATION_S must be a positive number of seconds (got ${process.env.BENCH_DURATION_S})`);
  return {
    quick,
    durationS,
    warmupS: quick ? 1 : 2,
    concurrencies: [1, 16, 64],
    streamCount: quick ? 50 : 300,
    chunkDelayMs: Number(process.env.BENCH_CHUNK_DELAY_MS ?? 2),
  };
}

const log = (message) => process.stderr.write(`bench: ${message}\n`);

/** Starts a bench helper (`upstream.mjs`, `proxy.mjs`) on `core`; resolves once it printed READY. */
async function startHelper(core, script, args) {
  const child = spawnNode(core, [here(script), ...args.map(String)], { stderr: 'inherit' });
  const ready = await waitForLine(child, 'READY', 30_000);
  return { child, ...ready };
}

/** Runs one job in a fresh driver process on the load core. */
async function drive(job, timeoutMs) {
  const child = spawnNode(LOAD_CORE, [here('driver.mjs'), JSON.stringify(job)]);
  const errors = tail(child.stderr);
  try {
    return await waitForLine(child, 'RESULT', timeoutMs);
  } catch (error) {
    throw new Error(`driver failed (${error.message}):\n${errors()}`);
  } finally {
    await stop(child, 2_000);
  }
}

/**
 * Like {@link drive}, and also the work the subject did during the measured part of the load (between the driver's
 * WARM and RESULT lines): CPU time (user + system) of the process and its children (the embedded Postgres) from
 * /proc, and the process's instructions and cycles where perf can count them.
 */
async function driveMeasuringCpu(job, subjectPid, timeoutMs) {
  // Counting starts before the load does: perf may take a while to attach on a saturated machine.
  const counters = await countCpuEvents(subjectPid);
  const child = spawnNode(LOAD_CORE, [here('driver.mjs'), JSON.stringify(job)]);
  const errors = tail(child.stderr);
  try {
    return await new Promise((resolve, reject) => {
      const lines = createInterface({ input: child.stdout });
      const timer = setTimeout(() => reject(new Error(`no RESULT line within ${timeoutMs} ms`)), timeoutMs);
      let ticksAtStart;
      let eventsAtStart;
      let answered = false;
      child.once('exit', (code) => answered || reject(new Error(`driver exited (${code}) before its result`)));
      lines.on('line', (line) => {
        if (line.startsWith('WARM ')) {
          ticksAtStart = treeTicks(subjectPid);
          eventsAtStart = counters?.totals();
        }
        if (!line.startsWith('RESULT ')) return;
        answered = true;
        clearTimeout(timer);
        const cpuUs = (treeTicks(subjectPid) - ticksAtStart) * TICK_US;
        const result = JSON.parse(line.slice('RESULT '.length));
        if (!counters || !eventsAtStart) return resolve({ ...result, cpuUs });
        // Let the interval that holds the end of the load be printed before reading the totals.
        setTimeout(() => {
          const end = counters.totals();
          resolve({ ...result, cpuUs, instructions: end.instructions - eventsAtStart.instructions, cycles: end.cycles - eventsAtStart.cycles });
        }, 3 * CPU_EVENT_INTERVAL_MS);
      });
    });
  } catch (error) {
    throw new Error(`driver failed (${error.message}):\n${errors()}`);
  } finally {
    counters?.stop();
    await stop(child, 2_000);
  }
}

const CPU_EVENT_INTERVAL_MS = 50;

/**
 * Instructions and cycles a process executes, counted by the CPU itself (`perf stat` in interval mode, so running
 * totals can be read at any moment, to within one interval): neither moves when other work takes the core for a
 * while, which wall-clock req/s and even /proc CPU time do. Resolves to undefined where perf or hardware counters
 * are missing.
 */
async function countCpuEvents(pid) {
  const perf = spawn('perf', ['stat', '-x', ',', '-I', String(CPU_EVENT_INTERVAL_MS), '-e', 'instructions,cycles', '-p', String(pid)], { stdio: ['ignore', 'ignore', 'pipe'] });
  const totals = { instructions: 0, cycles: 0 };
  let counting;
  const ready = new Promise((resolve) => (counting = resolve));
  createInterface({ input: perf.stderr }).on('line', (line) => {
    const [, count, , event] = line.trim().split(',');
    const name = event?.replace(/:u$/, '');
    if ((name === 'instructions' || name === 'cycles') && /^\d+$/.test(count ?? '')) {
      totals[name] += Number(count);
      counting(true);
    }
  });
  perf.once('error', () => counting(false));
  perf.once('exit', () => counting(false));
  const started = await Promise.race([ready, new Promise((resolve) => setTimeout(() => resolve(false), 10_000))]);
  if (!started) {
    perf.kill('SIGKILL');
    log('perf stat counts nothing here; cycles and instructions are left out');
    return undefined;
  }
  return { totals: () => ({ ...totals }), stop: () => perf.kill('SIGINT') };
}

function chatBody(model, stream) {
  return JSON.stringify({ model, stream, messages: [{ role: 'user', content: 'Say hello to the benchmark.' }] });
}

/** Every concurrency level, then the stream test, against `url`; samples the RSS of `pid` when given. */
async function runSuite(label, url, model, pid, settings) {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${BOOTSTRAP_KEY}` };
  const setup = { label, available: true, runs: {}, idleRssMiB: pid ? rssMiB(pid) : undefined };
  const timeoutMs = (settings.warmupS + settings.durationS) * 1000 + 60_000;
  for (const connections of settings.concurrencies) {
    log(`${label}: ${connections} connection(s), ${settings.durationS} s`);
    const peak = pid ? sampleRss(pid) : () => undefined;
    const job = { kind: 'load', url, headers, body: chatBody(model, false), connections, durationS: settings.durationS, warmupS: settings.warmupS };
    const run = await drive(job, timeoutMs);
    setup.runs[connections] = { ...run, rssMiB: peak() };
  }
  log(`${label}: ${settings.streamCount} streamed requests`);
  setup.stream = await drive({ kind: 'stream', url, headers, body: chatBody(model, true), count: settings.streamCount }, 120_000);
  return setup;
}

async function benchProxy(upstreamOrigin, settings) {
  const proxy = await startHelper(SUBJECT_CORE, 'proxy.mjs', [upstreamOrigin]);
  try {
    return await runSuite('minimal proxy', `http://127.0.0.1:${proxy.port}/v1/chat/completions`, 'mock-chat', proxy.child.pid, settings);
  } finally {
    await stop(proxy.child);
  }
}

/** The line of a boot log that names the problem (an `…Error:` or `PORTICO_ERR_…` line), else its first line. */
function firstErrorLine(text) {
  const lines = text.split('\n').map((line) => line.trim());
  return [lines[0], lines.find((line) => /^\w*Error\b|PORTICO_ERR_/.test(line))].filter(Boolean).join(' — ');
}

/**
 * One Portico run in a fresh process and data folder: `prepare` (if any) configures it before the
 * suite. Each setup gets its own process so one run's call-log backlog cannot weigh on the next.
 */
async function benchPorticoSetup(label, upstreamUrl, settings, prepare) {
  log(`${label}: starting (fresh data folder)`);
  let portico;
  try {
    portico = await startPortico(SUBJECT_CORE);
  } catch (error) {
    return { label, available: false, reason: `it did not start: ${firstErrorLine(error.message)}` };
  }
  try {
    const reason =
      (await addBenchProvider(portico.base, upstreamUrl)) ??
      (prepare ? await prepare(portico.base) : undefined) ??
      (await probeChat(portico.base, JSON.parse(chatBody('bench/mock-chat', false))));
    if (reason) return { label, available: false, reason };
    return await runSuite(label, `${portico.base}/v1/chat/completions`, 'bench/mock-chat', portico.child.pid, settings);
  } finally {
    await portico.close();
    const stderr = portico.stderr().trim();
    if (stderr) log(`${label} wrote to stderr (last lines):\n${stderr.split('\n').slice(-5).join('\n')}`);
  }
}

/**
 * Portico as it boots (auth and call logging), a fresh Portico with rate limits and budgets enforced on
 * every request, and a third with limits, budgets and the PII redaction guard on every call.
 */
async function benchPortico(upstreamUrl, settings) {
  return [
    await benchPorticoSetup('portico', upstreamUrl, settings),
    await benchPorticoSetup('portico + limits & budgets', upstreamUrl, settings, enableLimitsAndBudgets),
    await benchPorticoSetup('portico + limits & budgets + PII guard', upstreamUrl, settings, async (base) => (await enableLimitsAndBudgets(base)) ?? (await enableGuard(base))),
  ];
}

/**
 * The cost of limits and budgets (#5), measured so that noise cancels out as far as it can on a shared
 * machine. Two identical Portico processes can differ by 10–15 % in req/s for their whole life, so one
 * pair is not enough: several pairs of fresh processes (a plain Portico and one with limits and budgets,
 * side by side, each idle while the other is driven, started in alternating order) each run alternating
 * short rounds, the order swapped every round. The cost is 1 − (Σ req/s with limits ÷ Σ req/s without)
 * over every round of every pair at one concurrency. Because other work on the machine still moves req/s by
 * more than the effect measured, each round also records the CPU time each Portico (with its database) spent
 * per answered request: on a saturated core req/s is the inverse of it, and CPU time barely moves when a
 * neighbour takes the core for a while, so 1 − (µs per request without ÷ µs per request with) is the steadier
 * figure of the same cost.
 */
async function benchLimitsCost(upstreamUrl, settings) {
  const pairs = settings.quick ? 1 : Number(process.env.BENCH_LIMITS_PAIRS ?? 3);
  const rounds = 2;
  const durationS = settings.quick ? 2 : 5;
  log(`limits cost: ${pairs} pair(s) of fresh Porticos, ${rounds} alternating rounds of ${durationS} s per concurrency each`);
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${BOOTSTRAP_KEY}` };
  const load = (portico, connections, seconds) => ({
    kind: 'load', url: `${portico.base}/v1/chat/completions`, headers, body: chatBody('bench/mock-chat', false), connections, durationS: seconds, warmupS: 0,
  });
  const side = () => ({ answered: 0, cpuUs: 0, instructions: 0, cycles: 0 });
  const cpu = () => ({ plain: side(), limited: side() });
  const byConcurrency = Object.fromEntries(settings.concurrencies.map((c) => [c, { plain: [], limited: [], cpu: cpu() }]));
  for (let pair = 0; pair < pairs; pair++) {
    const started = {};
    try {
      const order = pair % 2 === 0 ? ['plain', 'limited'] : ['limited', 'plain'];
      for (const name of order) {
        const portico = await startPortico(SUBJECT_CORE);
        started[name] = portico;
        const reason =
          (await addBenchProvider(portico.base, upstreamUrl)) ??
          (name === 'limited' ? await enableLimitsAndBudgets(portico.base) : undefined) ??
          (await probeChat(portico.base, JSON.parse(chatBody('bench/mock-chat', false))));
        if (reason) return { available: false, reason };
      }
      // A discarded warm-up run each, so neither side's first measured round is its JIT warm-up.
      for (const name of order) await drive(load(started[name], 16, settings.quick ? 1 : 3), 90_000);
      for (const connections of settings.concurrencies) {
        for (let round = 0; round < rounds; round++) {
          for (const name of round % 2 === 0 ? order : [...order].reverse()) {
            const run = await driveMeasuringCpu({ ...load(started[name], connections, durationS), warmupS: 1 }, started[name].child.pid, (durationS + 61) * 1000);
            byConcurrency[connections][name].push(run.rps);
            const side = byConcurrency[connections].cpu[name];
            side.answered += run.ok;
            side.cpuUs += run.cpuUs;
            side.instructions += run.instructions ?? Number.NaN;
            side.cycles += run.cycles ?? Number.NaN;
          }
        }
      }
    } finally {
      for (const portico of Object.values(started)) await portico.close();
    }
  }
  const sum = (values) => values.reduce((total, value) => total + value, 0);
  for (const run of Object.values(byConcurrency)) {
    run.lossPct = 100 * (1 - sum(run.limited) / sum(run.plain));
    // CPU per answered request of each side; the req/s a saturated core could serve is its inverse.
    for (const side of Object.values(run.cpu)) {
      side.usPerRequest = side.cpuUs / side.answered;
      side.instructionsPerRequest = side.instructions / side.answered;
      side.cyclesPerRequest = side.cycles / side.answered;
    }
    const cost = (measure) => 100 * (1 - run.cpu.plain[measure] / run.cpu.limited[measure]);
    run.cpuLossPct = cost('usPerRequest');
    if (Number.isFinite(run.cpu.plain.cyclesPerRequest) && Number.isFinite(run.cpu.limited.cyclesPerRequest)) {
      run.cyclesLossPct = cost('cyclesPerRequest');
      run.instructionsLossPct = cost('instructionsPerRequest');
    }
  }
  return { available: true, pairs, rounds, durationS, byConcurrency };
}

async function main() {
  installCleanup();
  const settings = readSettings();
  const loadAtStart = load1();
  if (!canPin) log('taskset is not usable: running unpinned');
  const upstream = await startHelper(LOAD_CORE, 'upstream.mjs', [settings.chunkDelayMs]);
  const upstreamOrigin = `http://127.0.0.1:${upstream.port}`;
  if (process.env.BENCH_ONLY_LIMITS_COST === '1') {
    // A quick look at #5 alone: printed, docs/benchmarks.md left as it is.
    try {
      const limitsCost = await benchLimitsCost(upstream.url, settings);
      process.stdout.write(`${renderTables({ setups: [], settings, limitsCost }).split('### Streamed')[0]}\n${JSON.stringify(limitsCost)}\n`);
    } finally {
      await stop(upstream.child);
    }
    return;
  }
  const setups = [];
  let limitsCost;
  try {
    setups.push(await runSuite('direct', `${upstreamOrigin}/v1/chat/completions`, 'mock-chat', undefined, settings));
    setups.push(await benchProxy(upstreamOrigin, settings));
    setups.push(...(await benchPortico(upstream.url, settings)));
    limitsCost = await benchLimitsCost(upstream.url, settings);
  } finally {
    await stop(upstream.child);
  }
  const results = { machine: machine(canPin, loadAtStart), settings, setups, limitsCost };
  mkdirSync(new URL('../docs/', import.meta.url), { recursive: true });
  writeFileSync(new URL('../docs/benchmarks.md', import.meta.url), renderDocument(results));
  process.stdout.write(`\nload average before the run ${results.machine.load.start}; pinned: ${canPin}\n\n${renderTables(results)}\n`);
  for (const setup of setups.filter((one) => !one.available)) process.stdout.write(`${setup.label}: not available yet — ${setup.reason}\n`);
  log('wrote docs/benchmarks.md');
}

main().catch((error) => {
  if (isInterrupted()) return;
  console.error(`bench: ${error.stack ?? error}`);
  process.exitCode = 1;
});
