import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/bootstrap/create-app';
import { startRuntime, stopRuntime, type PorticoRuntime } from '../../src/bootstrap/runtime';
import { createLogger } from '../../src/common/logging/logger';
import { loadConfig } from '../../src/config/portico-config';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestApp {
  app: NestFastifyApplication;
  runtime: PorticoRuntime;
  database: TestDatabase;
  close(): Promise<void>;
}

/** The whole application in-process on a fresh database, for `app.inject()` tests. */
export async function startTestApp(env: NodeJS.ProcessEnv = {}, extraModules: Type[] = []): Promise<TestApp> {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'portico-test-data-'));
  const config = loadConfig({
    DATABASE_URL: database.url,
    PORTICO_DATA_DIR: dataDir,
    PORTICO_LOG_LEVEL: 'silent',
    PORTICO_ADMIN_PASSWORD: 'test-admin-password-123',
    ...env,
  });
  const runtime = await startRuntime(config, createLogger(config.logLevel));
  const app = await createApp(runtime, extraModules);
  return {
    app,
    runtime,
    database,
    close: async () => {
      if (runtime.dataSource.isInitialized || app.getHttpServer().listening) await app.close();
      await stopRuntime(runtime);
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
