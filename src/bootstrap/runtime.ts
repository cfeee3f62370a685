import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { DefaultPasswordHashingStrategy } from '../auth/default-password-hashing-strategy';
import { FirstRunRepository } from '../auth/first-run.repository';
import { FirstRunService, type FirstRunResult } from '../auth/first-run.service';
import { resolveMasterKey, type ResolvedMasterKey } from '../common/crypto/master-key';
import type { PorticoConfig } from '../config/portico-config';
import { connectDataSource, redactUrl } from '../database/data-source';
import { EmbeddedDatabase } from '../database/embedded-database';
import { runPendingMigrations } from '../database/migration-runner';
import { PgChangeBus } from '../common/change-bus/pg-change-bus';
import { TypeOrmPinoLogger } from '../database/typeorm-pino-logger';
import type { PluginHost } from '../plugin-host/plugin-host';
import { createPluginHost } from './plugins';

/** Everything that must be up before the HTTP app is built. Each step fails with one coded line. */
export interface PorticoRuntime {
  readonly config: PorticoConfig;
  readonly logger: Logger;
  readonly dataSource: DataSource;
  /** Delivers configuration changes from every process (LISTEN/NOTIFY) to in-memory snapshots. */
  readonly changes: PgChangeBus;
  readonly embedded?: EmbeddedDatabase;
  readonly masterKey: ResolvedMasterKey;
  readonly plugins: PluginHost;
  readonly firstRun: FirstRunResult | null;
}

export async function startRuntime(config: PorticoConfig, logger: Logger): Promise<PorticoRuntime> {
  // Plugins first: a broken plugin stops the boot before any database is started.
  const plugins = createPluginHost(config, logger);
  await plugins.start();
  let storage: PreparedStorage | undefined;
  let changes: PgChangeBus | undefined;
  try {
    storage = await prepareStorage(config, logger);
    changes = new PgChangeBus(storage.url, logger.child({ component: 'changes' }));
    await changes.start();
    const { dataSource, embedded, masterKey, firstRun } = storage;
    return { config, logger, dataSource, changes, embedded, masterKey, plugins, firstRun };
  } catch (error) {
    await changes?.stop();
    await storage?.close();
    await plugins.stop();
    throw error;
  }
}

/** A migrated, initialised database: what every process needs before it serves, and what a cluster primary does once. */
export interface PreparedStorage {
  readonly url: string;
  readonly dataSource: DataSource;
  readonly embedded?: EmbeddedDatabase;
  readonly masterKey: ResolvedMasterKey;
  readonly firstRun: FirstRunResult | null;
  /** Closes the data source and stops the embedded server, if any. */
  close(): Promise<void>;
}

/**
 * Starts the embedded server when no `DATABASE_URL` is set, connects, applies pending migrations
 * (under an advisory lock), checks the master key and sets up an empty database (under a lock too).
 */
export async function prepareStorage(config: PorticoConfig, logger: Logger): Promise<PreparedStorage> {
  let embedded: EmbeddedDatabase | undefined;
  let dataSource: DataSource | undefined;
  const close = async () => {
    if (dataSource?.isInitialized) await dataSource.destroy().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
  };
  try {
    let url = config.database.url;
    if (!url) {
      embedded = new EmbeddedDatabase({
        dataDir: config.dataDir,
        port: config.database.embeddedPort,
        onLog: (line) => logger.debug({ component: 'embedded-postgres' }, line),
      });
      url = await embedded.start();
      logger.info({ dataDir: embedded.clusterDir, port: config.database.embeddedPort }, 'embedded PostgreSQL started');
    }
    dataSource = await connectDataSource({
      url,
      poolSize: config.database.poolSize,
      logger: new TypeOrmPinoLogger(logger.child({ component: 'database' })),
      // 57P01: the server is shutting down (ours, on stop); anything else is worth a warning.
      onPoolError: (error) => logger[error.code === '57P01' ? 'debug' : 'warn']({ err: error }, 'idle database connection failed'),
    });
    logger.info({ database: redactUrl(url) }, 'database connected');
    const { applied } = await runPendingMigrations(dataSource);
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');

    const masterKey = resolveMasterKey(config.masterKey, config.dataDir);
    if (masterKey.source === 'generated') logger.warn({ file: masterKey.file }, 'generated a master key; back it up, and set PORTICO_MASTER_KEY when several replicas share the database');
    const firstRunService = new FirstRunService(new FirstRunRepository(dataSource), new DefaultPasswordHashingStrategy());
    await firstRunService.verifyMasterKey(masterKey.key);
    const firstRun = await firstRunService.ensureInitialized(config.firstRun);
    return { url, dataSource, embedded, masterKey, firstRun, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Closes what the HTTP app does not own, in reverse order of start. */
export async function stopRuntime(runtime: PorticoRuntime): Promise<void> {
  await runtime.plugins.stop();
  await runtime.changes.stop();
  if (runtime.dataSource.isInitialized) await runtime.dataSource.destroy();
  await runtime.embedded?.stop();
}
