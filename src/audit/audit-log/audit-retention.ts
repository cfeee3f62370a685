import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import type { PorticoConfig } from '../../config/portico-config';
import { PINO_LOGGER, PORTICO_CONFIG } from '../../runtime.tokens';
import { AuditChainRepository } from './audit-chain.repository';
import { AuditLogRepository } from './audit-log.repository';
import { AuditTrail, type SystemActor } from './audit-trail';

const DAY_MS = 86_400_000;
/** The first purge waits a little after boot, so a starting fleet does not all purge at once. */
const FIRST_RUN_DELAY_MS = 60_000;
export const RETENTION_ACTOR: SystemActor = { system: 'audit-retention' };

export interface PurgedChain {
  workspaceId: string | null;
  purged: number;
  throughSeq: number;
}

/**
 * Removes audit entries older than the retention (`PORTICO_AUDIT_RETENTION_DAYS`), once a day in
 * every process. Per chain, one transaction under the chain's lock: the oldest entries go, the
 * anchor moves to the last of them (verification continues from it), and the chain records the
 * purge itself as `audit.purge`.
 */
@Injectable()
export class AuditRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private timers: NodeJS.Timeout[] = [];
  private running: Promise<PurgedChain[]> | null = null;
  private readonly chain = new AuditChainRepository();

  constructor(
    private readonly repository: AuditLogRepository,
    private readonly trail: AuditTrail,
    @Inject(PORTICO_CONFIG) private readonly config: PorticoConfig,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const first = setTimeout(() => void this.scheduled(), FIRST_RUN_DELAY_MS);
    const daily = setInterval(() => void this.scheduled(), DAY_MS);
    first.unref();
    daily.unref();
    this.timers = [first, daily];
  }

  onApplicationShutdown(): void {
    for (const timer of this.timers.splice(0)) clearTimeout(timer);
  }

  /** One purge of every chain; a call while one runs joins it. */
  purgeExpired(retentionDays = this.config.audit.retentionDays): Promise<PurgedChain[]> {
    this.running ??= this.purgeAll(retentionDays).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async purgeAll(retentionDays: number): Promise<PurgedChain[]> {
    const cutoff = new Date(Date.now() - retentionDays * DAY_MS);
    const purged: PurgedChain[] = [];
    for (const workspaceId of await this.repository.chainsOlderThan(cutoff)) {
      const outcome = await this.purgeChain(workspaceId, retentionDays);
      if (outcome) purged.push(outcome);
    }
    return purged;
  }

  private purgeChain(workspaceId: string | null, retentionDays: number): Promise<PurgedChain | null> {
    return this.repository.transaction(async (manager) => {
      await this.chain.lockChain(manager, workspaceId);
      const { purged, anchor } = await this.repository.purgePrefix(manager, workspaceId, retentionDays);
      if (!anchor) return null;
      await this.trail.record(manager, RETENTION_ACTOR, {
        action: 'audit.purge',
        workspaceId,
        resourceType: 'audit_log',
        resourceId: null,
        after: { purged, throughSeq: anchor.seq, anchorHash: anchor.hash, retentionDays },
      });
      return { workspaceId, purged, throughSeq: anchor.seq };
    });
  }

  private async scheduled(): Promise<void> {
    try {
      const purged = await this.purgeExpired();
      if (purged.length > 0) this.logger.info({ component: 'audit', purged }, 'audit retention purged old entries');
    } catch (error) {
      this.logger.error({ component: 'audit', err: error }, 'audit retention purge failed; it runs again tomorrow');
    }
  }
}
