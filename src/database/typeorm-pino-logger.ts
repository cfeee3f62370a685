import type { Logger as PinoLogger } from 'pino';
import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * TypeORM's own loggers print failing queries with their parameters to stdout — which may be
 * password hashes, key hashes or sealed secrets. This one writes through pino and never logs
 * parameters: only the statement (shortened) and the error.
 */
export class TypeOrmPinoLogger implements TypeOrmLogger {
  constructor(private readonly logger: PinoLogger) {}

  logQuery(): void {
    // Successful queries are not logged: the data plane must not pay for it, and parameters are secret.
  }

  logQueryError(error: string | Error, query: string): void {
    this.logger.warn({ query: shorten(query), error: error instanceof Error ? error.message : error }, 'database query failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ query: shorten(query), ms: time }, 'slow database query');
  }

  logSchemaBuild(message: string): void {
    this.logger.debug({ component: 'schema' }, message);
  }

  logMigration(message: string): void {
    this.logger.info({ component: 'migrations' }, message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    this.logger[level === 'warn' ? 'warn' : 'debug']({ component: 'typeorm' }, String(message));
  }
}

function shorten(query: string): string {
  const flat = query.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}
