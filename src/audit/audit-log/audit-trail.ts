import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../../auth/principal';

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
 * audit entry commit or roll back together.
 *
 * @example
 * await this.repository.transaction(async (manager) => {
 *   const key = await this.repository.insert(manager, …);
 *   await this.audit.record(manager, ctx, { action: 'api_key.create', workspaceId, resourceType: 'api_key', resourceId: key.id, after: key });
 * });
 */
@Injectable()
export class AuditTrail {
  // Placeholder until the audit-log module lands (#6): the signature is the contract.
  async record(_manager: EntityManager, _actor: RequestContext | SystemActor, _entry: AuditEntryInput): Promise<void> {}
}
