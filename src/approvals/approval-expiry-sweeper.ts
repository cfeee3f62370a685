import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { PINO_LOGGER } from '../runtime.tokens';
import { ApprovalService } from './approval.service';

const EVERY_MS = 60_000;

/**
 * Expires overdue pending requests at start and then every minute, in every process: requests are
 * claimed with `SKIP LOCKED`, so sweepers never expire one twice nor wait on each other.
 */
@Injectable()
export class ApprovalExpirySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly approvals: ApprovalService,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.tick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private tick(): void {
    this.running = this.sweep().finally(() => {
      this.running = undefined;
      if (!this.stopped) this.timer = setTimeout(() => this.tick(), EVERY_MS).unref();
    });
  }

  private async sweep(): Promise<void> {
    try {
      const { expired, failed } = await this.approvals.expireDue();
      if (expired > 0) this.logger.info({ component: 'approvals', expired }, 'expired overdue approval requests');
      for (const failure of failed) this.logger.error({ component: 'approvals', requestId: failure.id, err: failure.error }, 'expiring an approval request failed; retrying next minute');
    } catch (error) {
      this.logger.warn({ component: 'approvals', err: error }, 'the approval expiry sweep failed; retrying next minute');
    }
  }
}
