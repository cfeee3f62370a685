import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../../auth/principal';
import { type AuditActor, type AuditRecord, entryHash, GENESIS_HASH } from './audit-entry';
import { AuditChainRepository } from './audit-chain.repository';
import { plainJson, storableString } from './canonical-json';
import { changedPaths } from './changed-paths';
import { maskSecrets } from './secret-masking';

/** Work Portico does on its own (first run, retention, expiry sweeps), named for the audit log. */
export interface SystemActor {
  readonly system: string;
}

export interface AuditEntryInput {
  /** `<resource>.<verb>`, e.g. `api_key.create`, `budget.update`, `approval.approve`. */
  readonly action: string;
  /** `null` for Portico-wide changes (default prices, users, SSO of the instance). */
  readonly workspaceId: string | null;
  readonly resourceType: string;
  readonly resourceId: string | null;
  /** The resource before and after the change; secrets are masked by the trail, not by callers. */
  readonly before?: unknown;
  readonly after?: unknown;
}

/**
 * Records admin actions in the audit log, inside the caller's transaction, so a change and its
 * audit entry commit or roll back together. It needs nothing but that transaction, so code outside
 * Nest (the CLI, the first run) uses `new AuditTrail()`.
 *
 * @example
 * await this.chain.transaction(async (manager) => {
 *   const key = await this.chain.insert(manager, …);
 *   await this.audit.record(manager, ctx, { action: 'api_key.create', workspaceId, resourceType: 'api_key', resourceId: key.id, after: key });
 * });
 */
@Injectable()
export class AuditTrail {
  private readonly chain = new AuditChainRepository();

  /**
   * Appends one entry to the chain of `entry.workspaceId` (the instance chain when null). The
   * chain stays locked until the caller's transaction ends, so keep recording close to its end.
   * The transaction must be READ COMMITTED (TypeORM's default). One that records in several chains
   * records in the instance chain first, so two of them never wait on each other's chains.
   */
  async record(manager: EntityManager, actor: RequestContext | SystemActor, entry: AuditEntryInput): Promise<void> {
    const before = plainJson(entry.before);
    const after = plainJson(entry.after);
    const who = await this.actorOf(manager, actor);
    const { head, now } = await this.chain.lockChain(manager, entry.workspaceId);
    const unhashed: Omit<AuditRecord, 'hash'> = {
      id: randomUUID(),
      workspaceId: entry.workspaceId,
      seq: (head?.seq ?? 0) + 1,
      occurredAt: now,
      actor: who,
      action: storableString(entry.action),
      resourceType: storableString(entry.resourceType),
      resourceId: entry.resourceId === null ? null : storableString(entry.resourceId),
      before: maskSecrets(before),
      after: maskSecrets(after),
      changes: changedPaths(before, after),
      ...('system' in actor ? { ip: null, userAgent: null, requestId: null } : requestOrigin(actor)),
      prevHash: head?.hash ?? GENESIS_HASH,
    };
    await this.chain.insert(manager, { ...unhashed, hash: entryHash(unhashed) });
  }

  private async actorOf(manager: EntityManager, actor: RequestContext | SystemActor): Promise<AuditActor> {
    if ('system' in actor) return { kind: 'system', id: storableString(actor.system), apiKeyId: null, email: null };
    const { principal } = actor;
    const email = principal.email ?? (principal.kind === 'user' ? await this.chain.userEmail(manager, principal.id) : null);
    return { kind: principal.kind, id: principal.id, apiKeyId: principal.apiKeyId ?? null, email };
  }
}

function requestOrigin(ctx: RequestContext): Pick<AuditRecord, 'ip' | 'userAgent' | 'requestId'> {
  const text = (value: string | undefined) => (value ? storableString(value).slice(0, 1024) : null);
  return { ip: text(ctx.ip), userAgent: text(ctx.userAgent), requestId: text(ctx.requestId) };
}
