// Turns the bench results into markdown: the machine, the method, and the tables.
import { cpus, loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import { PRODUCTION_NODE_ARGS } from './portico.mjs';

const NOT_AVAILABLE = 'not available yet';

/** The 1-minute load average, rounded: other work on the machine skews every number. */
export const load1 = () => Number(loadavg()[0].toFixed(2));

/** Above half a core of outside load, the pinned cores are not really ours. */
const busy = (host) => host.load.start > 0.5;

export function machine(pinned, loadAtStart) {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    cpu = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
  } catch {
    // not Linux
  }
  return { cpu, cores: cpus().length, node: process.version, date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC', pinned,
    load: { start: loadAtStart } };
}

const ms = (value) => (value === undefined ? '—' : value.toFixed(value < 10 ? 2 : 1));
const signedMs = (value) => (value === undefined ? '—' : `${value >= 0 ? '+' : '−'}${ms(Math.abs(value))}`);
const int = (value) => (value === undefined ? '—' : Math.round(value).toLocaleString('en-US'));
const mib = (value) => (value === undefined ? '—' : value.toFixed(0));

function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((cell, index) => (index === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

function failures(run) {
  const count = run.non2xx + run.errors + run.timeouts;
  return count === 0 ? '0' : `${count} (${run.non2xx} non-2xx, ${run.errors} errors, ${run.timeouts} timeouts)`;
}

function loadRows(setups, concurrencies) {
  const [direct, proxy] = setups;
  const rows = [];
  for (const setup of setups) {
    for (const c of concurrencies) {
      if (!setup.available) {
        rows.push([setup.label, c, NOT_AVAILABLE, '—', '—', '—', '—', '—', '—']);
        continue;
      }
      const run = setup.runs[c];
      const added = setup === direct ? undefined : run.p50 - direct.runs[c].p50;
      const share = setup === direct || setup === proxy || !proxy.available ? undefined : (100 * run.rps) / proxy.runs[c].rps;
      rows.push([setup.label, c, int(run.rps), ms(run.p50), ms(run.p90), ms(run.p99), signedMs(added),
        share === undefined ? '—' : `${share.toFixed(0)} %`, failures(run)]);
    }
  }
  return rows;
}

function streamRows(setups) {
  const direct = setups[0];
  return setups.map((setup) => {
    if (!setup.available) return [setup.label, NOT_AVAILABLE, '—', '—', '—', '—'];
    const s = setup.stream;
    const added = setup === direct ? undefined : s.ttfbP50 - direct.stream.ttfbP50;
    return [setup.label, ms(s.ttfbP50), ms(s.ttfbP99), ms(s.totalP50), signedMs(added), `${s.failed} / ${s.count}`];
  });
}

/** One row per process under test (direct has none): RSS before the load, then the peak at each concurrency. */
function memoryRows(setups, concurrencies) {
  return setups.slice(1).map((setup) => {
    if (!setup.available) return [setup.label, NOT_AVAILABLE, ...concurrencies.map(() => '—')];
    return [setup.label, mib(setup.idleRssMiB), ...concurrencies.map((c) => mib(setup.runs[c].rssMiB))];
  });
}

const byLabel = (setups, label) => setups.find((setup) => setup.label === label && setup.available);

/**
 * The targets the issues set (#5: limits and budgets cost ≤ 10 % req/s; #10: the full gateway against the
 * minimal proxy), each with the measured value and whether it held.
 */
function targetRows(setups, concurrencies, limitsCost) {
  const [direct, proxy] = setups;
  const plain = byLabel(setups, 'portico');
  const limited = byLabel(setups, 'portico + limits & budgets');
  const full = setups.at(-1)?.available && setups.length > 4 ? setups.at(-1) : undefined;
  const rows = [];
  const verdict = (ok) => (ok ? 'met' : '**missed**');
  if (limitsCost?.available) {
    for (const c of concurrencies) {
      const { lossPct, cpuLossPct } = limitsCost.byConcurrency[c];
      rows.push([`limits & budgets cost in req/s, c=${c}, alternating runs (#5)`, '≤ 10 %', `${lossPct.toFixed(1)} %`, verdict(lossPct <= 10)]);
      if (cpuLossPct !== undefined) rows.push([`limits & budgets cost in req/s per CPU second, c=${c} (#5)`, '≤ 10 %', `${cpuLossPct.toFixed(1)} %`, verdict(cpuLossPct <= 10)]);
      const { cyclesLossPct } = limitsCost.byConcurrency[c];
      if (cyclesLossPct !== undefined) rows.push([`limits & budgets cost in req/s per CPU cycle, c=${c} (#5)`, '≤ 10 %', `${cyclesLossPct.toFixed(1)} %`, verdict(cyclesLossPct <= 10)]);
    }
  } else if (plain && limited) {
    for (const c of concurrencies) {
      const loss = 100 * (1 - limited.runs[c].rps / plain.runs[c].rps);
      rows.push([`limits & budgets cost in req/s, c=${c} (#5)`, '≤ 10 %', `${loss.toFixed(1)} %`, verdict(loss <= 10)]);
    }
  }
  if (full && proxy?.available) {
    const share = (100 * full.runs[16].rps) / proxy.runs[16].rps;
    rows.push([`${full.label}: req/s vs minimal proxy, c=16 (#10)`, '≥ 70 %', `${share.toFixed(0)} %`, verdict(share >= 70)]);
    const added = full.runs[1].p50 - direct.runs[1].p50;
    rows.push([`${full.label}: added p50, c=1 (#10)`, '≤ 0.5 ms', `${ms(added)} ms`, verdict(added <= 0.5)]);
    const p99 = full.runs[16].p99 - direct.runs[16].p99;
    const proxyP99 = proxy.runs[16].p99 - direct.runs[16].p99;
    rows.push([`${full.label}: added p99, c=16 (#10)`, `≤ 2 × minimal proxy's (${ms(proxyP99)} ms)`, `${ms(p99)} ms`, verdict(p99 <= 2 * proxyP99)]);
    const ttfb = full.stream.ttfbP50 - direct.stream.ttfbP50;
    rows.push([`${full.label}: added stream TTFB p50 (#10)`, '≤ 1 ms', `${ms(ttfb)} ms`, verdict(ttfb <= 1)]);
    const rss = Math.max(...concurrencies.map((c) => full.runs[c].rssMiB ?? 0));
    rows.push([`${full.label}: peak RSS under load (#10)`, '≤ 150 MB', `${(rss * 1.048576).toFixed(0)} MB`, verdict(rss * 1.048576 <= 150)]);
  }
  return rows;
}

/** The tables alone (also printed to stdout). */
function limitsCostTable(limitsCost, concurrencies) {
  if (!limitsCost?.available) return limitsCost ? `The alternating limits-cost runs did not happen: ${limitsCost.reason}\n\n` : '';
  const rows = concurrencies.map((c) => {
    const run = limitsCost.byConcurrency[c];
    const cpu = run.cpu ? [`${int(run.cpu.plain.usPerRequest)} → ${int(run.cpu.limited.usPerRequest)}`, `${run.cpuLossPct.toFixed(1)} %`] : ['', ''];
    const thousands = (value) => (Number.isFinite(value) ? `${int(value / 1000)}k` : '—');
    const percent = (value) => (value === undefined ? '—' : `${value.toFixed(1)} %`);
    cpu.push(
      run.cpu ? `${thousands(run.cpu.plain.cyclesPerRequest)} → ${thousands(run.cpu.limited.cyclesPerRequest)}` : '—',
      percent(run.cyclesLossPct),
      run.cpu ? `${thousands(run.cpu.plain.instructionsPerRequest)} → ${thousands(run.cpu.limited.instructionsPerRequest)}` : '—',
      percent(run.instructionsLossPct),
    );
    return [c, run.plain.map(int).join(' · '), run.limited.map(int).join(' · '), `${run.lossPct.toFixed(1)} %`, ...cpu];
  });
  return `### Cost of limits and budgets, alternating runs (${limitsCost.pairs ?? 1} pair(s) of fresh processes × ${limitsCost.rounds} rounds of ${limitsCost.durationS} s each)\n\n` +
    'CPU µs per request: user + system time of the Portico process and its embedded Postgres over the measured part of every round, ' +
    'per answered request; on a saturated core req/s is its inverse, and it moves far less than req/s when other work shares the machine. ' +
    'Cycles and instructions per request: the Portico process alone, counted by the CPU (`perf stat`), which time slices lost to other work do not move at all; ' +
    'cycles still include cache misses a busy neighbour causes, instructions do not.\n\n' +
    `${table(['concurrency', 'portico req/s, per round', 'portico + limits & budgets req/s, per round', 'cost in req/s', 'CPU µs per request', 'cost per CPU second', 'cycles per request', 'cost per cycle', 'instructions per request', 'cost per instruction'], rows)}\n\n`;
}

export function renderTables({ setups, settings, limitsCost }) {
  const load = table(
    ['setup', 'concurrency', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'added p50 ms', '% of minimal proxy req/s', 'failed'],
    loadRows(setups, settings.concurrencies),
  );
  const stream = table(['setup', 'TTFB p50 ms', 'TTFB p99 ms', 'total p50 ms', 'added TTFB p50 ms', 'failed'], streamRows(setups));
  const peaks = settings.concurrencies.map((c) => `peak at c=${c}`);
  const memory = table(['process', 'RSS before load', ...peaks], memoryRows(setups, settings.concurrencies));
  const targets = targetRows(setups, settings.concurrencies, limitsCost);
  const verdicts = targets.length ? `### Targets\n\n${table(['target', 'goal', 'measured', ''], targets)}\n\n` : '';
  return `${verdicts}### Non-streamed chat completions (${settings.durationS} s per run)\n\n${load}\n\n` +
    limitsCostTable(limitsCost, settings.concurrencies) +
    `### Streamed chat completion, one at a time (${settings.streamCount} sequential requests)\n\n${stream}\n\n` +
    `### Memory of the process under test (VmRSS, MiB)\n\n${memory}\n`;
}

function notes(setups) {
  return setups
    .filter((setup) => !setup.available)
    .map((setup) => `- **${setup.label}: ${NOT_AVAILABLE}** — ${setup.reason}`)
    .join('\n');
}

function method(settings, host) {
  const pinning = host.pinned
    ? 'With `taskset`, the process under test (the minimal proxy, or Portico and its embedded database) is the only bench process on core 0, while the load generator and the fake upstream share core 1 (other work on the machine is not fenced off).'
    : '`taskset` was not usable here, so every process ran unpinned and the numbers mix the load generator with the process under test.';
  return `The setups answer the same OpenAI-compatible \`POST /v1/chat/completions\` on loopback. ` +
    `**direct**: the load generator calls the fake upstream (provider-mock's node:http server from \`dist/\`) itself. ` +
    `**minimal proxy**: a bare node:http server forwarding to the upstream through an undici \`Pool\` with keep-alive, streaming bodies through (\`bench/proxy.mjs\`), the floor for a Node gateway. ` +
    `**portico**: \`node dist/src/main.js\` with the node flags of \`npm run start:prod\` (${PRODUCTION_NODE_ARGS.join(' ') || 'none'}) and a fresh data folder, the bootstrap API key and a provider account \`bench\` (plugin \`provider-openai-compatible\`) pointing at the upstream; ` +
    `**portico + limits & budgets**: another fresh process after adding a price for the model, a per-key rate-limit rule (requests/min, tokens/min and concurrency) and a workspace and a key budget, all far above the load, so every request is counted, reserved and settled and none is refused; ` +
    `**portico + limits & budgets + PII guard**: the same again with the PII redaction guard (default config) bound to every call of the workspace — the full gateway the issue's targets are about; ` +
    `requests use model \`bench/mock-chat\`. ${pinning} ` +
    `Each concurrency level (${settings.concurrencies.join(', ')} connections) gets a ${settings.warmupS} s autocannon warm-up and a ${settings.durationS} s measured run of non-streamed requests; ` +
    `percentiles come from every 2xx response time (sub-millisecond precision), req/s counts 2xx only. ` +
    `"Added" is the setup's p50 minus direct's p50 at the same concurrency. ` +
    `Memory is VmRSS from \`/proc/<pid>/status\` of the proxy's or Portico's Node process (not its database), sampled every 200 ms during each run. ` +
    `The stream test sends ${settings.streamCount} streamed requests one after another on one keep-alive undici connection (after 10 warm-ups); ` +
    `TTFB is the time to the first body byte, total the time to the end of the stream; the upstream waits ${settings.chunkDelayMs} ms between SSE chunks. ` +
    `Because one setup after another drifts with whatever else the machine does, the cost of limits and budgets (#5) is measured a second way: ` +
    `a plain Portico and one with limits and budgets run side by side (each idle while the other is driven) and short runs alternate between them, the order swapped every round; ` +
    `because two identical Portico processes can differ by 10–15 % for their whole life, this is repeated with several pairs of fresh processes (started in alternating order); ` +
    `the cost is one minus the ratio of the summed req/s over all rounds of all pairs. ` +
    `Each round also reads the CPU time the Portico process and its database used (from /proc) and counts the Portico process's cycles and instructions (perf stat, where available), ` +
    `so the same cost is also given per CPU second and per cycle: on a saturated core req/s is the inverse of the work per request, and those figures move far less than req/s when other work shares the machine. ` +
    `The targets table shows each of them.`;
}

/** The whole of docs/benchmarks.md. */
export function renderDocument(results) {
  const host = results.machine;
  const missing = notes(results.setups);
  return `# Benchmarks

Generated by \`npm run bench\` (\`bench/run.mjs\`); do not edit by hand.

- **Date**: ${host.date}
- **CPU**: ${host.cpu}, ${host.cores} cores
- **Node**: ${host.node}
- **Load average (1 min)**: ${host.load.start} just before the run (the bench itself then adds about 2)${busy(host) ? ' — **the machine was busy with other work: read these numbers as noisy, especially p90/p99 and c=1**' : ''}
- **Pinning**: ${host.pinned ? 'taskset (process under test on core 0; load generator + fake upstream on core 1)' : 'none (taskset unavailable)'}
${results.settings.quick ? '- **Mode**: BENCH_QUICK=1 (short smoke-test runs; noisy)\n' : ''}
## Method

${method(results.settings, host)}

## Results

Where the time goes when a target is missed: \`npm run bench:profile\` (a CPU profile of Portico under the same load, summarised by package and function) and the analysis in [performance.md](performance.md).

${renderTables(results)}${missing ? `\n${missing}\n` : ''}`;
}
