import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { cpus } from 'node:os';

/** One scenario's line in test-results/faults.md. */
export interface ScenarioReport {
  scenario: string;
  fault: string;
  requests: number;
  statuses: Record<string, number>;
  /** Not sent because the in-flight cap was reached (the caller's side, not the gateway's). */
  skipped: number;
  broken: number;
  recoveryMs?: number;
  answered: number;
  rows: number;
  notes: string[];
  passed: boolean;
}

const statuses = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([status, count]) => `${status}×${count}`)
    .join(', ');

export function writeFaultsReport(file: string, reports: readonly ScenarioReport[], startedAt: Date, seconds: number): void {
  const lines = [
    '# Fault suite',
    '',
    `Written by \`npm run test:faults\` on ${startedAt.toISOString()}; Node ${process.version}, ${cpus().length} cores; ${seconds.toFixed(0)} s in all.`,
    'Each scenario runs a steady open-loop load (half streamed) through a real Portico process, injects one fault, ends it,',
    'then checks what callers saw and counts the call-log rows of exactly those requests after the writer flushed (and replayed its spill).',
    '',
    '`200+error-event`: a stream that started and then ended with an error event (the gateway\'s rule once bytes are sent).',
    '`refused`/`unreachable`: no answer from Portico as a call (connection refused, or 503 without our `x-request-id` while closing): no row is owed.',
    '`BROKEN`: a 200 with an incomplete body, a stream with neither `[DONE]` nor an error event, or an error outside the envelope: always a failure.',
    'Recovery: from the end of the fault to the end of the first fully good answer to a request sent after it.',
    '',
    '| scenario | fault | requests | statuses | broken | recovery ms | answered vs rows | result | notes |',
    '|---|---|---:|---|---:|---:|---|---|---|',
    ...reports.map(
      (report) =>
        `| ${report.scenario} | ${report.fault} | ${report.requests}${report.skipped ? ` (+${report.skipped} not sent)` : ''} | ${statuses(report.statuses)} | ${report.broken} | ${report.recoveryMs ?? '—'} | ${report.answered} vs ${report.rows}${report.answered === report.rows ? ' ✓' : ' ✗'} | ${report.passed ? 'pass' : '**FAIL**'} | ${report.notes.join('; ')} |`,
    ),
    '',
  ];
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, lines.join('\n'));
}
