import type { Logger } from 'pino';
import type { FirstRunResult } from '../auth/first-run.service';
import type { PorticoConfig } from '../config/portico-config';
import type { Server } from 'node:http';
import { startClusterMetricsServer } from './cluster-metrics';
import { ClusterPrimary } from './cluster-primary';
import { prepareStorage } from './runtime';

export interface RunningCluster {
  /** Drains every worker (SIGTERM), then stops the embedded database; true when every worker exited cleanly. */
  stop(): Promise<boolean>;
  /** A second signal: workers exit without draining. */
  forceStop(): void;
}

/**
 * Cluster mode's primary: prepares the storage once (embedded server, migrations, master key,
 * first-run setup), hands the first-run result to `onFirstRun` before any worker exists (so a
 * generated key is shown even if the workers then fail), and forks the workers, which connect to
 * the same database and share the port. The primary keeps no database connection of its own.
 */
export async function startCluster(config: PorticoConfig, logger: Logger, onFirstRun: (firstRun: FirstRunResult) => void): Promise<RunningCluster> {
  const storage = await prepareStorage(config, logger);
  await storage.dataSource.destroy();
  if (storage.firstRun) onFirstRun(storage.firstRun);
  const primary = new ClusterPrimary({
    workers: config.server.workers,
    workerEnv: storage.embedded ? { DATABASE_URL: storage.url } : {},
    shutdownTimeoutMs: config.server.shutdownTimeoutMs,
    logger,
  });
  let metrics: Server | undefined;
  try {
    await primary.start();
    const port = config.observability.clusterMetricsPort;
    if (port !== undefined) {
      metrics = await startClusterMetricsServer({ host: config.server.host, port, token: config.observability.metricsToken, workers: () => primary.listeningWorkers(), logger });
      logger.info({ url: `http://${config.server.host}:${port}/metrics` }, 'cluster metrics served by the primary');
    }
  } catch (error) {
    await primary.stop();
    await storage.close();
    throw error;
  }
  return {
    async stop() {
      metrics?.close();
      const clean = await primary.stop();
      await storage.embedded?.stop().catch((error: unknown) => logger.error({ err: error }, 'embedded PostgreSQL did not stop cleanly'));
      return clean;
    },
    forceStop: () => primary.forceStop(),
  };
}
