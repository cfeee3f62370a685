import 'reflect-metadata';
import cluster from 'node:cluster';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { formatFirstRunBanner } from './auth/first-run.service';
import { startCluster } from './bootstrap/cluster';
import { answerMetricsRequests } from './bootstrap/cluster-metrics';
import { startRuntime, stopRuntime, type PorticoRuntime } from './bootstrap/runtime';
import { closeGracefully } from './bootstrap/shutdown';
import { describeBootFailure } from './common/errors';
import { createLogger, exitAfterFlush } from './common/logging/logger';
import { loadConfig, type PorticoConfig } from './config/portico-config';
import { METRICS_REGISTRY } from './observability/metrics-registry';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection (isolated; process continues)'));
  if (config.server.workers > 1 && cluster.isPrimary) return runPrimary(config, logger.child({ role: 'primary' }));
  if (cluster.isWorker) {
    // Ctrl-C reaches the whole process group; the primary alone decides, and sends each worker SIGTERM.
    process.on('SIGINT', () => undefined);
    return runServer(config, logger.child({ worker: cluster.worker!.id }), ['SIGTERM']);
  }
  return runServer(config, logger, ['SIGTERM', 'SIGINT']);
}

/** The application in this process: one process alone, or one worker of a cluster. */
async function runServer(config: PorticoConfig, logger: Logger, signals: NodeJS.Signals[]): Promise<void> {
  // Loaded here, not at the top: a cluster primary never builds the application and stays small.
  const { createApp } = await import('./bootstrap/create-app.js');
  const extraModules = cluster.isWorker && config.server.exposeWorkerId ? [(await import('./bootstrap/worker-identity.module.js')).WorkerIdentityModule] : [];
  let runtime: PorticoRuntime;
  try {
    runtime = await startRuntime(config, logger);
  } catch (error) {
    reportBootFailure(error);
    return exitAfterFlush(logger, 1);
  }
  if (runtime.firstRun) process.stdout.write(formatFirstRunBanner(runtime.firstRun));

  let app: NestFastifyApplication;
  try {
    app = await createApp(runtime, extraModules);
    if (cluster.isWorker) answerMetricsRequests(app.get(METRICS_REGISTRY));
    await app.listen({ port: config.server.port, host: config.server.host });
  } catch (error) {
    await stopRuntime(runtime).catch(() => undefined);
    reportBootFailure(error, (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? ' (set PORT to a free port)' : '');
    return exitAfterFlush(logger, 1);
  }
  logger.info({ url: `http://${config.server.host}:${config.server.port}`, docs: '/docs' }, 'Portico is listening');
  installShutdown(app, runtime, config, logger, signals);
}

/**
 * Cluster mode: prepares the database once, forks `PORTICO_WORKERS` workers on the shared port,
 * restarts a worker that dies, and on SIGTERM/SIGINT drains them all, exiting 0 when every worker did.
 */
async function runPrimary(config: PorticoConfig, logger: Logger): Promise<void> {
  const starting = startCluster(config, logger, (firstRun) => process.stdout.write(formatFirstRunBanner(firstRun)));
  // Handlers before the workers exist: a signal during boot waits for it, then drains what started.
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    const running = await starting.catch(() => undefined);
    if (!running) return;
    if (stopping) {
      logger.warn({ signal }, 'second signal: workers exit now');
      return running.forceStop();
    }
    stopping = true;
    logger.info({ signal }, 'shutting down: draining every worker');
    const clean = await running.stop();
    logger[clean ? 'info' : 'error']({ clean }, clean ? 'shutdown complete' : 'shutdown complete, but a worker did not drain cleanly');
    exitAfterFlush(logger, clean ? 0 : 1);
  };
  process.on('SIGTERM', (signal) => void shutdown(signal));
  process.on('SIGINT', (signal) => void shutdown(signal));
  try {
    await starting;
  } catch (error) {
    reportBootFailure(error);
    return exitAfterFlush(logger, 1);
  }
  logger.info({ url: `http://${config.server.host}:${config.server.port}`, workers: config.server.workers, docs: '/docs' }, 'Portico is listening (cluster mode)');
}

/**
 * SIGTERM/SIGINT: stop accepting and finish in-flight requests, then let the modules flush
 * (their destroy hooks), then close the database. A second signal or the timeout forces exit.
 */
function installShutdown(app: NestFastifyApplication, runtime: PorticoRuntime, config: PorticoConfig, logger: Logger, signals: NodeJS.Signals[]): void {
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      return exitAfterFlush(logger, 1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const deadline = setTimeout(() => {
      logger.error({ timeoutMs: config.server.shutdownTimeoutMs }, 'shutdown timed out; exiting');
      exitAfterFlush(logger, 1);
    }, config.server.shutdownTimeoutMs);
    deadline.unref();
    try {
      await closeGracefully(app, runtime);
      logger.info('shutdown complete');
      exitAfterFlush(logger, 0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      exitAfterFlush(logger, 1);
    }
  };
  for (const signal of signals) process.on(signal, () => void shutdown(signal));
}

function loadConfigOrExit(): PorticoConfig {
  try {
    return loadConfig();
  } catch (error) {
    return exitWith(error);
  }
}

/** One line on stderr, no stack trace: what an operator needs to fix the boot. */
function reportBootFailure(error: unknown, hint = ''): void {
  process.stderr.write(`portico: ${describeBootFailure(error)}${hint}\n`);
}

/** Before a logger exists (configuration errors): report and exit at once. */
function exitWith(error: unknown): never {
  reportBootFailure(error);
  process.exit(1);
}

void main();
