import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectDataSource } from '../../src/database/data-source';
import { runPendingMigrations } from '../../src/database/migration-runner';
import { BudgetLedger, type BudgetAlertSink, type BudgetThresholdEvent } from '../../src/usage/budgets/budget-ledger';
import { BudgetsRepository } from '../../src/usage/budgets/budgets.repository';
import type { BudgetRule } from '../../src/usage/enforcement/usage-policy';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const silent = pino({ level: 'silent' });

/** Durable budget spend on a real Postgres: additive flushes from several processes, alerts exactly once, spill replay once. */
describe('budget ledger on a real Postgres', () => {
  let database: TestDatabase;
  let dataSources: DataSource[];
  let spillDir: string;
  let budget: BudgetRule;
  let alerts: BudgetThresholdEvent[];

  const sink: BudgetAlertSink = {
    thresholdReached: async (_manager: EntityManager, event) => {
      alerts.push(event);
    },
  };
  const ledgerOn = (dataSource: DataSource) => new BudgetLedger(new BudgetsRepository(dataSource), () => budget, sink, silent, { spillDir, flushMs: 60_000 });
  const spent = async () => {
    const rows: { spent_nano_usd: string }[] = await dataSources[0]!.query(`SELECT spent_nano_usd FROM budget_spend WHERE budget_id = $1`, [budget.id]);
    return rows.map((row) => Number(row.spent_nano_usd));
  };

  beforeEach(async () => {
    database = await createTestDatabase();
    dataSources = [await connectDataSource({ url: database.url, poolSize: 4 }), await connectDataSource({ url: database.url, poolSize: 4 })];
    await runPendingMigrations(dataSources[0]!);
    spillDir = mkdtempSync(join(tmpdir(), 'portico-budget-spill-'));
    alerts = [];
    const [workspace] = await dataSources[0]!.query(`INSERT INTO workspaces (slug, name) VALUES ('b', 'B') RETURNING id`);
    const repository = new BudgetsRepository(dataSources[0]!);
    budget = await repository.transaction((manager) =>
      repository.insert(manager, workspace.id, { scope: 'workspace', scopeId: null, period: 'total', limitNanoUsd: 1_000, alertThresholds: [50, 100], enabled: true }, 'user:test'),
    );
  });
  afterEach(async () => {
    for (const dataSource of dataSources) await dataSource.destroy();
    rmSync(spillDir, { recursive: true, force: true });
    await database.drop();
  });

  it('adds spend from two processes exactly and sends each threshold alert once, however the flushes race', async () => {
    const [a, b] = dataSources.map(ledgerOn);
    for (let round = 0; round < 10; round++) {
      a!.record(budget.id, 'total', 30);
      b!.record(budget.id, 'total', 30);
      await Promise.all([a!.flush(), b!.flush()]);
    }
    expect(await spent()).toEqual([600]);
    expect(alerts.map((alert) => alert.thresholdPercent)).toEqual([50]);
    for (let round = 0; round < 10; round++) {
      a!.record(budget.id, 'total', 25);
      b!.record(budget.id, 'total', 25);
      await Promise.all([a!.flush(), b!.flush()]);
    }
    expect(await spent()).toEqual([1_100]);
    expect(alerts.map((alert) => alert.thresholdPercent)).toEqual([50, 100]);
    expect(alerts[1]).toMatchObject({ budgetId: budget.id, spentUsd: expect.any(Number), limitUsd: 1e-6 });
  });

  it('keeps spend it could not write, spills it at shutdown and replays each spill file once', async () => {
    const ledger = ledgerOn(dataSources[1]!);
    ledger.record(budget.id, 'total', 400);
    await dataSources[1]!.destroy();
    await ledger.stop();
    const files = readdirSync(spillDir);
    expect(files).toHaveLength(1);
    // The same spill file replayed twice (a crash after the replay committed, before the file was deleted) counts once.
    const copy = join(spillDir, files[0]!);
    const content = JSON.stringify([{ budgetId: budget.id, period: 'total', nanoUsd: 400 }]);
    await ledgerOn(dataSources[0]!).start();
    expect(await spent()).toEqual([400]);
    writeFileSync(copy, content);
    await ledgerOn(dataSources[0]!).start();
    expect(await spent()).toEqual([400]);
    expect(readdirSync(spillDir)).toEqual([]);
    dataSources[1] = await connectDataSource({ url: database.url, poolSize: 1 });
  });

  it('answers UPDATE … RETURNING rows for budget updates', async () => {
    const repository = new BudgetsRepository(dataSources[0]!);
    const updated = await repository.transaction((manager) => repository.update(manager, budget.workspaceId, budget.id, { limitNanoUsd: 2_000, alertThresholds: [80], enabled: true }));
    expect(updated).toMatchObject({ id: budget.id, limitNanoUsd: 2_000, alertThresholds: [80] });
  });
});
