import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { SecretBox } from '../common/crypto/secret-box';
import { isPorticoError } from '../common/errors';
import type { ClaimedDelivery, DeliveryOutcome, WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import type { WebhookRetryStrategy } from './webhook-retry-strategy';
import { PREVIOUS_SECRET_PURPOSE, SECRET_PURPOSE } from './webhook-secrets';
import type { SendResult, WebhookSender } from './webhook-sender';
import { webhookHeaders } from './webhook-signature';

export interface DispatcherOptions {
  /** Deliveries in flight at once in this process. */
  concurrency: number;
  /** Longest sleep between two claims when nothing wakes the dispatcher. */
  pollIntervalMs: number;
  /** How long a claim holds a delivery; longer than any attempt, so only a crashed process loses one. */
  leaseMs: number;
  /** At shutdown, how long in-flight attempts may finish before they are abandoned and released. */
  drainTimeoutMs: number;
}

export const DEFAULT_DISPATCHER_OPTIONS: DispatcherOptions = { concurrency: 8, pollIntervalMs: 5_000, leaseMs: 60_000, drainTimeoutMs: 5_000 };

const MIN_WAIT_MS = 100;

/**
 * Sends due deliveries, in every Portico process at once: each round leases what is due with
 * `FOR UPDATE SKIP LOCKED`, so two processes never hold the same delivery, then signs and POSTs
 * each one, records the attempt and schedules a retry or settles it. Woken by `poke()` (the
 * outbox's NOTIFY, a finished attempt) or by its poll; `stop()` lets in-flight attempts finish
 * for a while, then abandons them and gives their leases back.
 */
export class WebhookDispatcher {
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly shutdown = new AbortController();
  private readonly options: DispatcherOptions;
  private loop?: Promise<void>;
  private stopping = false;
  private poked = false;
  private wake?: () => void;

  constructor(
    private readonly repository: WebhookDeliveriesRepository,
    private readonly box: SecretBox,
    private readonly sender: WebhookSender,
    private readonly retry: WebhookRetryStrategy,
    private readonly logger: Logger,
    options: Partial<DispatcherOptions> = {},
  ) {
    this.options = { ...DEFAULT_DISPATCHER_OPTIONS, ...options };
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Claims again now instead of at the next poll. */
  poke(): void {
    this.poked = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.poke();
    await this.loop;
    const drained = Promise.allSettled([...this.inFlight.values()]).then(() => true);
    if (!(await Promise.race([drained, sleep(this.options.drainTimeoutMs, false, { ref: false })]))) {
      this.logger.info({ inFlight: this.inFlight.size }, 'abandoning in-flight webhook attempts at shutdown; releasing their claims');
      this.shutdown.abort();
      await Promise.allSettled([...this.inFlight.values()]);
    }
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let waitMs = this.options.pollIntervalMs;
      try {
        const free = this.options.concurrency - this.inFlight.size;
        if (free > 0) {
          const claimed = await this.repository.claim(free, randomUUID(), this.options.leaseMs);
          for (const delivery of claimed) this.launch(delivery);
          if (claimed.length === free) continue;
          waitMs = await this.untilNextDue();
        }
      } catch (error) {
        this.logger.warn({ err: error }, 'claiming webhook deliveries failed; retrying at the next poll');
      }
      await this.idle(waitMs);
    }
  }

  private async untilNextDue(): Promise<number> {
    const dueInMs = await this.repository.msUntilNextDue();
    if (dueInMs === null) return this.options.pollIntervalMs;
    return Math.min(this.options.pollIntervalMs, Math.max(MIN_WAIT_MS, Math.ceil(dueInMs)));
  }

  private idle(ms: number): Promise<void> {
    if (this.poked || this.stopping) {
      this.poked = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        this.poked = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      this.wake = done;
    });
  }

  private launch(delivery: ClaimedDelivery): void {
    const task = this.deliver(delivery)
      .catch((error) => this.logger.error({ err: error, deliveryId: delivery.id }, 'recording a webhook attempt failed; the delivery is retried when its claim expires'))
      .finally(() => {
        this.inFlight.delete(delivery.id);
        this.poke();
      });
    this.inFlight.set(delivery.id, task);
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    const startedAt = new Date();
    const result = await this.send(delivery);
    if (result.verdict === 'aborted') return this.repository.release(delivery);
    const { statusCode, durationMs, error, responseBody } = result;
    const kept = await this.repository.complete(delivery, { startedAt, durationMs, statusCode, error, responseBody }, this.outcomeOf(delivery, result));
    if (!kept) this.logger.warn({ deliveryId: delivery.id }, 'a webhook attempt outlived its claim; another process took the delivery over');
  }

  private async send(delivery: ClaimedDelivery): Promise<SendResult> {
    let secrets: string[];
    try {
      secrets = [this.box.open(delivery.secretEnc, SECRET_PURPOSE)];
      if (delivery.previousSecretEnc) secrets.push(this.box.open(delivery.previousSecretEnc, PREVIOUS_SECRET_PURPOSE));
    } catch (error) {
      const reason = isPorticoError(error) ? `${error.code}: ${error.message}` : String(error);
      return { verdict: 'retry', statusCode: null, durationMs: 0, error: `the endpoint secret cannot be opened (${reason})`, responseBody: null };
    }
    const headers = webhookHeaders(secrets, delivery.eventId, Math.floor(Date.now() / 1000), delivery.body);
    return this.sender.send(delivery.url, headers, delivery.body, this.shutdown.signal);
  }

  private outcomeOf(delivery: ClaimedDelivery, result: SendResult): DeliveryOutcome {
    if (result.verdict === 'delivered') return { status: 'delivered' };
    if (result.verdict !== 'retry') return { status: 'failed' };
    const nextAttemptAt = this.retry.nextAttemptAt({
      attempt: delivery.attemptCount + 1,
      deliveryCreatedAt: delivery.createdAt,
      now: new Date(),
      retryAfterMs: result.retryAfterMs,
    });
    return nextAttemptAt ? { status: 'pending', nextAttemptAt } : { status: 'failed' };
  }
}
