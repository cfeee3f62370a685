import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { Registry } from 'prom-client';
import type { DataSource, EntityManager } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRecord } from '../../src/audit/call-logs/__fixtures__/call-record.fixture';
import { CallLogBatchesRepository } from '../../src/audit/call-logs/call-log-batches.repository';
import { registerCallLogMetrics } from '../../src/audit/call-logs/call-log-metrics';
import { CallLogPartitionMaintainer } from '../../src/audit/call-logs/call-log-partition-maintainer';
import { addDays, CallLogPartitionsRepository, startOfUtcDay } from '../../src/audit/call-logs/call-log-partitions.repository';
import type { CallBatchObserver } from '../../src/audit/call-logs/call-log-sink';
import { CallLogSpill } from '../../src/audit/call-logs/call-log-spill';
import { CallLogWriter } from '../../src/audit/call-logs/call-log-writer';
import { CallLogsRepository } from '../../src/audit/call-logs/call-logs.repository';
import { CallLogSettingsSnapshot } from '../../src/audit/call-logs/settings/call-log-settings-snapshot';
import { CallLogSettingsRepository } from '../../src/audit/call-logs/settings/call-log-settings.repository';
import type { CallRecord } from '../../src/audit/call-records/call-record';
import { CallRecords } from '../../src/audit/call-records/call-records';
import { PgChangeBus } from '../../src/common/change-bus/pg-change-bus';
import { connectDataSource } from '../../src/database/data-source';
import { runPendingMigrations } from '../../src/database/migration-runner';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const silent = pino({ level: 'silent' });
const DAY = 86_400_000;

describe('call logs on a real Postgres', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let workspaceId: string;
  const count = async (where = 'true', params: unknown[] = []) => (await dataSource.query(`SELECT count(*)::int AS n FROM call_logs WHERE ${where}`, params))[0].n as number;
  const partitionOf = async (callId: string) => (await dataSource.query(`SELECT tableoid::regclass::text AS p FROM call_logs WHERE call_id = $1`, [callId]))[0]?.p;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await connectDataSource({ url: database.url, poolSize: 4 });
    await runPendingMigrations(dataSource);
    [{ id: workspaceId }] = await dataSource.query(`INSERT INTO workspaces (slug, name) VALUES ('logs', 'Logs') RETURNING id`);
    await new CallLogPartitionMaintainer(new CallLogPartitionsRepository(dataSource), silent, { retentionDays: 30 }).runOnce();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  describe('batch insert', () => {
    it('inserts a batch in one statement, every column round-trips, and a replay of it inserts nothing', async () => {
      const ws = randomUUID();
      const full = callRecord({
        workspaceId: ws,
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
        routeName: 'chat-default',
        promptApiId: randomUUID(),
        promptId: randomUUID(),
        promptVersion: 3,
        attempts: [{ target: 'openai/gpt-4o', status: 429, errorClass: 'upstream_rate_limited', ms: 12.5 }, { target: 'mock/mock-chat', ms: 3 }],
        stream: true,
        status: 200,
        costNanoUsd: 9_007_199_254_740,
        ttfbMs: 1.75,
        cacheHit: true,
        tokensEstimated: true,
        cachedTokens: 4,
        reasoningTokens: 2,
        guardVerdicts: [{ guardId: 'guard-pii-redaction', version: '1.0.0', phase: 'request', action: 'modify', counts: { email: 2 } }],
        requestBody: { messages: [{ role: 'user', content: 'héllo "quoted" \\ back' }] },
        responseBody: { choices: [] },
      });
      const batch = [full, ...Array.from({ length: 999 }, () => callRecord({ workspaceId: ws }))];
      const sink = new CallLogBatchesRepository(dataSource);
      expect(await sink.write(batch)).toBe(1000);
      expect(await sink.write(batch)).toBe(0);
      expect(await count('workspace_id = $1', [ws])).toBe(1000);

      const stored = await new CallLogsRepository(dataSource).find(ws, full.callId);
      const { requestBody, responseBody, ...summary } = full;
      expect(stored).toEqual({ ...summary, hasBodies: true, requestBody, responseBody });
      expect(await partitionOf(full.callId)).toMatch(/^call_logs_p\d{8}$/);
    });

    it('hands the observer only the rows that were new, inside the transaction: when it fails, the batch is not written', async () => {
      const seen: CallRecord[][] = [];
      let fail = false;
      const observer: CallBatchObserver = {
        async applyBatch(manager: EntityManager, records) {
          expect((await manager.query(`SELECT count(*)::int AS n FROM call_logs WHERE call_id = ANY($1::uuid[])`, [records.map((r) => r.callId)]))[0].n).toBe(records.length);
          seen.push([...records]);
          if (fail) throw new Error('rollups broke');
        },
      };
      const sink = new CallLogBatchesRepository(dataSource, observer);
      const old = callRecord();
      await sink.write([old]);
      const fresh = callRecord();
      expect(await sink.write([old, fresh, fresh])).toBe(1);
      expect(seen.map((batch) => batch.map((record) => record.callId))).toEqual([[old.callId], [fresh.callId]]);

      fail = true;
      const lost = callRecord();
      await expect(sink.write([lost])).rejects.toThrow('rollups broke');
      expect(await count('call_id = $1', [lost.callId])).toBe(0);
    });
  });

  describe('the writer on Postgres', () => {
    it('quarantines what Postgres rejects (an out-of-range integer, a NUL in JSON) and writes the rest of the batch', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'portico-spill-'));
      const registry = new Registry();
      const metrics = registerCallLogMetrics(registry);
      const writer = new CallLogWriter(new CallLogBatchesRepository(dataSource), new CallLogSpill(dir), metrics, silent, { batchSize: 100, flushMs: 60_000, queueMax: 10_000 });
      await writer.start();
      const ws = randomUUID();
      const batch = Array.from({ length: 100 }, () => callRecord({ workspaceId: ws }));
      const outOfRange = { ...batch[10], promptTokens: 2 ** 40 };
      const nul = { ...batch[60], requestBody: { content: 'a\u0000b' } };
      batch[10] = outOfRange;
      batch[60] = nul;
      for (const record of batch) writer.push(record);
      await writer.flush();
      await writer.close(1_000);

      expect(await count('workspace_id = $1', [ws])).toBe(98);
      const rejected = readdirSync(dir)
        .filter((name) => name.endsWith('.rejected.jsonl'))
        .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line)));
      expect(rejected.map((entry) => [entry.record.callId, entry.error.slice(0, 5)])).toEqual([
        [outOfRange.callId, '22003'],
        [nul.callId, '22P05'],
      ]);
      const errors = (await registry.getSingleMetric('portico_call_log_write_errors_total')!.get()).values;
      expect(errors.find((value) => value.labels.reason === 'record_rejected')?.value).toBe(2);
      rmSync(dir, { recursive: true, force: true });
    });
  });

  describe('partitions', () => {
    const partitions = () => new CallLogPartitionsRepository(dataSource);
    const maintainer = (now: Date, retentionDays = 30) => new CallLogPartitionMaintainer(partitions(), silent, { retentionDays, now: () => now });

    it('creates daily partitions from today to two days ahead, idempotently', async () => {
      const now = new Date('2031-03-10T15:00:00Z');
      expect((await maintainer(now).runOnce()).created).toEqual(['2031-03-10', '2031-03-11', '2031-03-12']);
      expect((await maintainer(now).runOnce()).created).toEqual([]);
      expect(await partitions().dailyPartitions()).toEqual(expect.arrayContaining(['call_logs_p20310310', 'call_logs_p20310311', 'call_logs_p20310312']));
      const record = callRecord({ startedAt: new Date('2031-03-11T23:59:59.999Z') });
      await new CallLogBatchesRepository(dataSource).write([record]);
      expect(await partitionOf(record.callId)).toBe('call_logs_p20310311');
    });

    it('moves rows that landed in the DEFAULT partition into the day partition when it is created', async () => {
      const early = callRecord({ startedAt: new Date('2032-06-02T08:00:00Z') });
      await new CallLogBatchesRepository(dataSource).write([early]);
      expect(await partitionOf(early.callId)).toBe('call_logs_default');
      expect((await maintainer(new Date('2032-06-01T00:00:00Z')).runOnce()).created).toEqual(['2032-06-01', '2032-06-02', '2032-06-03']);
      expect(await partitionOf(early.callId)).toBe('call_logs_p20320602');
      // The moved partition is a full member: its indexes serve the parent's, and inserts keep landing there.
      const later = callRecord({ startedAt: new Date('2032-06-02T09:00:00Z') });
      await new CallLogBatchesRepository(dataSource).write([early, later]);
      expect(await count(`started_at >= '2032-06-02' AND started_at < '2032-06-03'`)).toBe(2);
    });

    it('drops partitions older than the retention, and old rows of the DEFAULT partition', async () => {
      const today = startOfUtcDay(new Date('2033-01-31T12:00:00Z'));
      const repository = partitions();
      for (const offset of [-32, -31, -30, -29]) await repository.ensureDay(addDays(today, offset));
      const stray = callRecord({ startedAt: new Date(today.getTime() - 40 * DAY) });
      const kept = callRecord({ startedAt: new Date(today.getTime() - 30 * DAY + 1_000) });
      await new CallLogBatchesRepository(dataSource).write([stray, kept]);
      expect(await partitionOf(stray.callId)).toBe('call_logs_default');

      const { dropped } = await maintainer(today, 30).runOnce();
      expect(dropped).toEqual(expect.arrayContaining(['call_logs_p20321230', 'call_logs_p20321231']));
      expect(dropped).not.toContain('call_logs_p20330101');
      const left = await repository.dailyPartitions();
      expect(left).not.toContain('call_logs_p20321231');
      expect(left).toEqual(expect.arrayContaining(['call_logs_p20330101', 'call_logs_p20330102']));
      expect(await count('call_id = $1', [stray.callId])).toBe(0);
      expect(await partitionOf(kept.callId)).toBe('call_logs_p20330101');
    });
  });

  describe('body-capture settings', () => {
    it('follows changes from the database: CallRecords captures bodies exactly for the workspaces that turned it on', async () => {
      const repository = new CallLogSettingsRepository(dataSource);
      const bus = new PgChangeBus(database.url, silent);
      await bus.start();
      const records = new CallRecords();
      const snapshot = new CallLogSettingsSnapshot(repository, bus, records, silent);
      try {
        await snapshot.start();
        expect(records.capturesBodies(workspaceId)).toBe(false);
        await repository.transaction((manager) => repository.upsert(manager, workspaceId, true, 'user:test'));
        await expect.poll(() => records.capturesBodies(workspaceId)).toBe(true);
        expect(records.capturesBodies(randomUUID())).toBe(false);
        await repository.transaction((manager) => repository.upsert(manager, workspaceId, false, 'user:test'));
        await expect.poll(() => records.capturesBodies(workspaceId)).toBe(false);
      } finally {
        snapshot.stop();
        await bus.stop();
      }
    });
  });
});
