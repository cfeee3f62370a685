import pino from 'pino';
import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PgChangeBus } from '../../src/common/change-bus/pg-change-bus';
import { connectDataSource } from '../../src/database/data-source';
import { runPendingMigrations } from '../../src/database/migration-runner';
import { costOf } from '../../src/usage/prices/price';
import { PriceBook } from '../../src/usage/prices/price-book';
import { type PriceValues, PricesRepository } from '../../src/usage/prices/prices.repository';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const silent = pino({ level: 'silent' });

describe('model prices on a real Postgres', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let bus: PgChangeBus;
  let repository: PricesRepository;
  let book: PriceBook;
  let wsA: string;
  let wsB: string;

  const values = (overrides: Partial<PriceValues> = {}): PriceValues => ({
    pluginId: 'provider-mock',
    model: 'mock-chat',
    inputPerMTok: 0.5,
    outputPerMTok: 1.5,
    cachedInputPerMTok: null,
    reasoningPerMTok: null,
    perRequest: null,
    perImage: null,
    effectiveFrom: new Date(),
    createdBy: 'user:test',
    ...overrides,
  });
  const insert = (workspaceId: string | null, overrides: Partial<PriceValues> = {}) => repository.transaction((manager) => repository.insert(manager, workspaceId, values(overrides)));

  beforeEach(async () => {
    database = await createTestDatabase();
    dataSource = await connectDataSource({ url: database.url, poolSize: 3 });
    await runPendingMigrations(dataSource);
    [{ id: wsA }] = await dataSource.query(`INSERT INTO workspaces (slug, name) VALUES ('a', 'A') RETURNING id`);
    [{ id: wsB }] = await dataSource.query(`INSERT INTO workspaces (slug, name) VALUES ('b', 'B') RETURNING id`);
    repository = new PricesRepository(dataSource);
    bus = new PgChangeBus(database.url, silent);
    await bus.start();
    book = new PriceBook(repository, bus, silent);
    await book.start();
  });
  afterEach(async () => {
    book.stop();
    await bus.stop();
    await dataSource.destroy();
    await database.drop();
  });

  it('seeds list prices for the major providers and the mock, exactly as numerics', async () => {
    const seeded = await dataSource.query(`SELECT plugin_id, count(*)::int AS models FROM model_prices WHERE workspace_id IS NULL AND created_by = 'system' GROUP BY plugin_id ORDER BY plugin_id`);
    expect(seeded).toEqual([
      { plugin_id: 'provider-anthropic', models: 6 },
      { plugin_id: 'provider-gemini', models: 3 },
      { plugin_id: 'provider-mock', models: 3 },
      { plugin_id: 'provider-openai', models: 9 },
    ]);
    expect(book.priceAt(wsA, 'provider-openai', 'gpt-4o-mini')).toMatchObject({ inputPerMTok: 0.15, outputPerMTok: 0.6, cachedInputPerMTok: 0.075, effectiveFrom: new Date('2025-01-01T00:00:00Z') });
    expect(book.priceAt(wsA, 'provider-mock', 'mock-chat-large')).toMatchObject({ inputPerMTok: 5, outputPerMTok: 15, cachedInputPerMTok: null });
    expect(book.priceAt(wsA, 'provider-anthropic', 'claude-sonnet-4-6')).toMatchObject({ inputPerMTok: 3, outputPerMTok: 15 });
    const usage = { prompt_tokens: 1_000, completion_tokens: 1_000, total_tokens: 2_000 };
    expect(costOf(usage, book.priceAt(wsA, 'provider-mock', 'mock-chat')!).nanoUsd).toBe(3_000_000);
  });

  it('is append-only: an UPDATE is refused, history stays as written', async () => {
    await expect(dataSource.query(`UPDATE model_prices SET input_per_mtok = 0 WHERE model = 'gpt-4o'`)).rejects.toThrow(/append-only/);
    const [{ input }] = await dataSource.query(`SELECT input_per_mtok::text AS input FROM model_prices WHERE model = 'gpt-4o'`);
    expect(input).toBe('2.500000');
  });

  it('reloads the PriceBook on a prices change: workspace versions for that workspace, defaults for all', async () => {
    const override = await insert(wsA);
    await expect.poll(() => book.priceAt(wsA, 'provider-mock', 'mock-chat')?.id).toBe(override.id);
    expect(book.priceAt(wsB, 'provider-mock', 'mock-chat')).toMatchObject({ workspaceId: null, inputPerMTok: 1 });

    const newDefault = await insert(null, { model: 'mock-embed', inputPerMTok: 0.05, outputPerMTok: 0 });
    await expect.poll(() => book.priceAt(wsB, 'provider-mock', 'mock-embed')?.id).toBe(newDefault.id);
    expect(book.priceAt(wsA, 'provider-mock', 'mock-embed')?.id).toBe(newDefault.id);
  });

  it('drops a deleted workspace\'s versions with it, from the table and the book', async () => {
    await insert(wsB);
    await expect.poll(() => book.priceAt(wsB, 'provider-mock', 'mock-chat')?.workspaceId).toBe(wsB);
    await dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM workspaces WHERE id = $1`, [wsB]);
      await manager.query(`SELECT pg_notify('portico_changes', $1)`, [JSON.stringify({ topic: 'workspaces', workspaceId: wsB })]);
    });
    await expect.poll(() => book.priceAt(wsB, 'provider-mock', 'mock-chat')?.workspaceId).toBeNull();
    const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM model_prices WHERE workspace_id = $1`, [wsB]);
    expect(count).toBe(0);
  });

  it('lists, per model, the workspace version in force over the default, and nothing of other workspaces', async () => {
    await insert(wsA, { inputPerMTok: 0.7 });
    await insert(wsA, { inputPerMTok: 0.9, effectiveFrom: new Date(Date.now() + 3_600_000) });
    await insert(wsB, { model: 'mock-chat-large', inputPerMTok: 4 });
    const inForce = await repository.inForce(wsA, new Date());
    const byModel = new Map(inForce.map((row) => [`${row.pluginId}/${row.model}`, row]));
    expect(byModel.size).toBe(inForce.length);
    expect(byModel.get('provider-mock/mock-chat')).toMatchObject({ workspaceId: wsA, inputPerMTok: 0.7 });
    expect(byModel.get('provider-mock/mock-chat-large')).toMatchObject({ workspaceId: null, inputPerMTok: 5 });
    expect((await repository.history(wsA, { model: 'mock-chat-large' })).map((row) => row.workspaceId)).toEqual([null]);
  });
});
