import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { z } from 'zod';
import { ErrorCode, PorticoError } from '../common/errors';
import { configFileSchema, environmentSchema, type ConfigFile } from './config.schema';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Portico's configuration, validated once at boot and read-only afterwards. */
export interface PorticoConfig {
  readonly server: {
    readonly host: string;
    readonly port: number;
    readonly bodyLimitBytes: number;
    readonly shutdownTimeoutMs: number;
    readonly trustProxy: boolean;
    /** Worker processes (cluster mode) sharing the port; 1 runs everything in this process. */
    readonly workers: number;
    /** Whether responses carry `x-portico-worker` (cluster mode only). */
    readonly exposeWorkerId: boolean;
  };
  readonly database: {
    /** Set when an external server is used; absent means the embedded server. */
    readonly url?: string;
    readonly poolSize: number;
    readonly embeddedPort: number;
  };
  readonly redisUrl?: string;
  readonly dataDir: string;
  readonly masterKey?: Buffer;
  readonly firstRun: {
    readonly adminEmail: string;
    readonly adminPassword?: string;
    readonly bootstrapApiKey?: string;
  };
  readonly plugins: {
    /** Explicit list of plugin specifiers; undefined means every bundled plugin. */
    readonly enabled?: readonly string[];
    readonly config: Readonly<Record<string, unknown>>;
  };
  readonly logLevel: LogLevel;
  readonly gateway: {
    /** Consecutive upstream failures that open a target's circuit, and how long it stays open. */
    readonly breaker: { readonly failureThreshold: number; readonly cooldownMs: number };
  };
  readonly callLogs: {
    /** Where the writer spills batches it could not write (database down), replayed when it returns. */
    readonly spillDir: string;
    readonly batchSize: number;
    readonly flushMs: number;
    /** Records held in memory before the writer spills to disk instead of growing. */
    readonly queueMax: number;
    readonly retentionDays: number;
  };
  readonly audit: { readonly retentionDays: number };
  readonly observability: {
    /** When set, `GET /metrics` requires `Authorization: Bearer <token>`. */
    readonly metricsToken?: string;
    /** Cluster mode: where the primary serves the workers' metrics aggregated (none when unset). */
    readonly clusterMetricsPort?: number;
    /** OTLP/HTTP endpoint; traces are exported only when set. */
    readonly otlpEndpoint?: string;
    readonly serviceName: string;
  };
  readonly webhooks: {
    /** Whether webhook URLs may resolve to loopback, private or link-local addresses (default false: SSRF guard). */
    readonly allowPrivateNetworks: boolean;
  };
}

/** The name of the variable that points at the optional JSON config file. */
export const CONFIG_FILE_VARIABLE = 'PORTICO_CONFIG';

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): PorticoConfig {
  const file = readConfigFile(env[CONFIG_FILE_VARIABLE], cwd);
  const merged = { ...stringify(file.env ?? {}), ...definedOnly(env) };
  const parsed = environmentSchema.safeParse(merged);
  if (!parsed.success) throw configError(parsed.error, merged);
  const values = parsed.data;
  const workers = values.PORTICO_WORKERS === 'auto' ? availableParallelism() : values.PORTICO_WORKERS;
  assertClusterHasRedis(workers, values.REDIS_URL, values.PORTICO_WORKERS);
  return {
    server: {
      host: values.HOST,
      port: values.PORT,
      bodyLimitBytes: values.PORTICO_BODY_LIMIT_BYTES,
      shutdownTimeoutMs: values.PORTICO_SHUTDOWN_TIMEOUT_MS,
      trustProxy: values.PORTICO_TRUST_PROXY,
      workers,
      exposeWorkerId: values.PORTICO_EXPOSE_WORKER_ID,
    },
    database: {
      url: values.DATABASE_URL,
      poolSize: values.DATABASE_POOL_SIZE,
      embeddedPort: values.PORTICO_EMBEDDED_DB_PORT,
    },
    redisUrl: values.REDIS_URL,
    dataDir: resolve(cwd, values.PORTICO_DATA_DIR),
    masterKey: values.PORTICO_MASTER_KEY ? Buffer.from(values.PORTICO_MASTER_KEY, 'base64') : undefined,
    firstRun: {
      adminEmail: values.PORTICO_ADMIN_EMAIL.toLowerCase(),
      adminPassword: values.PORTICO_ADMIN_PASSWORD,
      bootstrapApiKey: values.PORTICO_BOOTSTRAP_API_KEY,
    },
    plugins: { enabled: values.PORTICO_PLUGINS, config: file.plugins ?? {} },
    logLevel: values.PORTICO_LOG_LEVEL,
    gateway: { breaker: { failureThreshold: values.PORTICO_BREAKER_FAILURE_THRESHOLD, cooldownMs: values.PORTICO_BREAKER_COOLDOWN_MS } },
    callLogs: {
      spillDir: resolve(cwd, values.PORTICO_CALL_LOG_SPILL_DIR ?? resolve(cwd, values.PORTICO_DATA_DIR, 'call-log-spill')),
      batchSize: values.PORTICO_CALL_LOG_BATCH_SIZE,
      flushMs: values.PORTICO_CALL_LOG_FLUSH_MS,
      queueMax: values.PORTICO_CALL_LOG_QUEUE_MAX,
      retentionDays: values.PORTICO_CALL_LOG_RETENTION_DAYS,
    },
    audit: { retentionDays: values.PORTICO_AUDIT_RETENTION_DAYS },
    observability: {
      metricsToken: values.PORTICO_METRICS_TOKEN,
      clusterMetricsPort: values.PORTICO_CLUSTER_METRICS_PORT,
      otlpEndpoint: values.OTEL_EXPORTER_OTLP_ENDPOINT,
      serviceName: values.OTEL_SERVICE_NAME,
    },
    webhooks: { allowPrivateNetworks: values.PORTICO_WEBHOOKS_ALLOW_PRIVATE_NETWORKS },
  };
}

/**
 * Rate limits, concurrency limits and budgets are counted in Redis when it is configured and in
 * process memory otherwise; several workers without Redis would each let the full limit through.
 */
function assertClusterHasRedis(workers: number, redisUrl: string | undefined, requested: number | 'auto'): void {
  if (workers <= 1 || redisUrl) return;
  throw new PorticoError(
    ErrorCode.CONFIG_INVALID,
    `PORTICO_WORKERS=${requested} runs ${workers} worker processes, which need REDIS_URL to share rate limits, concurrency limits and budgets ` +
      '(without it each worker would enforce every limit on its own); set REDIS_URL, or PORTICO_WORKERS=1',
    { details: { variables: ['PORTICO_WORKERS', 'REDIS_URL'] } },
  );
}

function readConfigFile(path: string | undefined, cwd: string): ConfigFile {
  if (!path) return {};
  let raw: string;
  try {
    raw = readFileSync(resolve(cwd, path), 'utf8');
  } catch (error) {
    throw new PorticoError(
      ErrorCode.CONFIG_FILE_UNREADABLE,
      `${CONFIG_FILE_VARIABLE} names ${path}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new PorticoError(ErrorCode.CONFIG_INVALID, `${CONFIG_FILE_VARIABLE} file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = configFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PorticoError(
      ErrorCode.CONFIG_INVALID,
      `${CONFIG_FILE_VARIABLE} file ${path}: ${issue.path.join('.') || '(root)'} ${issue.message}; expected {"env": {...}, "plugins": {...}}`,
    );
  }
  return parsed.data;
}

function configError(error: z.ZodError, input: Record<string, string>): PorticoError {
  const problems = error.issues.map((issue) => {
    const variable = String(issue.path[0]);
    const got = input[variable];
    const shown = got === undefined ? '' : ` (got ${JSON.stringify(isSecret(variable) ? '***' : got)})`;
    return `${issue.message}${shown}`;
  });
  return new PorticoError(ErrorCode.CONFIG_INVALID, problems.join('; '), {
    details: { variables: error.issues.map((issue) => String(issue.path[0])) },
  });
}

function isSecret(variable: string): boolean {
  return /PASSWORD|KEY|SECRET|TOKEN|DATABASE_URL|REDIS_URL/.test(variable);
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value !== '') out[key] = value;
  return out;
}

function stringify(values: Record<string, string | number | boolean>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, String(value)]));
}
