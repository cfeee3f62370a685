import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallRecord } from '../call-records/call-record';
import { callRecord } from './__fixtures__/call-record.fixture';
import { registerCallLogMetrics } from './call-log-metrics';
import type { CallLogSink } from './call-log-sink';
import { CallLogSpill } from './call-log-spill';
import { CallLogWriter, type CallLogWriterOptions } from './call-log-writer';

/** Postgres as the writer sees it: idempotent on callId, can be down, can refuse poison, can hang. */
class FakeSink implements CallLogSink {
  readonly rows = new Map<string, CallRecord>();
  readonly order: string[] = [];
  readonly batches: number[] = [];
  available = true;
  readonly poison = new Set<string>();
  private gate?: Promise<void>;
  private openGate?: () => void;

  async write(records: readonly CallRecord[]): Promise<number> {
    this.batches.push(records.length);
    if (this.gate) await this.gate;
    if (!this.available) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    if (records.some((record) => this.poison.has(record.callId))) throw Object.assign(new Error('integer out of range'), { code: '22003' });
    let inserted = 0;
    for (const record of records) {
      if (this.rows.has(record.callId)) continue;
      this.rows.set(record.callId, record);
      this.order.push(record.callId);
      inserted += 1;
    }
    return inserted;
  }

  hang(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }

  release(): void {
    this.gate = undefined;
    this.openGate?.();
  }
}

const silent = pino({ level: 'silent' });
const records = (count: number) => Array.from({ length: count }, (_, index) => callRecord({ requestId: `req-${index}` }));

describe('CallLogWriter', () => {
  let dir: string;
  let sink: FakeSink;
  let registry: Registry;
  let writer: CallLogWriter;
  const writers: CallLogWriter[] = [];

  const startWriter = async (options: Partial<CallLogWriterOptions> = {}) => {
    registry = new Registry();
    const metrics = registerCallLogMetrics(registry);
    const spill = new CallLogSpill(dir, { onCorrupt: (count) => metrics.writeErrors.inc({ reason: 'spill_corrupt' }, count) });
    writer = new CallLogWriter(sink, spill, metrics, silent, { batchSize: 10, flushMs: 60_000, queueMax: 1_000, retryMinMs: 1, retryMaxMs: 5, coalesceBatches: 1, ...options });
    writers.push(writer);
    await writer.start();
    return writer;
  };
  const metric = async (name: string, labels: Record<string, string> = {}) => {
    const values = (await registry.getSingleMetric(name)!.get()).values;
    return values.filter((value) => Object.entries(labels).every(([key, label]) => value.labels[key] === label)).reduce((sum, value) => sum + value.value, 0);
  };
  const spillFiles = () => readdirSync(dir).filter((name) => name.startsWith('spill-'));
  const spillLines = () => spillFiles().flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n').filter(Boolean));
  const rejectedLines = () =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.rejected.jsonl'))
      .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line)));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'portico-spill-'));
    sink = new FakeSink();
  });
  afterEach(async () => {
    sink.release();
    await Promise.all(writers.splice(0).map((each) => each.close(1_000)));
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a batch as soon as it is full, and the remainder when flushed', async () => {
    await startWriter();
    for (const record of records(25)) writer.push(record);
    await writer.flush();
    expect(sink.batches).toEqual([10, 10, 5]);
    expect(sink.rows.size).toBe(25);
    expect(await metric('portico_call_log_rows_written_total')).toBe(25);
  });

  it('when behind, writes several queued batches in one insert', async () => {
    await startWriter({ concurrency: 1, coalesceBatches: 3 });
    sink.hang();
    for (const record of records(10)) writer.push(record);
    await expect.poll(() => sink.batches.length).toBe(1);
    for (const record of records(45)) writer.push(record);
    sink.release();
    await writer.flush();
    expect(sink.batches).toEqual([10, 30, 15]);
    expect(sink.rows.size).toBe(55);
  });

  it('writes a partial batch once it is flushMs old', async () => {
    await startWriter({ flushMs: 5 });
    for (const record of records(3)) writer.push(record);
    await expect.poll(() => sink.rows.size).toBe(3);
    expect(sink.batches).toEqual([3]);
  });

  it('never makes push wait: records queue while a write hangs, and the gauge reports them', async () => {
    await startWriter();
    sink.hang();
    for (const record of records(35)) writer.push(record);
    expect(writer.depth).toBe(35);
    expect(await metric('portico_call_log_queue_depth')).toBe(35);
    sink.release();
    await writer.flush();
    expect(sink.rows.size).toBe(35);
    expect(writer.depth).toBe(0);
  });

  it('writes up to `concurrency` batches at once; when they fail, their records are spilled', async () => {
    await startWriter({ concurrency: 2 });
    sink.hang();
    for (const record of records(40)) writer.push(record);
    await expect.poll(() => sink.batches.length).toBe(2);
    sink.release();
    await writer.flush();
    expect(sink.rows.size).toBe(40);
    expect(sink.batches).toEqual([10, 10, 10, 10]);

    sink.available = false;
    sink.batches.length = 0;
    sink.hang();
    for (const record of records(40)) writer.push(record);
    await expect.poll(() => sink.batches.length).toBe(2);
    sink.release();
    await writer.flush();
    expect(await metric('portico_call_log_spilled_total')).toBe(40);
  });

  it('spills while the database is down, then replays every spilled record once it answers, and deletes the file', async () => {
    await startWriter();
    sink.available = false;
    const published = records(30);
    for (const record of published) writer.push(record);
    await writer.flush();
    expect(sink.rows.size).toBe(0);
    expect(await metric('portico_call_log_spilled_total')).toBe(30);
    expect(await metric('portico_call_log_write_errors_total', { reason: 'database_unavailable' })).toBeGreaterThan(0);
    expect(spillLines().map((line) => JSON.parse(line).callId)).toEqual(published.map((record) => record.callId));

    sink.available = true;
    await expect.poll(() => sink.rows.size).toBe(30);
    await expect.poll(() => writer.replayPending).toBe(false);
    expect(await metric('portico_call_log_replayed_total')).toBe(30);
    expect(spillFiles()).toEqual([]);
    // Replayed in the order they were spilled.
    const replayed = sink.order.filter((id) => published.some((record) => record.callId === id));
    expect(replayed).toEqual(published.map((record) => record.callId));
  });

  it('spills the oldest batches when the queue outgrows queueMax, and writes them later', async () => {
    await startWriter({ queueMax: 20, concurrency: 1 });
    sink.hang();
    for (const record of records(60)) writer.push(record);
    // 10 in the hung write, at most queueMax queued; the oldest of the rest went to disk.
    await expect.poll(() => writer.depth).toBeLessThanOrEqual(30);
    expect(await metric('portico_call_log_spilled_total')).toBeGreaterThanOrEqual(30);
    sink.release();
    await writer.flush();
    await expect.poll(() => sink.rows.size).toBe(60);
    await expect.poll(() => writer.replayPending).toBe(false);
  });

  it('isolates poison records: the rest of the batch is written, the rejects quarantined and counted, the queue moves on', async () => {
    await startWriter();
    const batch = records(10);
    sink.poison.add(batch[2].callId);
    sink.poison.add(batch[7].callId);
    for (const record of batch) writer.push(record);
    for (const record of records(10)) writer.push(record);
    await writer.flush();
    expect(sink.rows.size).toBe(18);
    expect(await metric('portico_call_log_write_errors_total', { reason: 'record_rejected' })).toBe(2);
    expect(rejectedLines().map((line) => [line.reason, line.record.callId])).toEqual([
      ['record_rejected', batch[2].callId],
      ['record_rejected', batch[7].callId],
    ]);
    expect(rejectedLines()[0].error).toMatch(/^22003: /);
    expect(spillFiles()).toEqual([]);
  });

  it('at shutdown with the database down, spills what is queued; the next start replays it', async () => {
    await startWriter();
    sink.available = false;
    const published = records(15);
    for (const record of published) writer.push(record);
    await writer.close(1_000);
    expect(sink.rows.size).toBe(0);
    expect(spillFiles().every((name) => name.endsWith('.jsonl'))).toBe(true);
    expect(spillLines()).toHaveLength(15);

    sink.available = true;
    await startWriter();
    await expect.poll(() => sink.rows.size).toBe(15);
    await expect.poll(() => spillFiles()).toEqual([]);
  });

  it('when the shutdown budget runs out mid-write, spills the write in flight too; replaying it twice counts once', async () => {
    await startWriter({ concurrency: 1 });
    for (const record of records(15)) writer.push(record);
    sink.hang();
    await writer.close(20);
    expect(spillLines()).toHaveLength(15);

    sink.release(); // the hung write commits after all
    await expect.poll(() => sink.rows.size).toBe(10);
    await startWriter();
    await expect.poll(() => sink.rows.size).toBe(15);
    await expect.poll(() => spillFiles()).toEqual([]);
    expect(await metric('portico_call_log_rows_written_total')).toBe(5);
    expect(await metric('portico_call_log_replayed_total')).toBe(15);
  });

  it('adopts a crashed run: an .open spill file is replayed and a torn last line is quarantined, not lost silently', async () => {
    const published = records(3);
    const lines = published.map((record) => JSON.stringify(record)).join('\n');
    writeFileSync(join(dir, `spill-${String(Date.now()).padStart(13, '0')}-999999-000000.jsonl.open`), `${lines}\n{"callId":"torn`);
    await startWriter();
    await expect.poll(() => sink.rows.size).toBe(3);
    await expect.poll(() => spillFiles()).toEqual([]);
    expect(await metric('portico_call_log_write_errors_total', { reason: 'spill_corrupt' })).toBe(1);
    expect(rejectedLines()).toEqual([expect.objectContaining({ reason: 'spill_corrupt', line: '{"callId":"torn' })]);
  });

  it('holds records in memory when the spill file cannot be written, and writes them once the database answers', async () => {
    await startWriter({ spillRetryMs: 1 });
    rmSync(dir, { recursive: true, force: true });
    writeFileSync(dir, 'not a folder');
    sink.available = false;
    for (const record of records(12)) writer.push(record);
    await expect.poll(() => metric('portico_call_log_write_errors_total', { reason: 'spill_failed' })).toBeGreaterThan(0);
    expect(writer.depth).toBe(12);
    sink.available = true;
    await writer.flush();
    expect(sink.rows.size).toBe(12);
    expect(await metric('portico_call_log_dropped_total')).toBe(0);
    rmSync(dir, { force: true });
  });
});
