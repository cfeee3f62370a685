import { Client } from 'pg';
import type { Logger } from 'pino';
import { WEBHOOK_WAKEUP_CHANNEL } from './webhook-deliveries.repository';

/**
 * LISTENs for new deliveries (the outbox notifies on commit) on one dedicated connection. Best
 * effort: when the connection drops it reconnects after a pause, and the dispatcher's poll covers
 * the gap.
 */
export class WebhookWakeups {
  private client?: Client;
  private stopped = false;
  private retryTimer?: NodeJS.Timeout;

  constructor(
    private readonly url: string,
    private readonly onWake: () => void,
    private readonly logger: Logger,
    private readonly reconnectMs = 1_000,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect().catch((error) => this.lost(this.client, error));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.url, application_name: 'portico-webhooks' });
    client.on('notification', () => this.onWake());
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    this.client = client;
    await client.connect();
    await client.query(`LISTEN ${WEBHOOK_WAKEUP_CHANNEL}`);
    if (this.stopped) await client.end().catch(() => undefined);
  }

  private lost(client: Client | undefined, error?: Error): void {
    if (this.stopped || client !== this.client) return;
    this.client = undefined;
    this.logger.warn({ err: error }, 'webhook wake-up listener lost its connection; polling until it reconnects');
    client?.end().catch(() => undefined);
    this.retryTimer = setTimeout(() => void this.connect().then(() => this.onWake(), (failure) => this.lost(this.client, failure)), this.reconnectMs);
    this.retryTimer.unref();
  }
}
