import { randomBytes } from 'node:crypto';
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

export interface Replica {
  app: NestFastifyApplication;
  runtime: PorticoRuntime;
  close(): Promise<void>;
}

export interface ReplicaSet {
  replicas: Replica[];
  database: TestDatabase;
  close(): Promise<void>;
}

/**
 * One full in-process Portico on an existing database, as another replica behind a load balancer
 * would be: its own pool, change listener, key registry and authorization snapshot. Replicas
 * sharing a database must share the master key too.
 */
export async function startReplica(databaseUrl: string, masterKey: string, env: NodeJS.ProcessEnv = {}, extraModules: Type[] = []): Promise<Replica> {
  const dataDir = mkdtempSync(join(tmpdir(), 'portico-replica-'));
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    PORTICO_DATA_DIR: dataDir,
    PORTICO_MASTER_KEY: masterKey,
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
      await app.close();
      await stopRuntime(runtime);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `count` replicas on one fresh test database (started one after the other, as a rollout would). */
export async function startReplicas(count = 2, env: NodeJS.ProcessEnv = {}, extraModules: Type[] = []): Promise<ReplicaSet> {
  const database = await createTestDatabase();
  const masterKey = randomBytes(32).toString('base64');
  const replicas: Replica[] = [];
  const close = async () => {
    for (const replica of replicas.splice(0).reverse()) await replica.close().catch(() => undefined);
    await database.drop();
  };
  try {
    for (let i = 0; i < count; i++) replicas.push(await startReplica(database.url, masterKey, env, extraModules));
  } catch (error) {
    await close();
    throw error;
  }
  return { replicas, database, close };
}
