import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { ChangeBus } from '../../common/change-bus/change-bus';

interface UserRow {
  id: string;
  disabled_at: Date | null;
  password_changed_at: Date | null;
}

/**
 * Access tokens are stateless and live `ttlSeconds`; this ends them early, in memory, on every
 * process: a session that logged out (its refresh family revoked), and every token of a user who
 * was disabled or changed their password before the token was issued. Entries older than one token
 * lifetime are forgotten, since the tokens they could refuse have expired anyway.
 */
export class AccessRevocations {
  private readonly endedSessions = new Map<string, number>();
  /** userId → tokens issued before this (epoch seconds) are refused; Infinity while disabled. */
  private readonly userCutoffs = new Map<string, number>();
  private readonly unsubscribe: Array<() => void> = [];
  private pruneTimer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly changes: ChangeBus,
    private readonly logger: Logger,
    private readonly ttlSeconds: number,
  ) {}

  async start(): Promise<void> {
    await this.reloadAll();
    this.unsubscribe.push(this.changes.subscribe('sessions', (event) => void (event.id && this.endedSessions.set(event.id, Date.now()))));
    this.unsubscribe.push(this.changes.subscribe('users', (event) => (event.id ? this.reloadUser(event.id) : this.reloadAll())));
    this.unsubscribe.push(this.changes.onResync(() => this.reloadAll()));
    this.pruneTimer = setInterval(() => this.prune(), 60_000);
    this.pruneTimer.unref();
  }

  stop(): void {
    for (const unsubscribe of this.unsubscribe.splice(0)) unsubscribe();
    clearInterval(this.pruneTimer);
  }

  isRevoked(token: { sessionId: string; userId: string; issuedAt: number }): boolean {
    if (this.endedSessions.has(token.sessionId)) return true;
    const cutoff = this.userCutoffs.get(token.userId);
    return cutoff !== undefined && token.issuedAt < cutoff;
  }

  async reloadAll(): Promise<void> {
    const window = `${this.ttlSeconds} seconds`;
    const sessions: Array<{ family_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT family_id FROM refresh_tokens WHERE revoked_at > now() - $1::interval`,
      [window],
    );
    const users: UserRow[] = await this.dataSource.query(
      `SELECT id, disabled_at, password_changed_at FROM users WHERE disabled_at IS NOT NULL OR password_changed_at > now() - $1::interval`,
      [window],
    );
    const now = Date.now();
    for (const { family_id } of sessions) this.endedSessions.set(family_id, now);
    this.userCutoffs.clear();
    for (const user of users) this.applyUser(user);
  }

  async reloadUser(id: string): Promise<void> {
    try {
      const [user]: UserRow[] = await this.dataSource.query(`SELECT id, disabled_at, password_changed_at FROM users WHERE id = $1`, [id]);
      if (user) this.applyUser(user);
      else this.userCutoffs.set(id, Number.POSITIVE_INFINITY);
    } catch (error) {
      this.logger.warn({ err: error, userId: id }, 'could not reload a user for token revocation; refusing their tokens until it succeeds');
      this.userCutoffs.set(id, Number.POSITIVE_INFINITY);
    }
  }

  private applyUser(user: UserRow): void {
    if (user.disabled_at) this.userCutoffs.set(user.id, Number.POSITIVE_INFINITY);
    else if (user.password_changed_at) this.userCutoffs.set(user.id, Math.floor(user.password_changed_at.getTime() / 1000));
    else this.userCutoffs.delete(user.id);
  }

  private prune(): void {
    const horizon = Date.now() - this.ttlSeconds * 1000;
    for (const [id, at] of this.endedSessions) if (at < horizon) this.endedSessions.delete(id);
  }
}
