import pino from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgChangeBus } from '../../src/common/change-bus/pg-change-bus';
import { connectDataSource } from '../../src/database/data-source';
import { runPendingMigrations } from '../../src/database/migration-runner';
import { type ApiProductRow, type ApiVersionRow, PromptApisRepository } from '../../src/prompt-apis/prompt-apis.repository';
import { ApiProductSnapshot } from '../../src/prompt-apis/runtime/api-product-snapshot';
import { PromptsRepository, type PromptRow } from '../../src/prompts/prompts.repository';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const silent = pino({ level: 'silent' });
const AUTHOR = 'user:00000000-0000-4000-8000-000000000001';
const INPUT = { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] };

const waitFor = async (predicate: () => boolean, timeoutMs = 3_000): Promise<void> => {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

/** API products and their lifecycle on a real Postgres, through the migrations, and the catalog following changes. */
describe('prompt APIs on a real Postgres', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let repository: PromptApisRepository;
  let prompts: PromptsRepository;
  let workspaceId: string;
  let otherWorkspaceId: string;
  let prompt: PromptRow;

  const workspace = async (slug: string): Promise<string> => (await dataSource.query(`INSERT INTO workspaces (slug, name) VALUES ($1, $1) RETURNING id`, [slug]))[0].id;
  const inTx = <T>(work: (manager: EntityManager) => Promise<T>) => repository.transaction(work);
  const product = (slug: string, inWorkspace = workspaceId, visibility: 'public' | 'workspace' = 'public') =>
    inTx((manager) => repository.insert(manager, inWorkspace, { slug, title: slug, description: null, tags: ['a'], visibility }, AUTHOR));
  const draft = (of: ApiProductRow, source: Partial<ApiVersionRow> = {}) =>
    inTx(async (manager) => repository.insertVersion(manager, (await repository.findById(manager, of.workspaceId, of.id, true))!, { promptId: prompt.id, promptVersion: 1, promptLabel: null, output: 'text', ...source }, AUTHOR));
  const sqlError = (work: Promise<unknown>) => work.then(() => undefined, (error: { message: string }) => error);

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await connectDataSource({ url: database.url, poolSize: 4 });
    await runPendingMigrations(dataSource);
    repository = new PromptApisRepository(dataSource);
    prompts = new PromptsRepository(dataSource);
    workspaceId = await workspace('apis-a');
    otherWorkspaceId = await workspace('apis-b');
    prompt = await prompts.transaction(async (manager) => {
      const row = await prompts.insert(manager, workspaceId, { slug: 'summariser', name: 'S', description: null }, AUTHOR);
      await prompts.insertVersion(manager, row, { messages: [{ role: 'user', content: '{{text}}' }], model: 'mock/mock-chat', parameters: {}, inputSchema: INPUT, outputSchema: null, commitMessage: '' }, AUTHOR);
      return row;
    });
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('numbers versions per product, keeps slugs unique per workspace (and public ones across workspaces), and names the prompt of each version', async () => {
    const first = await product('summarise');
    expect(await sqlError(product('summarise', otherWorkspaceId))).toMatchObject({ message: expect.stringContaining('api_products_public_slug') });
    await product('summarise', otherWorkspaceId, 'workspace');
    expect(await sqlError(product('summarise'))).toMatchObject({ message: expect.stringContaining('api_products_slug_unique') });
    expect(await sqlError(product('Not A Slug'))).toBeDefined();
    const v1 = await draft(first);
    const v2 = await draft(first, { promptVersion: null, promptLabel: 'production' });
    expect([v1.number, v2.number]).toEqual([1, 2]);
    expect(v1).toMatchObject({ state: 'draft', promptSlug: 'summariser', promptVersion: 1 });
    expect((await repository.versions(repository.manager, [first.id])).map((version) => version.number)).toEqual([1, 2]);
  });

  it('persists every lifecycle move with its dates, and the database refuses states without their facts', async () => {
    const row = await product('lifecycle');
    const v1 = await draft(row);
    const sunset = new Date('2099-01-31T00:00:00Z');
    const moved = await inTx(async (manager) => {
      const inReview = await repository.moveVersion(manager, row, v1, 'in_review', { approvalRequestId: '00000000-0000-4000-8000-0000000000aa' });
      const published = await repository.moveVersion(manager, row, inReview, 'published', { publishedAt: new Date() });
      return repository.moveVersion(manager, row, published, 'deprecated', { deprecatedAt: new Date(), sunsetAt: sunset });
    });
    const stored = (await repository.version(repository.manager, row.id, 1))!;
    expect(stored).toEqual(moved);
    expect(stored).toMatchObject({ state: 'deprecated', sunsetAt: sunset, approvalRequestId: '00000000-0000-4000-8000-0000000000aa' });
    expect(stored.publishedAt).toBeInstanceOf(Date);
    // Retired needs a successor; deprecated needs a sunset; a submitted version needs a fixed prompt version.
    expect(await sqlError(inTx((manager) => repository.moveVersion(manager, row, stored, 'retired', { retiredAt: new Date() })))).toMatchObject({ message: expect.stringContaining('api_product_versions_successor') });
    const v2 = await draft(row, { promptVersion: null, promptLabel: 'production' });
    expect(await sqlError(inTx((manager) => repository.moveVersion(manager, row, v2, 'in_review')))).toMatchObject({ message: expect.stringContaining('api_product_versions_') });
    expect(await sqlError(inTx((manager) => manager.query(`UPDATE api_product_versions SET sunset_at = NULL WHERE id = $1`, [stored.id])))).toMatchObject({ message: expect.stringContaining('api_product_versions_sunset') });
  });

  it('keeps a prompt that backs an API version from being deleted', async () => {
    expect(await sqlError(prompts.transaction((manager) => prompts.delete(manager, prompt)))).toMatchObject({ message: expect.stringContaining('foreign key') });
  });

  it('goes with its workspace: deleting a workspace cascades through prompts and API products', async () => {
    const doomed = await workspace('apis-doomed');
    const backing = await prompts.transaction(async (manager) => {
      const row = await prompts.insert(manager, doomed, { slug: 'backing', name: 'B', description: null }, AUTHOR);
      await prompts.insertVersion(manager, row, { messages: [{ role: 'user', content: '{{text}}' }], model: 'mock/mock-chat', parameters: {}, inputSchema: INPUT, outputSchema: null, commitMessage: '' }, AUTHOR);
      return row;
    });
    await draft(await product('doomed-api', doomed), { promptId: backing.id });
    await dataSource.query(`DELETE FROM workspaces WHERE id = $1`, [doomed]);
    expect(await dataSource.query(`SELECT 1 FROM api_products WHERE workspace_id = $1`, [doomed])).toEqual([]);
  });

  describe('catalog snapshot', () => {
    let bus: PgChangeBus;
    let snapshot: ApiProductSnapshot;

    beforeAll(async () => {
      bus = new PgChangeBus(database.url, silent);
      await bus.start();
      snapshot = new ApiProductSnapshot(repository, bus, silent);
      await snapshot.start();
    });
    afterAll(async () => {
      snapshot?.stop();
      await bus?.stop();
    });

    it('lists only products with a version past review, follows commits, and serves the newest published version', async () => {
      const row = await product('catalogued');
      const v1 = await draft(row);
      expect(snapshot.bySlug(workspaceId, 'catalogued')).toBeUndefined();
      await inTx((manager) => repository.moveVersion(manager, row, v1, 'published', { publishedAt: new Date() }));
      await waitFor(() => snapshot.bySlug(workspaceId, 'catalogued')?.currentVersion === 1);
      expect(snapshot.bySlug(workspaceId, 'catalogued')).toMatchObject({ id: row.id, tags: ['a'], visibility: 'public', versions: [{ number: 1, state: 'published', promptSlug: 'summariser', promptVersion: 1, inputSchema: INPUT, outputSchema: null }] });
      expect(snapshot.byId(row.id)?.slug).toBe('catalogued');
      expect(snapshot.bySlug(otherWorkspaceId, 'catalogued')).toBeUndefined();
      expect(snapshot.visibleTo([]).map((view) => view.slug)).toContain('catalogued');

      const v2 = await draft(row);
      await inTx(async (manager) => {
        await repository.moveVersion(manager, row, v2, 'published', { publishedAt: new Date() });
        await repository.update(manager, row, { title: 'Catalogued', description: null, tags: [], visibility: 'workspace' });
      });
      await waitFor(() => snapshot.bySlug(workspaceId, 'catalogued')?.currentVersion === 2);
      expect(snapshot.visibleTo([otherWorkspaceId]).map((view) => view.slug)).not.toContain('catalogued');
      expect(snapshot.visibleTo([workspaceId]).map((view) => view.slug)).toContain('catalogued');
      // A change that rolls back never reaches the snapshot.
      await sqlError(inTx(async (manager) => {
        await repository.update(manager, row, { title: 'Rolled back', description: null, tags: [], visibility: 'workspace' });
        throw new Error('abort');
      }));
      await snapshot.reloadAll();
      expect(snapshot.bySlug(workspaceId, 'catalogued')?.title).toBe('Catalogued');
    });
  });
});
