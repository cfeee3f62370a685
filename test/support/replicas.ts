import { randomBytes } from 'node:crypto';
import type { Type } from '@nestjs/common';
import { createTestDatabase, type TestDatabase } from './test-database';
import { type RunningApp, startAppOn } from './test-app';

export type Replica = RunningApp;

export interface ReplicaSet {
  replicas: Replica[];
  database: TestDatabase;
  close(): Promise<void>;
}

/** One more replica on an existing database; replicas sharing a database share the master key. */
export function startReplica(databaseUrl: string, masterKey: string, env: NodeJS.ProcessEnv = {}, extraModules: Type[] = []): Promise<Replica> {
  return startAppOn(databaseUrl, { PORTICO_MASTER_KEY: masterKey, ...env }, extraModules);
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
