import { Client } from 'pg';
import type { Logger } from 'pino';
import { CHANGE_CHANNEL, type ChangeBus, type ChangeEvent, type ChangeTopic } from './change-bus';

type Handler = (event: ChangeEvent) => void | Promise<void>;

/**
 * A `ChangeBus` over Postgres LISTEN/NOTIFY on one dedicated connection. When the connection
 * drops it reconnects with back-off and asks every subscriber to resync.
 */
export class PgChangeBus implements ChangeBus {
  private client?: Client;
  private readonly handlers = new Map<ChangeTopic, Set<Handler>>();
  private readonly resyncHandlers = new Set<() => void | Promise<void>>();
  private stopped = false;
  private reconnectTimer?: NodeJS.Timeout;
  private connected = false;

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
  ) {}

  get isConnected(): boolean {
    return this.connected;
  }

  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    this.connected = false;
    await client?.end().catch(() => undefined);
  }

  subscribe(topic: ChangeTopic, handler: Handler): () => void {
    const set = this.handlers.get(topic) ?? new Set<Handler>();
    set.add(handler);
    this.handlers.set(topic, set);
    return () => set.delete(handler);
  }

  onResync(handler: () => void | Promise<void>): () => void {
    this.resyncHandlers.add(handler);
    return () => this.resyncHandlers.delete(handler);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.url, application_name: 'portico-changes' });
    client.on('notification', (message) => this.dispatch(message.payload));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    await client.connect();
    await client.query(`LISTEN ${CHANGE_CHANNEL}`);
    this.client = client;
    this.connected = true;
  }

  private lost(client: Client, error?: Error): void {
    if (this.stopped || client !== this.client) return;
    this.client = undefined;
    this.connected = false;
    this.logger.warn({ err: error }, 'change listener lost its database connection; reconnecting');
    client.end().catch(() => undefined);
    this.scheduleReconnect(250);
  }

  private scheduleReconnect(delayMs: number): void {
    if (this.stopped) return;
    this.reconnectTimer = setTimeout(async () => {
      try {
        await this.connect();
        this.logger.info('change listener reconnected; resyncing snapshots');
        await this.runResync();
      } catch (error) {
        this.logger.warn({ err: error }, 'change listener reconnect failed');
        this.scheduleReconnect(Math.min(delayMs * 2, 10_000));
      }
    }, delayMs);
    this.reconnectTimer.unref();
  }

  private async runResync(): Promise<void> {
    for (const handler of this.resyncHandlers) {
      try {
        await handler();
      } catch (error) {
        this.logger.error({ err: error }, 'snapshot resync failed');
      }
    }
  }

  private dispatch(payload: string | undefined): void {
    let event: ChangeEvent;
    try {
      event = JSON.parse(payload ?? '') as ChangeEvent;
    } catch {
      this.logger.warn({ payload }, 'ignored a malformed change notification');
      return;
    }
    for (const handler of this.handlers.get(event.topic) ?? []) {
      Promise.resolve()
        .then(() => handler(event))
        .catch((error: unknown) => this.logger.error({ err: error, topic: event.topic }, 'change handler failed'));
    }
  }
}
