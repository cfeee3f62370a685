import pino from 'pino';
import { DataSource, type DataSourceOptions, type Logger as TypeOrmLogger } from 'typeorm';
import { TypeOrmPinoLogger } from './typeorm-pino-logger';
import { CORE_MIGRATIONS } from '../../migrations';
import { ErrorCode, PorticoError } from '../common/errors';
import { CORE_ENTITIES } from './entities';

export interface DataSourceSettings {
  url: string;
  poolSize?: number;
  applicationName?: string;
  /** Defaults to a silent pino logger: TypeORM's own would print query parameters. */
  logger?: TypeOrmLogger;
  /** Errors of idle pooled connections (e.g. the server restarted); the pool replaces them. */
  onPoolError?: (error: Error & { code?: string }) => void;
}

export function buildDataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: CORE_ENTITIES,
    migrations: CORE_MIGRATIONS,
    migrationsTableName: 'portico_migrations',
    migrationsTransactionMode: 'each',
    uuidExtension: 'pgcrypto',
    // The initial migration creates pgcrypto; connecting must not race to install it.
    installExtensions: false,
    synchronize: false,
    migrationsRun: false,
    poolSize: settings.poolSize ?? 10,
    connectTimeoutMS: 5_000,
    applicationName: settings.applicationName ?? 'portico',
    logger: settings.logger ?? new TypeOrmPinoLogger(pino({ level: 'silent' })),
    maxQueryExecutionTime: 1_000,
    poolErrorHandler: settings.onPoolError ?? (() => undefined),
    logging: ['error', 'warn', 'migration'],
    extra: { idleTimeoutMillis: 30_000 },
  } as DataSourceOptions;
}

/** Opens the pool and proves the server answers, or fails with one operator-readable line. */
export async function connectDataSource(settings: DataSourceSettings): Promise<DataSource> {
  const dataSource = new DataSource(buildDataSourceOptions(settings));
  try {
    await dataSource.initialize();
    await dataSource.query('SELECT 1');
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
    throw new PorticoError(
      ErrorCode.DATABASE_UNAVAILABLE,
      `cannot connect to the database at ${redactUrl(settings.url)}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return dataSource;
}

/** The URL with its password replaced, safe to print. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable url)';
  }
}
