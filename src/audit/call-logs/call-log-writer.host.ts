import { Inject, Injectable, Optional, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import type { PorticoRuntime } from '../../bootstrap/runtime';
import { buildDataSourceOptions } from '../../database/data-source';
import { METRICS_REGISTRY } from '../../observability/metrics-registry';
import { PINO_LOGGER, RUNTIME } from '../../runtime.tokens';
import { CallRecords } from '../call-records/call-records';
import { CallLogBatchesRepository } from './call-log-batches.repository';
import { registerCallLogMetrics } from './call-log-metrics';
import { CALL_BATCH_OBSERVER, type CallBatchObserver } from './call-log-sink';
import { CallLogSpill } from './call-log-spill';
import { CallLogWriter } from './call-log-writer';

/** Share of the shutdown timeout the writer may spend writing before it spills the rest. */
const SHUTDOWN_SHARE = 0.5;

/**
 * Runs the call-log writer for the app: subscribes it to `CallRecords`, and at shutdown (after
 * HTTP has drained) flushes it within half the shutdown timeout.
 *
 * The writer has its own two-connection TypeORM DataSource rather than a share of the app's pool:
 * a database outage or a slow batch then never holds connections the control plane needs, and a
 * DataSource (not a bare `pg.Pool`) hands analytics the `EntityManager` of the insert's transaction.
 * Its query logger is silent: the writer itself logs each failure once, not each retry.
 */
@Injectable()
export class CallLogWriterHost implements OnModuleInit, OnApplicationShutdown {
  private dataSource?: DataSource;
  private instance?: CallLogWriter;
  private unsubscribe?: () => void;

  constructor(
    @Inject(RUNTIME) private readonly runtime: PorticoRuntime,
    private readonly records: CallRecords,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
    @Optional() @Inject(CALL_BATCH_OBSERVER) private readonly observer?: CallBatchObserver,
  ) {}

  get writer(): CallLogWriter {
    if (!this.instance) throw new Error('the call-log writer is not started');
    return this.instance;
  }

  async onModuleInit(): Promise<void> {
    const { config } = this.runtime;
    const logger = this.logger.child({ component: 'call-logs' });
    this.dataSource = await openWriterDataSource(this.runtime, logger);
    const metrics = registerCallLogMetrics(this.registry);
    const spill = new CallLogSpill(config.callLogs.spillDir, { onCorrupt: (count) => metrics.writeErrors.inc({ reason: 'spill_corrupt' }, count) });
    this.instance = new CallLogWriter(new CallLogBatchesRepository(this.dataSource, this.observer), spill, metrics, logger, config.callLogs);
    await this.instance.start();
    this.unsubscribe = this.records.subscribe((record) => this.instance!.push(record));
  }

  async onApplicationShutdown(): Promise<void> {
    // Stays subscribed: a record published this late still reaches the spill file.
    await this.instance?.close(Math.floor(this.runtime.config.server.shutdownTimeoutMs * SHUTDOWN_SHARE));
    if (this.dataSource?.isInitialized) await this.dataSource.destroy();
  }
}

async function openWriterDataSource(runtime: PorticoRuntime, logger: Logger): Promise<DataSource> {
  const url = (runtime.dataSource.options as { url?: string }).url;
  if (!url) throw new Error('the call-log writer needs the database URL of the runtime DataSource');
  const options = buildDataSourceOptions({
    url,
    poolSize: 2,
    applicationName: 'portico-call-logs',
    onPoolError: (error) => logger.debug({ err: error }, 'idle call-log writer connection failed'),
  });
  const dataSource = new DataSource({
    ...options,
    // TCP keep-alive finds a vanished server; a statement never runs longer than the shutdown budget allows.
    extra: { ...(options.extra as object), keepAlive: true, statement_timeout: 10_000 },
  } as typeof options);
  await dataSource.initialize();
  return dataSource;
}
