import type { Logger } from 'pino';
import type { SpendLedger } from '../../usage/enforcement/usage-gate';

/** Where the ledger writes (the subscriptions repository). */
export interface PlanSpendStore {
  addSpend(deltas: readonly { subscriptionId: string; period: string; nanoUsd: number }[]): Promise<void>;
}

type Delta = { subscriptionId: string; period: string; nanoUsd: number };

/**
 * Settled plan spend made durable off the request path: a settlement is a map update, and every
 * `flushMs` one statement adds the deltas to `subscription_spend`. A failed flush keeps its deltas
 * for the next one; shutdown flushes once more.
 */
export class PlanSpendLedger implements SpendLedger {
  private deltas = new Map<string, Delta>();
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: PlanSpendStore,
    private readonly logger: Logger,
    private readonly flushMs = 1_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.flushMs);
    this.timer.unref();
  }

  record(subscriptionId: string, period: string, nanoUsd: number): void {
    const id = `${subscriptionId}|${period}`;
    const delta = this.deltas.get(id);
    if (delta) delta.nanoUsd += nanoUsd;
    else this.deltas.set(id, { subscriptionId, period, nanoUsd });
  }

  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.flushOnce());
    return this.flushing;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
    if (this.deltas.size > 0) this.logger.warn({ subscriptions: this.deltas.size }, 'subscription plan spend could not reach the database at shutdown');
  }

  private async flushOnce(): Promise<void> {
    if (this.deltas.size === 0) return;
    const batch = [...this.deltas.values()];
    this.deltas = new Map();
    try {
      await this.store.addSpend(batch);
    } catch (error) {
      for (const delta of batch) this.record(delta.subscriptionId, delta.period, delta.nanoUsd);
      this.logger.warn({ err: error instanceof Error ? error.message : String(error), subscriptions: batch.length }, 'writing subscription plan spend failed; retrying on the next flush');
    }
  }
}
