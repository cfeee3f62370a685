import type { Logger } from 'pino';
import { addDays, startOfUtcDay } from './call-log-partitions.repository';

/** What the maintainer needs from the database (the partitions repository). */
export interface CallLogPartitions {
  ensureDay(day: Date): Promise<boolean>;
  dropBefore(cutoff: Date): Promise<string[]>;
}

export interface PartitionMaintenanceOptions {
  readonly retentionDays: number;
  /** Partitions exist from today to today + `aheadDays` (UTC). */
  readonly aheadDays?: number;
  readonly intervalMs?: number;
  readonly now?: () => Date;
}

/**
 * Keeps `call_logs` partitioned: daily partitions from today to a few days ahead, and none older
 * than the retention. Runs at start and then every hour (each run is idempotent, so a missed or
 * failed run is made up by the next one, and several replicas may run it).
 */
export class CallLogPartitionMaintainer {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly partitions: CallLogPartitions,
    private readonly logger: Logger,
    private readonly options: PartitionMaintenanceOptions,
  ) {}

  async start(): Promise<void> {
    await this.runSafely();
    this.timer = setInterval(() => void this.runSafely(), this.options.intervalMs ?? 3_600_000).unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  async runOnce(): Promise<{ created: string[]; dropped: string[] }> {
    const today = startOfUtcDay(this.options.now?.() ?? new Date());
    const created: string[] = [];
    for (let offset = 0; offset <= (this.options.aheadDays ?? 2); offset++) {
      const day = addDays(today, offset);
      if (await this.partitions.ensureDay(day)) created.push(day.toISOString().slice(0, 10));
    }
    const dropped = await this.partitions.dropBefore(addDays(today, -this.options.retentionDays));
    return { created, dropped };
  }

  private runSafely(): Promise<void> {
    this.running ??= this.runOnce()
      .then(({ created, dropped }) => {
        if (created.length > 0 || dropped.length > 0) this.logger.info({ created, dropped }, 'call-log partitions maintained');
      })
      .catch((error: unknown) => this.logger.error({ err: error }, 'call-log partition maintenance failed; retrying at the next run'))
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
