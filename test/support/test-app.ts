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

export interface RunningApp {
  app: NestFastifyApplication;
  runtime: PorticoRuntime;
  close(): Promise<void>;
}

export interface TestApp extends RunningApp {
  database: TestDatabase;
}

/**
 * One full in-process Portico on an existing database, as a replica behind a load balancer would
 * be: its own pool, change listener, key registry and authorization snapshot. Processes sharing a
 * database must share the master key (`PORTICO_MASTER_KEY` in `env`).
 */
export async function startAppOn(databaseUrl: string, env: NodeJS.ProcessEnv = {}, extraModules: Type[] = []): Promise<RunningApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'portico-test-data-'));
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
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
    close: async () => {
      if (runtime.dataSource.isInitialized || app.getHttpServer().listening) await app.close();
      await stopRuntime(runtime);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The whole application in-process on a fresh database, for `app.inject()` tests. */
export async function startTestApp(env: NodeJS.ProcessEnv = {}, extraModules: Type[] = []): Promise<TestApp> {
  const database = await createTestDatabase();
  const running = await startAppOn(database.url, env, extraModules);
  return {
    ...running,
    database,
    close: async () => {
      await running.close();
      await database.drop();
    },
  };
}
