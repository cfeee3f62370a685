import { z } from 'zod';

/**
 * Every setting Portico reads, keyed by the environment variable that sets it.
 * The optional JSON config file uses the same names; the environment wins over the file.
 * Each field's message says what is expected, because it is printed as-is to the operator.
 */
const port = (name: string) =>
  z.coerce
    .number({ error: `${name} must be an integer from 1 to 65535` })
    .int({ error: `${name} must be an integer from 1 to 65535` })
    .min(1, { error: `${name} must be an integer from 1 to 65535` })
    .max(65535, { error: `${name} must be an integer from 1 to 65535` });

const positiveInt = (name: string, max: number) =>
  z.coerce
    .number({ error: `${name} must be an integer from 1 to ${max}` })
    .int({ error: `${name} must be an integer from 1 to ${max}` })
    .min(1, { error: `${name} must be an integer from 1 to ${max}` })
    .max(max, { error: `${name} must be an integer from 1 to ${max}` });

const connectionUrl = (name: string, protocols: string[], example: string) =>
  z.string().refine(
    (value) => {
      try {
        const url = new URL(value);
        return protocols.includes(url.protocol) && url.hostname.length > 0;
      } catch {
        return false;
      }
    },
    { error: `${name} must be a URL like ${example}` },
  );

const booleanFlag = (name: string) =>
  z
    .enum(['true', 'false', '1', '0'], { error: `${name} must be true or false` })
    .transform((value) => value === 'true' || value === '1');

const pluginList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry.length > 0),
  )
  .refine((entries) => entries.length > 0, {
    error: 'PORTICO_PLUGINS must list at least one plugin, comma-separated (e.g. provider-mock,provider-openai)',
  });

export const environmentSchema = z.object({
  PORT: port('PORT').default(3000),
  HOST: z.string().min(1, { error: 'HOST must be a host name or IP address' }).default('0.0.0.0'),
  DATABASE_URL: connectionUrl('DATABASE_URL', ['postgres:', 'postgresql:'], 'postgres://user:password@host:5432/database').optional(),
  DATABASE_POOL_SIZE: positiveInt('DATABASE_POOL_SIZE', 500).default(10),
  REDIS_URL: connectionUrl('REDIS_URL', ['redis:', 'rediss:'], 'redis://host:6379').optional(),
  PORTICO_MASTER_KEY: z
    .string()
    .refine((value) => Buffer.from(value, 'base64').length === 32, {
      error: 'PORTICO_MASTER_KEY must be 32 random bytes, base64-encoded (e.g. `openssl rand -base64 32`)',
    })
    .optional(),
  PORTICO_DATA_DIR: z.string().min(1, { error: 'PORTICO_DATA_DIR must be a folder path' }).default('./.portico'),
  PORTICO_EMBEDDED_DB_PORT: port('PORTICO_EMBEDDED_DB_PORT').default(54329),
  PORTICO_ADMIN_EMAIL: z.email({ error: 'PORTICO_ADMIN_EMAIL must be an e-mail address' }).default('admin@portico.local'),
  PORTICO_ADMIN_PASSWORD: z
    .string()
    .min(12, { error: 'PORTICO_ADMIN_PASSWORD must be at least 12 characters' })
    .max(256, { error: 'PORTICO_ADMIN_PASSWORD must be at most 256 characters' })
    .optional(),
  PORTICO_BOOTSTRAP_API_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_\-.]{24,200}$/, {
      error: 'PORTICO_BOOTSTRAP_API_KEY must be 24 to 200 characters of letters, digits, "_", "-" or "."',
    })
    .optional(),
  PORTICO_PLUGINS: pluginList.optional(),
  PORTICO_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'PORTICO_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  PORTICO_BODY_LIMIT_BYTES: positiveInt('PORTICO_BODY_LIMIT_BYTES', 512 * 1024 * 1024).default(10 * 1024 * 1024),
  PORTICO_SHUTDOWN_TIMEOUT_MS: positiveInt('PORTICO_SHUTDOWN_TIMEOUT_MS', 600_000).default(15_000),
  PORTICO_TRUST_PROXY: booleanFlag('PORTICO_TRUST_PROXY').default(false),
  /** Cluster mode: `auto` (one worker per core) or a number of worker processes; 1 is a single process. */
  PORTICO_WORKERS: z
    .string()
    .trim()
    .refine((value) => value === 'auto' || (/^[0-9]+$/.test(value) && Number(value) >= 1 && Number(value) <= 256), {
      error: 'PORTICO_WORKERS must be "auto" or an integer from 1 to 256',
    })
    .transform((value): number | 'auto' => (value === 'auto' ? 'auto' : Number(value)))
    .default(1),
  /** Adds `x-portico-worker: <id>` to every response in cluster mode (debugging and tests; off by default). */
  /** Cluster mode: a port on which the primary serves `GET /metrics` for all workers together. */
  PORTICO_CLUSTER_METRICS_PORT: port('PORTICO_CLUSTER_METRICS_PORT').optional(),
  PORTICO_EXPOSE_WORKER_ID: booleanFlag('PORTICO_EXPOSE_WORKER_ID').default(false),
  PORTICO_BREAKER_FAILURE_THRESHOLD: positiveInt('PORTICO_BREAKER_FAILURE_THRESHOLD', 1000).default(5),
  PORTICO_BREAKER_COOLDOWN_MS: positiveInt('PORTICO_BREAKER_COOLDOWN_MS', 3_600_000).default(30_000),
  PORTICO_CALL_LOG_SPILL_DIR: z.string().min(1).optional(),
  PORTICO_CALL_LOG_BATCH_SIZE: positiveInt('PORTICO_CALL_LOG_BATCH_SIZE', 50_000).default(1000),
  PORTICO_CALL_LOG_FLUSH_MS: positiveInt('PORTICO_CALL_LOG_FLUSH_MS', 60_000).default(250),
  PORTICO_CALL_LOG_QUEUE_MAX: positiveInt('PORTICO_CALL_LOG_QUEUE_MAX', 10_000_000).default(100_000),
  PORTICO_CALL_LOG_RETENTION_DAYS: positiveInt('PORTICO_CALL_LOG_RETENTION_DAYS', 36_500).default(30),
  PORTICO_AUDIT_RETENTION_DAYS: positiveInt('PORTICO_AUDIT_RETENTION_DAYS', 36_500).default(365),
  PORTICO_METRICS_TOKEN: z.string().min(16, { error: 'PORTICO_METRICS_TOKEN must be at least 16 characters' }).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: connectionUrl('OTEL_EXPORTER_OTLP_ENDPOINT', ['http:', 'https:'], 'http://collector:4318').optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default('portico'),
  /** Lets webhook endpoints point at loopback, private and link-local addresses (tests, single-host setups). */
  PORTICO_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: booleanFlag('PORTICO_WEBHOOKS_ALLOW_PRIVATE_NETWORKS').default(false),
});

export type EnvironmentInput = z.input<typeof environmentSchema>;

/**
 * The optional config file (`PORTICO_CONFIG=path/to/portico.json`): the same keys as the
 * environment, plus per-plugin configuration that would be awkward in one variable.
 */
export const configFileSchema = z
  .object({
    env: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    plugins: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export type ConfigFile = z.infer<typeof configFileSchema>;
