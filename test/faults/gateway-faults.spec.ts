import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/portico-process';
import { BREAKER_COOLDOWN_MS, FAULT_KEY, FAULT_ROUTE, FaultStack, ROUTE_POLICY } from './support/fault-stack';
import { type CallOutcome, errorCodes, recoveryMs, statusCounts, SteadyLoad } from './support/load';
import { type ScenarioReport, writeFaultsReport } from './support/report';

const RATE_PER_SECOND = 60;
const REPORT_FILE = join(REPO_ROOT, 'test-results/faults.md');

interface Window {
  outcomes: CallOutcome[];
  /** Requests sent while the fault was on. */
  during: CallOutcome[];
  /** Requests sent while the fault was surely on for them: `during` less 300 ms after its start and 500 ms before its end. */
  core: CallOutcome[];
  faultStart: number;
  faultEnd: number;
}

interface Scenario {
  name: string;
  fault: string;
  warmMs?: number;
  faultMs: number;
  inject(): Promise<void> | void;
  /** Ends the fault; answers notes for the report. */
  heal(): Promise<void> | void;
  /** Runs after the fault ended while the load goes on (e.g. to wait for a background recovery); failures returned. */
  whileRecovering?(notes: string[]): Promise<string[]>;
  /** Scenario-specific checks: each string returned is a failure. */
  check(window: Window, notes: string[]): Promise<string[]> | string[];
}

const reports: ScenarioReport[] = [];
const suiteStarted = new Date();
let stack: FaultStack;

beforeAll(async () => {
  stack = await FaultStack.start();
}, 180_000);

afterAll(async () => {
  writeFaultsReport(REPORT_FILE, reports, suiteStarted, (Date.now() - suiteStarted.getTime()) / 1_000);
  await stack?.close();
}, 60_000);

const label = (outcome: CallOutcome) => (outcome.verdict === 'ok' ? 'ok' : outcome.verdict === 'stream-error' ? '200+error-event' : `${outcome.status ?? outcome.verdict}`);

/** Failures for outcomes of `window` whose label is not allowed. */
function onlyAllowed(outcomes: readonly CallOutcome[], allowed: readonly string[], when: string): string[] {
  const unexpected = outcomes.filter((outcome) => !allowed.includes(label(outcome)));
  if (unexpected.length === 0) return [];
  return [`${when}: ${unexpected.length} unexpected answers (${Object.entries(statusCounts(unexpected)).map(([status, count]) => `${status}×${count}`).join(', ')}), allowed ${allowed.join('/')}; first: ${unexpected[0].requestId} ${unexpected[0].reason ?? ''}`];
}

/**
 * Runs the load, injects the fault for `faultMs`, ends it, keeps the load on until the first good
 * answer (at most 60 s) plus a little, then compares answered requests with call-log rows.
 */
async function runScenario(scenario: Scenario): Promise<void> {
  const prefix = `f${reports.length + 1}`;
  const notes: string[] = [];
  const spentBefore = (await stack.heldWhenIdle()).spentUsd;
  const outagesBefore = await stack.metric('portico_limits_redis_outages');
  const load = new SteadyLoad({ baseUrl: stack.baseUrl, apiKey: FAULT_KEY, model: FAULT_ROUTE, prefix, ratePerSecond: RATE_PER_SECOND });
  await sleep(scenario.warmMs ?? 2_000);
  const faultStart = performance.now();
  await scenario.inject();
  await sleep(scenario.faultMs);
  await scenario.heal();
  const faultEnd = performance.now();
  const recoveringFailures = (await scenario.whileRecovering?.(notes)) ?? [];
  const recoveryDeadline = faultEnd + 60_000;
  while (recoveryMs(load.outcomes, faultEnd) === undefined && performance.now() < recoveryDeadline) await sleep(100);
  await sleep(1_500);
  const outcomes = await load.stop();
  const answered = load.answered;
  const rows = await stack.settledRows(prefix, answered.size);

  const failures: string[] = [...recoveringFailures];
  const broken = outcomes.filter((outcome) => outcome.verdict === 'broken');
  if (broken.length > 0) failures.push(`${broken.length} broken answers, e.g. ${broken.slice(0, 3).map((outcome) => `${outcome.requestId}: ${outcome.reason}`).join(' | ')}`);
  const recovery = recoveryMs(outcomes, faultEnd);
  if (recovery === undefined) failures.push('no good answer within 60 s after the fault ended');
  const rowSet = new Set(rows);
  if (rows.length !== rowSet.size) failures.push(`${rows.length - rowSet.size} duplicate call-log rows`);
  const missing = [...answered].filter((id) => !rowSet.has(id));
  const extra = [...rowSet].filter((id) => !answered.has(id));
  if (missing.length > 0) failures.push(`${missing.length} answered requests without a call-log row, e.g. ${missing.slice(0, 3).join(', ')}`);
  if (extra.length > 0) failures.push(`${extra.length} call-log rows for requests nobody got an answer to, e.g. ${extra.slice(0, 3).join(', ')}`);
  const held = await stack.heldWhenIdle();
  const outages = (await stack.metric('portico_limits_redis_outages')) - outagesBefore;
  if (outages > 0) notes.push(`limits store fell back to memory ${outages}×`);
  if (held.reservedUsd !== 0) failures.push(`the budget still holds ${held.reservedUsd} USD reserved with nothing in flight`);
  if (held.leases !== 0) failures.push(`${held.leases} concurrency leases still held in Redis with nothing in flight`);
  if (!(held.spentUsd > spentBefore)) failures.push(`the budget's spend did not grow (${spentBefore} → ${held.spentUsd}): calls were not metered`);
  if (stack.rejectedFiles().length > 0) failures.push(`call records quarantined: ${stack.rejectedFiles().join(', ')}`);
  const during = outcomes.filter((outcome) => outcome.startedAt >= faultStart && outcome.startedAt < faultEnd);
  const codes = errorCodes(outcomes);
  if (Object.keys(codes).length > 0) notes.push(`codes ${Object.entries(codes).map(([code, count]) => `${code}×${count}`).join(', ')}`);
  const core = during.filter((outcome) => outcome.startedAt >= faultStart + 300 && outcome.startedAt < faultEnd - 500);
  failures.push(...(await scenario.check({ outcomes, during, core, faultStart, faultEnd }, notes)));
  if (stack.portico.child.exitCode !== null) failures.push(`portico exited with ${stack.portico.child.exitCode}`);

  const report: ScenarioReport = {
    scenario: scenario.name,
    fault: scenario.fault,
    requests: outcomes.length,
    statuses: statusCounts(outcomes),
    skipped: load.skipped,
    broken: broken.length,
    recoveryMs: recovery,
    answered: answered.size,
    rows: rows.length,
    notes,
    passed: failures.length === 0,
  };
  reports.push(report);
  process.stderr.write(`fault ${scenario.name}: ${JSON.stringify(report)}\n${failures.map((failure) => `  FAIL ${failure}\n`).join('')}`);
  expect(failures).toEqual([]);
  expect(rows.length).toBe(answered.size);
}

describe('fault suite: one fault at a time under steady load', () => {
  it('baseline: no fault, every answer complete, one row per answer', () =>
    runScenario({
      name: 'baseline',
      fault: 'none',
      faultMs: 3_000,
      inject: () => undefined,
      heal: () => undefined,
      check: ({ outcomes }) => onlyAllowed(outcomes, ['ok'], 'baseline'),
    }), 120_000);

  it('upstream 429 storm: callers see 429 with retry-after in the envelope, then recover', () =>
    runScenario({
      name: 'upstream-429-storm',
      fault: 'every upstream call answers 429 (retry-after: 1) for 6 s',
      faultMs: 6_000,
      inject: () => stack.setUpstream(() => ({ kind: 'error', status: 429, retryAfter: '1' })),
      heal: () => stack.healUpstream(),
      check: ({ outcomes, during }, notes) => {
        notes.push(`${during.filter((outcome) => outcome.status === 429).length} of ${during.length} sent during the storm got 429`);
        return [...onlyAllowed(outcomes, ['ok', '429'], 'all'), ...(during.some((outcome) => outcome.status === 429) ? [] : ['no caller saw 429 during the storm'])];
      },
    }), 120_000);

  it('upstream 5xx: callers see 502/503 in the envelope, the breaker recovers', () =>
    runScenario({
      name: 'upstream-5xx',
      fault: 'every upstream call answers 500 or 503 for 6 s',
      faultMs: 6_000,
      inject: () => {
        let flip = 0;
        stack.setUpstream(() => ({ kind: 'error', status: flip++ % 2 === 0 ? 500 : 503 }));
      },
      heal: () => stack.healUpstream(),
      check: ({ outcomes, during, core }, notes) => {
        notes.push(`breaker cooldown ${BREAKER_COOLDOWN_MS} ms; during: ${JSON.stringify(statusCounts(during))}`);
        return [...onlyAllowed(outcomes, ['ok', '502', '503'], 'all'), ...onlyAllowed(core, ['502', '503'], 'during')];
      },
    }), 120_000);

  it('upstream hang: callers get 504 after the first-byte timeout, never a hang', () =>
    runScenario({
      name: 'upstream-hang',
      fault: `upstream accepts and never answers for 6 s (first-byte timeout ${ROUTE_POLICY.timeouts.firstByteMs} ms, 2 attempts)`,
      faultMs: 6_000,
      inject: () => stack.setUpstream(() => ({ kind: 'hang' })),
      heal: () => stack.healUpstream(),
      check: ({ outcomes, during }, notes) => {
        const slowest = Math.max(...outcomes.map((outcome) => outcome.endedAt - outcome.startedAt));
        notes.push(`slowest answer ${Math.round(slowest)} ms`);
        return [
          ...onlyAllowed(outcomes, ['ok', '504', '503'], 'all'),
          ...(during.some((outcome) => outcome.status === 504) ? [] : ['no caller saw 504 during the hang']),
          ...(slowest > ROUTE_POLICY.timeouts.totalMs * 2 ? [`an answer took ${Math.round(slowest)} ms`] : []),
        ];
      },
    }), 120_000);

  it('slow first byte under the timeout: every answer is still a complete 200', () =>
    runScenario({
      name: 'slow-first-byte',
      fault: 'upstream waits 800 ms before its first byte for 6 s',
      faultMs: 6_000,
      inject: () => stack.setUpstream(() => ({ kind: 'ok', firstByteDelayMs: 800 })),
      heal: () => stack.healUpstream(),
      check: ({ outcomes, during }, notes) => {
        const latencies = during.map((outcome) => outcome.endedAt - outcome.startedAt).sort((a, b) => a - b);
        notes.push(`p50 ${Math.round(latencies[Math.floor(latencies.length / 2)] ?? 0)} ms during the fault`);
        return onlyAllowed(outcomes, ['ok'], 'all');
      },
    }), 120_000);

  it('stream cut mid-way: a started stream ends with an error event, a cut body becomes 502', () =>
    runScenario({
      name: 'stream-cut',
      fault: 'upstream cuts every answer mid-way (after 3 stream events / half the JSON) for 6 s',
      faultMs: 6_000,
      inject: () => stack.setUpstream(() => ({ kind: 'cut', afterChunks: 3 })),
      heal: () => stack.healUpstream(),
      check: ({ outcomes, during, core }, notes) => {
        notes.push(`during: ${JSON.stringify(statusCounts(during))}`);
        return [
          ...onlyAllowed(outcomes, ['ok', '200+error-event', '502', '503'], 'all'),
          ...onlyAllowed(core, ['200+error-event', '502', '503'], 'during'),
          ...(during.some((outcome) => outcome.verdict === 'stream-error') ? [] : ['no stream ended with an error event']),
        ];
      },
    }), 120_000);

  it('a guard plugin that throws (fail-closed): callers get 503 in the envelope, the process keeps serving', async () => {
    let bindingId = '';
    await runScenario({
      name: 'guard-throws',
      fault: 'guard-faulty bound to the workspace in mode throw, failMode closed, for 5 s, then unbound',
      faultMs: 5_000,
      inject: async () => {
        const bound = await stack.admin('POST', '/guard-bindings', { pluginId: 'guard-faulty', scope: 'workspace', config: { mode: 'throw' }, failMode: 'closed' });
        expect(bound.status).toBe(201);
        bindingId = bound.json.id;
      },
      heal: async () => {
        expect((await stack.admin('DELETE', `/guard-bindings/${bindingId}`)).status).toBeLessThan(300);
      },
      check: ({ outcomes, during }, notes) => {
        notes.push(`during: ${JSON.stringify(statusCounts(during))}`);
        return [...onlyAllowed(outcomes, ['ok', '503'], 'all'), ...(during.some((outcome) => outcome.status === 503) ? [] : ['no caller saw the guard fail closed'])];
      },
    });
  }, 120_000);

  it('Redis stopped then started: limits degrade to per-process, callers see nothing, limits go back to Redis', async () => {
    let degradedSeen = false;
    await runScenario({
      name: 'redis-stop',
      fault: 'the suite\'s redis-server stopped for 8 s, then started empty',
      faultMs: 8_000,
      inject: () => stack.redis.stop(),
      heal: async () => {
        degradedSeen = (await stack.metric('portico_limits_degraded')) === 1;
        await stack.redis.start();
      },
      // The store probes Redis from the request path (at most every 2 s), so this waits with the load still on.
      whileRecovering: async (notes) => {
        const started = performance.now();
        while (performance.now() - started < 20_000 && (await stack.metric('portico_limits_degraded')) !== 0) await sleep(100);
        if ((await stack.metric('portico_limits_degraded')) !== 0) return ['portico_limits_degraded still 1 20 s after Redis came back'];
        notes.push(`limits back on Redis ${Math.round(performance.now() - started)} ms after it started`);
        return [];
      },
      check: ({ outcomes }) => [...onlyAllowed(outcomes, ['ok'], 'all'), ...(degradedSeen ? [] : ['portico_limits_degraded was not 1 while Redis was down'])],
    });
  }, 120_000);

  it('Postgres stopped for 30 s: the data plane keeps serving, the writer spills and replays every record', async () => {
    let spilled = 0;
    let readyWhileDown = 0;
    await runScenario({
      name: 'postgres-stop-30s',
      fault: 'the suite\'s Postgres stopped for 30 s, then started',
      faultMs: 30_000,
      inject: () => stack.postgres.stop(),
      heal: async () => {
        spilled = await stack.metric('portico_call_log_spilled_total');
        readyWhileDown = (await fetch(`${stack.baseUrl}/readyz`)).status;
        await stack.postgres.start();
      },
      whileRecovering: async (notes) => {
        const started = performance.now();
        while (performance.now() - started < 30_000 && (await fetch(`${stack.baseUrl}/readyz`)).status !== 200) await sleep(100);
        const ready = (await fetch(`${stack.baseUrl}/readyz`)).status;
        notes.push(`/readyz ${readyWhileDown} while down, ${ready} ${Math.round(performance.now() - started)} ms after the restart`);
        return [...(readyWhileDown === 503 ? [] : [`/readyz answered ${readyWhileDown} while Postgres was down`]), ...(ready === 200 ? [] : ['/readyz not 200 30 s after Postgres came back'])];
      },
      check: async ({ outcomes, during }, notes) => {
        const [spilledTotal, replayedTotal] = [await stack.metric('portico_call_log_spilled_total'), await stack.metric('portico_call_log_replayed_total')];
        notes.push(`${during.length} sent while Postgres was down; ${spilled} records spilled during the outage, ${spilledTotal} spilled and ${replayedTotal} replayed in all`);
        return [
          ...onlyAllowed(outcomes, ['ok'], 'all'),
          ...(spilled > 0 ? [] : ['nothing was spilled while Postgres was down']),
          ...(replayedTotal === spilledTotal ? [] : [`${spilledTotal} spilled but ${replayedTotal} replayed`]),
        ];
      },
    });
  }, 240_000);

  it('SIGTERM with requests in flight: they finish, new ones are refused, exit 0, the restart replays the rest', async () => {
    let sigtermAt = 0;
    let exitCode: number | null = null;
    let bootMs = 0;
    await runScenario({
      name: 'sigterm-in-flight',
      fault: 'slow answers (streams 100 ms per event, 500 ms first byte), SIGTERM, restart',
      warmMs: 2_000,
      faultMs: 0,
      inject: async () => {
        stack.setUpstream(() => ({ kind: 'ok', firstByteDelayMs: 500, chunkDelayMs: 100 }));
        await sleep(1_500);
        sigtermAt = performance.now();
        exitCode = await stack.portico.stop('SIGTERM');
      },
      heal: async () => {
        stack.healUpstream();
        bootMs = await stack.startPortico();
      },
      check: ({ outcomes, faultEnd }, notes) => {
        const inFlight = outcomes.filter((outcome) => outcome.startedAt < sigtermAt && outcome.endedAt > sigtermAt);
        const down = outcomes.filter((outcome) => outcome.startedAt >= sigtermAt && outcome.startedAt < faultEnd);
        notes.push(`exit ${exitCode}; ${inFlight.length} in flight at SIGTERM (${inFlight.filter((outcome) => outcome.verdict === 'ok').length} finished as complete 200s, the rest refused before Portico took them); while closed/booting (${bootMs} ms boot): ${JSON.stringify(statusCounts(down))}`);
        // A request still on its way when the listener closed may be refused (no row is owed, and the row count
        // proves Portico did not handle it); one Portico took must finish as a complete 200.
        const failures = [...onlyAllowed(inFlight, ['ok', 'refused', 'unreachable'], 'in flight at SIGTERM'), ...onlyAllowed(outcomes, ['ok', 'refused', 'unreachable'], 'all')];
        if (exitCode !== 0) failures.push(`exit code ${exitCode}`);
        if (!inFlight.some((outcome) => outcome.verdict === 'ok')) failures.push('no request in flight at SIGTERM finished');
        return failures;
      },
    });
  }, 240_000);
});
