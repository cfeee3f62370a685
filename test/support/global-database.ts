import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { EmbeddedDatabase } from '../../src/database/embedded-database';
import { findFreePort } from './ports';

declare module 'vitest' {
  interface ProvidedContext {
    /** A Postgres server the tests may create and drop databases on. */
    postgresServerUrl: string;
  }
}

/**
 * Medium and e2e tests run on the server named by DATABASE_URL (CI: the machine's Postgres) or,
 * without it, on an embedded server started here — the same default a user gets from `npm start`.
 * Each test file then creates its own database (see test-database.ts), so runs never share state.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.DATABASE_URL) {
    project.provide('postgresServerUrl', process.env.DATABASE_URL);
    return async () => undefined;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'portico-test-pg-'));
  chmodSync(dataDir, 0o755);
  const embedded = new EmbeddedDatabase({ dataDir, port: await findFreePort(), databaseName: 'postgres_admin' });
  project.provide('postgresServerUrl', await embedded.start());
  return async () => {
    await embedded.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
