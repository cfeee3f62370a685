import pino from 'pino';
import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publishChange, type ChangeEvent } from '../../src/common/change-bus/change-bus';
import { PgChangeBus } from '../../src/common/change-bus/pg-change-bus';
import { connectDataSource } from '../../src/database/data-source';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const silent = pino({ level: 'silent' });
const waitFor = async (predicate: () => boolean, timeoutMs = 3_000) => {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Date.now() - started;
};

describe('PgChangeBus on a real Postgres', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const buses: PgChangeBus[] = [];
  const bus = async () => {
    const created = new PgChangeBus(database.url, silent);
    await created.start();
    buses.push(created);
    return created;
  };

  beforeEach(async () => {
    database = await createTestDatabase();
    dataSource = await connectDataSource({ url: database.url, poolSize: 2 });
  });
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((each) => each.stop()));
    await dataSource.destroy();
    await database.drop();
  });

  it('delivers a change published in a transaction to every listener, on commit only', async () => {
    const [a, b] = [await bus(), await bus()];
    const seenA: ChangeEvent[] = [];
    const seenB: ChangeEvent[] = [];
    a.subscribe('api_keys', (event) => void seenA.push(event));
    b.subscribe('api_keys', (event) => void seenB.push(event));

    await dataSource
      .transaction(async (manager) => {
        await publishChange(manager, { topic: 'api_keys', id: 'rolled-back' });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    await dataSource.transaction((manager) => publishChange(manager, { topic: 'api_keys', id: 'k1', workspaceId: 'w1' }));

    const elapsed = await waitFor(() => seenA.length > 0 && seenB.length > 0);
    expect(elapsed).toBeLessThan(1_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seenA).toEqual([{ topic: 'api_keys', id: 'k1', workspaceId: 'w1' }]);
    expect(seenB).toEqual(seenA);
  });

  it('routes by topic and ignores malformed payloads', async () => {
    const listener = await bus();
    const policies: ChangeEvent[] = [];
    listener.subscribe('policies', (event) => void policies.push(event));
    await dataSource.query(`SELECT pg_notify('portico_changes', 'not json')`);
    await dataSource.transaction((manager) => publishChange(manager, { topic: 'api_keys', id: 'x' }));
    await dataSource.transaction((manager) => publishChange(manager, { topic: 'policies' }));
    await waitFor(() => policies.length === 1);
    expect(policies).toEqual([{ topic: 'policies' }]);
  });

  it('reconnects after losing its connection and asks subscribers to resync', async () => {
    const listener = await bus();
    let resyncs = 0;
    listener.onResync(() => void resyncs++);
    await dataSource.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'portico-changes' AND datname = current_database()`);
    await waitFor(() => resyncs === 1 && listener.isConnected, 5_000);
    const seen: ChangeEvent[] = [];
    listener.subscribe('workspaces', (event) => void seen.push(event));
    await dataSource.transaction((manager) => publishChange(manager, { topic: 'workspaces', id: 'after-reconnect' }));
    await waitFor(() => seen.length === 1);
  });
});
