import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { formatFirstRunBanner } from './auth/first-run.service';
import { createApp } from './bootstrap/create-app';
import { startRuntime, stopRuntime, type PorticoRuntime } from './bootstrap/runtime';
import { closeGracefully } from './bootstrap/shutdown';
import { describeBootFailure } from './common/errors';
import { createLogger, exitAfterFlush } from './common/logging/logger';
import { loadConfig, type PorticoConfig } from './config/portico-config';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection (isolated; process continues)'));

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
    app = await createApp(runtime);
    await app.listen({ port: config.server.port, host: config.server.host });
  } catch (error) {
    await stopRuntime(runtime).catch(() => undefined);
    reportBootFailure(error, (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? ' (set PORT to a free port)' : '');
    return exitAfterFlush(logger, 1);
  }
  logger.info({ url: `http://${config.server.host}:${config.server.port}`, docs: '/docs' }, 'Portico is listening');
  installShutdown(app, runtime, config, logger);
}

/**
 * SIGTERM/SIGINT: stop accepting and finish in-flight requests, then let the modules flush
 * (their destroy hooks), then close the database. A second signal or the timeout forces exit.
 */
function installShutdown(app: NestFastifyApplication, runtime: PorticoRuntime, config: PorticoConfig, logger: Logger): void {
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
  process.on('SIGTERM', (signal) => void shutdown(signal));
  process.on('SIGINT', (signal) => void shutdown(signal));
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
