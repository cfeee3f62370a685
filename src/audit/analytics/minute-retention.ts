import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { PINO_LOGGER } from '../../runtime.tokens';
import { AnalyticsRepository } from './analytics.repository';
import { minuteCutoff } from './grains';

const FIRST_RUN_MS = 60_000;
const EVERY_MS = 3_600_000;

/**
 * Deletes minute rollups older than their retention, a minute after boot and then hourly. Every
 * replica may run it: deletes skip rows another transaction holds, so pruners and writers never wait on each other.
 */
@Injectable()
export class MinuteRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly repository: AnalyticsRepository,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setTimeout(() => this.tick(), FIRST_RUN_MS).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    await this.running;
  }

  private tick(): void {
    this.running = this.prune().finally(() => {
      this.running = undefined;
      this.timer = setTimeout(() => this.tick(), EVERY_MS).unref();
    });
  }

  async prune(): Promise<void> {
    try {
      const deleted = await this.repository.pruneMinutes(minuteCutoff(Date.now()));
      if (deleted > 0) this.logger.info({ component: 'analytics', deleted }, 'pruned minute rollups past their retention');
    } catch (error) {
      this.logger.warn({ component: 'analytics', err: error }, 'pruning minute rollups failed; retrying in an hour');
    }
  }
}
