import pino from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgChangeBus } from '../../src/common/change-bus/pg-change-bus';
import { connectDataSource } from '../../src/database/data-source';
import { runPendingMigrations } from '../../src/database/migration-runner';
import { PromptApisRepository } from '../../src/prompt-apis/prompt-apis.repository';
import { petstoreDocument } from '../../src/rest-apis/__fixtures__/petstore';
import { type RestApiRow, RestApisRepository } from '../../src/rest-apis/rest-apis.repository';
import { RestApiSnapshot } from '../../src/rest-apis/runtime/rest-api-snapshot';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const silent = pino({ level: 'silent' });
const AUTHOR = 'user:00000000-0000-4000-8000-000000000001';
const CREDENTIAL = { header: 'x-upstream-key', sealed: 'v1.k.iv.body', hint: 'sk…1234' };

const waitFor = async (predicate: () => boolean, timeoutMs = 3_000): Promise<void> => {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

/** REST APIs on a real Postgres, through the migrations: workspace isolation, shared slugs with prompt APIs, cascades and the catalog following commits. */
describe('REST APIs on a real Postgres', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let repository: RestApisRepository;
  let workspaceId: string;
  let otherWorkspaceId: string;

  const workspace = async (slug: string): Promise<string> => (await dataSource.query(`INSERT INTO workspaces (slug, name) VALUES ($1, $1) RETURNING id`, [slug]))[0].id;
  const inTx = <T>(work: (manager: EntityManager) => Promise<T>) => repository.transaction(work);
  const api = (slug: string, inWorkspace = workspaceId, credential: typeof CREDENTIAL | null = CREDENTIAL, visibility: 'public' | 'workspace' = 'public') =>
    inTx((manager) => repository.insert(manager, inWorkspace, { slug, title: slug, description: null, tags: ['pets'], visibility }, credential, AUTHOR));
  const version = (of: RestApiRow, baseUrl = 'http://127.0.0.1:9/api') =>
    inTx(async (manager) => repository.insertVersion(manager, (await repository.findById(manager, of.workspaceId, of.id, true))!, { baseUrl, document: petstoreDocument() }, AUTHOR));
  const sqlError = (work: Promise<unknown>) => work.then(() => undefined, (error: { message: string }) => error);

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await connectDataSource({ url: database.url, poolSize: 4 });
    await runPendingMigrations(dataSource);
    repository = new RestApisRepository(dataSource);
    workspaceId = await workspace('rest-a');
    otherWorkspaceId = await workspace('rest-b');
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it("keeps each workspace's APIs to itself", async () => {
    const mine = await api('pets');
    await api('pets', otherWorkspaceId, null, 'workspace');
    const manager = repository.manager;
    expect((await repository.find(manager, workspaceId, 'pets'))?.id).toBe(mine.id);
    expect((await repository.find(manager, otherWorkspaceId, 'pets'))?.id).not.toBe(mine.id);
    expect(await repository.findById(manager, otherWorkspaceId, mine.id)).toBeUndefined();
    expect((await repository.list(workspaceId)).map((row) => row.slug)).toEqual(['pets']);
    expect(mine).toMatchObject({ credentialHeader: 'x-upstream-key', credentialSealed: CREDENTIAL.sealed, latestVersion: 0 });
  });

  it('shares slugs with prompt APIs (unique across both kinds), and each repository sees only its own kind', async () => {
    const prompts = new PromptApisRepository(dataSource);
    const error = await sqlError(prompts.transaction((manager) => prompts.insert(manager, workspaceId, { slug: 'pets', title: 'x', description: null, tags: [], visibility: 'public' }, AUTHOR)));
    expect(error?.message).toMatch(/api_products_slug_unique/);
    await prompts.transaction((manager) => prompts.insert(manager, workspaceId, { slug: 'summaries', title: 'x', description: null, tags: [], visibility: 'public' }, AUTHOR));
    expect(await repository.find(repository.manager, workspaceId, 'summaries')).toBeUndefined();
    expect((await prompts.list(workspaceId)).map((row) => row.slug)).toEqual(['summaries']);
    expect(await prompts.find(prompts.manager, workspaceId, 'pets')).toBeUndefined();
  });

  it('numbers versions, stores the document, and enforces the lifecycle constraints in SQL', async () => {
    const row = await api('numbered', workspaceId, null);
    const first = await version(row);
    const second = await version(row, 'https://pets.example.com/v2');
    expect([first.number, second.number]).toEqual([1, 2]);
    expect(second).toMatchObject({ state: 'draft', baseUrl: 'https://pets.example.com/v2', document: { info: { title: 'Pet store' } } });
    const locked = (await repository.findById(repository.manager, workspaceId, row.id))!;
    expect(await sqlError(inTx((manager) => repository.moveVersion(manager, locked, first, 'deprecated')))).toMatchObject({ message: expect.stringMatching(/rest_api_versions_sunset/) });
    expect(await sqlError(inTx((manager) => repository.moveVersion(manager, locked, first, 'retired')))).toMatchObject({ message: expect.stringMatching(/rest_api_versions_successor/) });
    expect(await sqlError(dataSource.query(`INSERT INTO rest_api_versions (product_id, number, base_url, openapi, created_by) VALUES ($1, 3, 'ftp://x', '{}', $2)`, [row.id, AUTHOR]))).toBeDefined();
    expect(await sqlError(dataSource.query(`UPDATE rest_apis SET credential_header = 'x-key' WHERE product_id = $1`, [row.id]))).toMatchObject({ message: expect.stringMatching(/rest_apis_credential/) });
  });

  it('deleting an API takes its upstream row and versions with it', async () => {
    const row = await api('doomed');
    await version(row);
    await inTx((manager) => repository.delete(manager, row));
    const [{ count }] = await dataSource.query(`SELECT (SELECT count(*) FROM rest_apis WHERE product_id = $1) + (SELECT count(*) FROM rest_api_versions WHERE product_id = $1) AS count`, [row.id]);
    expect(Number(count)).toBe(0);
  });

  describe('catalog snapshot', () => {
    let bus: PgChangeBus;
    let snapshot: RestApiSnapshot;

    beforeAll(async () => {
      bus = new PgChangeBus(database.url, silent);
      await bus.start();
      snapshot = new RestApiSnapshot(repository, bus, silent);
      await snapshot.start();
    });
    afterAll(async () => {
      snapshot?.stop();
      await bus?.stop();
    });

    it('lists only APIs with a version past review, follows commits, and matches declared operations from memory', async () => {
      const row = await api('catalogued');
      const draft = await version(row);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(snapshot.bySlug(workspaceId, 'catalogued')).toBeUndefined();
      const locked = (await repository.findById(repository.manager, workspaceId, row.id))!;
      await inTx((manager) => repository.moveVersion(manager, locked, draft, 'published', { publishedAt: new Date() }));
      await waitFor(() => snapshot.bySlug(workspaceId, 'catalogued')?.currentVersion === 1);
      expect(snapshot.bySlug(workspaceId, 'catalogued')).toMatchObject({ kind: 'rest', id: row.id, visibility: 'public', versions: [{ number: 1, state: 'published' }] });
      expect(snapshot.bySlug(otherWorkspaceId, 'catalogued')).toBeUndefined();
      const runtime = snapshot.runtime(workspaceId, 'catalogued')!;
      expect(runtime.credentialSealed).toBe(CREDENTIAL.sealed);
      expect(runtime.matchers.get(1)!.match('GET', '/pets/7')?.operationId).toBe('getPet');
      expect(runtime.matchers.get(1)!.match('PATCH', '/pets/7')).toBeUndefined();
      expect(snapshot.visibleTo([]).map((view) => view.slug)).toContain('catalogued');
    });
  });
});
