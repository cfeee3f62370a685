import pino from 'pino';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgChangeBus } from '../../src/common/change-bus/pg-change-bus';
import { connectDataSource } from '../../src/database/data-source';
import { runPendingMigrations } from '../../src/database/migration-runner';
import { PromptsRepository, type PromptRow, type VersionValues } from '../../src/prompts/prompts.repository';
import { PromptRenderer } from '../../src/prompts/rendering/prompt-renderer';
import { PromptResolver } from '../../src/prompts/runtime/prompt-resolver';
import { PromptSnapshot } from '../../src/prompts/runtime/prompt-snapshot';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const silent = pino({ level: 'silent' });
const AUTHOR = 'user:00000000-0000-4000-8000-000000000001';

const values = (content: string): VersionValues => ({
  messages: [{ role: 'user', content }],
  model: 'mock/mock-chat',
  parameters: { temperature: 0.1 },
  inputSchema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
  outputSchema: null,
  commitMessage: content,
});

const waitFor = async (predicate: () => boolean, timeoutMs = 3_000): Promise<void> => {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

/** The registry's tables, triggers and snapshot on a real Postgres, through the migrations. */
describe('prompt registry on a real Postgres', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let repository: PromptsRepository;
  let workspaceId: string;
  let otherWorkspaceId: string;

  const workspace = async (slug: string): Promise<string> => (await dataSource.query(`INSERT INTO workspaces (slug, name) VALUES ($1, $1) RETURNING id`, [slug]))[0].id;
  const createPrompt = (slug: string, inWorkspace = workspaceId): Promise<PromptRow> =>
    repository.transaction((manager) => repository.insert(manager, inWorkspace, { slug, name: slug, description: null }, AUTHOR));
  const addVersion = (slug: string, content: string, inWorkspace = workspaceId) =>
    repository.transaction(async (manager) => repository.insertVersion(manager, (await repository.find(manager, inWorkspace, slug, true))!, values(content), AUTHOR));
  const sqlError = (work: Promise<unknown>) => work.then(() => undefined, (error: { message: string; driverError?: { code?: string } }) => error);

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await connectDataSource({ url: database.url, poolSize: 4 });
    await runPendingMigrations(dataSource);
    repository = new PromptsRepository(dataSource);
    workspaceId = await workspace('prompts-a');
    otherWorkspaceId = await workspace('prompts-b');
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  describe('immutable versions', () => {
    it('numbers versions 1, 2, … per prompt', async () => {
      await createPrompt('numbered');
      expect((await addVersion('numbered', 'one {{name}}')).number).toBe(1);
      expect((await addVersion('numbered', 'two {{name}}')).number).toBe(2);
      const prompt = await repository.find(dataSource.manager, workspaceId, 'numbered');
      expect(prompt?.latestVersion).toBe(2);
    });

    it('refuses any UPDATE of a version in SQL, whatever it touches', async () => {
      await createPrompt('frozen');
      const version = await addVersion('frozen', 'Hello {{name}}');
      for (const change of [`messages = '[{"role":"user","content":"changed"}]'`, `commit_message = 'rewritten'`, `number = 9`, `model = model`]) {
        const error = await sqlError(dataSource.query(`UPDATE prompt_versions SET ${change} WHERE id = $1`, [version.id]));
        expect(error?.message, change).toContain('prompt versions are immutable');
        expect(error?.driverError?.code).toBe('23000');
      }
      const [row] = await dataSource.query(`SELECT messages, commit_message, number FROM prompt_versions WHERE id = $1`, [version.id]);
      expect(row).toEqual({ messages: [{ role: 'user', content: 'Hello {{name}}' }], commit_message: 'Hello {{name}}', number: 1 });
    });

    it('refuses to DELETE a version while its prompt exists, and deletes versions with their prompt or workspace', async () => {
      const prompt = await createPrompt('deletable');
      const version = await addVersion('deletable', 'Hi {{name}}');
      const error = await sqlError(dataSource.query(`DELETE FROM prompt_versions WHERE id = $1`, [version.id]));
      expect(error?.message).toContain('deleted only with their prompt');
      await dataSource.query(`DELETE FROM prompts WHERE id = $1`, [prompt.id]);
      expect(await dataSource.query(`SELECT 1 FROM prompt_versions WHERE prompt_id = $1`, [prompt.id])).toEqual([]);

      const doomed = await workspace('prompts-doomed');
      const inDoomed = await createPrompt('gone', doomed);
      await addVersion('gone', 'Bye {{name}}', doomed);
      await dataSource.query(`DELETE FROM workspaces WHERE id = $1`, [doomed]);
      expect(await dataSource.query(`SELECT 1 FROM prompt_versions WHERE prompt_id = $1`, [inDoomed.id])).toEqual([]);
    });
  });

  describe('labels', () => {
    it('accepts whole-percent weights over versions of the same prompt that sum to 100, and nothing else', async () => {
      const prompt = await createPrompt('labelled');
      const [v1, v2] = [await addVersion('labelled', 'a {{name}}'), await addVersion('labelled', 'b {{name}}')];
      const foreign = await addVersion('numbered', 'foreign {{name}}');
      const move = (targets: unknown) => dataSource.query(`INSERT INTO prompt_labels (prompt_id, name, targets, updated_by) VALUES ($1, 'x', $2, $3)`, [prompt.id, JSON.stringify(targets), AUTHOR]);
      for (const bad of [
        [],
        [{ versionId: v1.id, weight: 80 }],
        [{ versionId: v1.id, weight: 80 }, { versionId: v2.id, weight: 30 }],
        [{ versionId: v1.id, weight: 50.5 }, { versionId: v2.id, weight: 49.5 }],
        [{ versionId: v1.id, weight: 0 }, { versionId: v2.id, weight: 100 }],
        [{ versionId: v1.id, weight: 50 }, { versionId: v1.id, weight: 50 }],
        [{ versionId: foreign.id, weight: 100 }],
      ]) {
        const error = await sqlError(move(bad));
        expect(error?.driverError?.code, JSON.stringify(bad)).toBe('23514');
      }
      const label = await repository.transaction((manager) =>
        repository.moveLabel(manager, prompt, 'staging', [
          { versionId: v1.id, version: 1, weight: 80 },
          { versionId: v2.id, version: 2, weight: 20 },
        ], AUTHOR),
      );
      expect(label.targets).toEqual([
        { versionId: v1.id, version: 1, weight: 80 },
        { versionId: v2.id, version: 2, weight: 20 },
      ]);
    });
  });

  describe('snapshot', () => {
    let bus: PgChangeBus;
    let snapshot: PromptSnapshot;

    beforeAll(async () => {
      bus = new PgChangeBus(database.url, silent);
      await bus.start();
      snapshot = new PromptSnapshot(repository, bus, silent);
      await snapshot.start();
    });
    afterAll(async () => {
      snapshot?.stop();
      await bus?.stop();
    });

    it('loads every workspace at start, each under its own workspace', async () => {
      expect(snapshot.prompt(workspaceId, 'numbered')?.versions.size).toBeGreaterThanOrEqual(2);
      expect(snapshot.prompt(otherWorkspaceId, 'numbered')).toBeUndefined();
    });

    it('picks up a new prompt, a new version and a label move after commit, and nothing rolled back', async () => {
      const prompt = await createPrompt('live');
      await waitFor(() => snapshot.prompt(workspaceId, 'live') !== undefined);
      const v1 = await addVersion('live', 'first {{name}}');
      await repository.transaction((manager) => repository.moveLabel(manager, prompt, 'production', [{ versionId: v1.id, version: 1, weight: 100 }], AUTHOR));
      await waitFor(() => snapshot.prompt(workspaceId, 'live')?.labels.get('production')?.targets[0]?.version === 1);

      await repository
        .transaction(async (manager) => {
          await repository.insertVersion(manager, { ...prompt, latestVersion: 1 }, values('rolled back {{name}}'), AUTHOR);
          throw new Error('rollback');
        })
        .catch(() => undefined);
      const v2 = await addVersion('live', 'second {{name}}');
      await repository.transaction((manager) => repository.moveLabel(manager, prompt, 'production', [{ versionId: v2.id, version: 2, weight: 100 }], AUTHOR));
      await waitFor(() => snapshot.prompt(workspaceId, 'live')?.labels.get('production')?.targets[0]?.version === 2);
      const live = snapshot.prompt(workspaceId, 'live')!;
      expect([...live.versions.keys()]).toEqual([1, 2]);
      expect(live.versions.get(2)?.messages).toEqual([{ role: 'user', content: 'second {{name}}' }]);

      const resolver = new PromptResolver(snapshot, new PromptRenderer());
      const request = resolver.apply(workspaceId, { slug: 'live', variables: { name: 'Ada' } }, { max_tokens: 5 }, () => undefined);
      expect(request).toEqual({ temperature: 0.1, model: 'mock/mock-chat', max_tokens: 5, messages: [{ role: 'user', content: 'second Ada' }] });
    });

    it('forgets a deleted prompt', async () => {
      const prompt = await createPrompt('short-lived');
      await waitFor(() => snapshot.prompt(workspaceId, 'short-lived') !== undefined);
      await repository.transaction((manager) => repository.delete(manager, prompt));
      await waitFor(() => snapshot.prompt(workspaceId, 'short-lived') === undefined);
    });
  });
});
