import { Injectable } from '@nestjs/common';
import { AuditTrail } from '../../audit/audit-log/audit-trail';
import { API_KEY_PREFIX, generateApiKey } from '../api-key-material';
import type { ApiKeyEntity } from '../entities/api-key.entity';
import type { RequestContext } from '../principal';
import { RoleGrants } from '../service-accounts/role-grants';
import { ServiceAccountsRepository } from '../service-accounts/service-accounts.repository';
import { type ApiKeyDto, createApiKeySchema, type CreatedApiKeyDto, rotateApiKeySchema, type RotatedApiKeyDto, updateApiKeySchema } from './api-key.dto';
import { ApiKeyRegistry } from './api-key-registry';
import { validateScopes } from './api-key-scopes';
import { ApiKeysRepository, type ApiKeyPatch, type NewApiKey } from './api-keys.repository';
import { conflict, forbidden, invalid, notFound, parseBody, unprocessable } from '../../common/http/problems';

type Owner = Pick<NewApiKey, 'ownerType' | 'ownerId'>;

/**
 * API keys: shown once at creation, stored as hashes, acting as their owner (a service account,
 * or the user who made it) within one workspace and their scopes. Every write tells every
 * process to reload that key, inside the transaction that makes it.
 */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly repository: ApiKeysRepository,
    private readonly serviceAccounts: ServiceAccountsRepository,
    private readonly roles: RoleGrants,
    private readonly registry: ApiKeyRegistry,
    private readonly audit: AuditTrail = new AuditTrail(),
  ) {}

  async create(ctx: RequestContext, workspaceId: string, body: unknown): Promise<CreatedApiKeyDto> {
    const input = parseBody(createApiKeySchema, body);
    const scopes = checkedScopes(input.scopes);
    const owner = await this.resolveOwner(ctx, workspaceId, input.owner.type === 'service_account' ? input.owner.id : undefined);
    const material = generateApiKey();
    const created = await this.repository.transaction(async (manager) => {
      const key = await this.repository.insert(manager, {
        workspaceId,
        publicId: material.publicId,
        keyHash: material.hash,
        name: input.name,
        ...owner,
        scopes,
        expiresAt: input.expiresAt ?? null,
        rotatedFromId: null,
        createdBy: ctx.principal.subject,
      });
      await this.repository.publishChanged(manager, workspaceId, key.id);
      await this.audit.record(manager, ctx, { action: 'api_key.create', workspaceId, resourceType: 'api_key', resourceId: key.id, after: toDto(key) });
      return key;
    });
    await this.settled(created.id);
    return { ...toDto(created), key: material.key };
  }

  async list(_ctx: RequestContext, workspaceId: string): Promise<ApiKeyDto[]> {
    return (await this.repository.list(workspaceId)).map((key) => toDto(key));
  }

  async get(_ctx: RequestContext, workspaceId: string, id: string): Promise<ApiKeyDto> {
    const key = await this.repository.find(workspaceId, id);
    if (!key) throw notFound('API key');
    return toDto(key);
  }

  async update(ctx: RequestContext, workspaceId: string, id: string, body: unknown): Promise<ApiKeyDto> {
    const input = parseBody(updateApiKeySchema, body);
    const patch: ApiKeyPatch = {};
    if (input.name !== undefined) patch.name = input.name;
    if (input.scopes !== undefined) patch.scopes = checkedScopes(input.scopes);
    if (input.expiresAt !== undefined) patch.expiresAt = input.expiresAt;
    const updated = await this.repository.transaction(async (manager) => {
      const key = await this.repository.find(workspaceId, id, manager);
      if (!key) throw notFound('API key');
      if (key.revokedAt) throw conflict('a revoked key cannot be changed', { keyId: id });
      const updated = await this.repository.update(manager, workspaceId, id, patch);
      await this.repository.publishChanged(manager, workspaceId, id);
      await this.audit.record(manager, ctx, { action: 'api_key.update', workspaceId, resourceType: 'api_key', resourceId: id, before: toDto(key), after: toDto(updated) });
      return updated;
    });
    await this.settled(id);
    return toDto(updated);
  }

  /** Idempotent: revoking a revoked key answers it unchanged. */
  async revoke(ctx: RequestContext, workspaceId: string, id: string): Promise<ApiKeyDto> {
    const revoked = await this.repository.transaction(async (manager) => {
      const key = await this.repository.find(workspaceId, id, manager);
      if (!key) throw notFound('API key');
      if (key.revokedAt) return key;
      const revoked = await this.repository.update(manager, workspaceId, id, { revokedAt: new Date() });
      await this.repository.publishChanged(manager, workspaceId, id);
      await this.audit.record(manager, ctx, { action: 'api_key.revoke', workspaceId, resourceType: 'api_key', resourceId: id, before: toDto(key), after: toDto(revoked) });
      return revoked;
    });
    await this.settled(id);
    return toDto(revoked);
  }

  /**
   * A new key with the same owner, name and scopes; the old one keeps working for the grace
   * period (never longer than it would have anyway). Rotating hands out a working credential,
   * so it needs the same standing as minting one for that owner.
   */
  async rotate(ctx: RequestContext, workspaceId: string, id: string, body: unknown): Promise<RotatedApiKeyDto> {
    const input = parseBody(rotateApiKeySchema, body);
    const current = await this.repository.find(workspaceId, id);
    if (!current) throw notFound('API key');
    if (current.ownerType !== 'app') await this.resolveOwner(ctx, workspaceId, current.ownerType === 'service_account' ? current.ownerId : undefined, current.ownerId);
    const material = generateApiKey();
    const { next, previous } = await this.repository.transaction(async (manager) => {
      const old = await this.repository.find(workspaceId, id, manager);
      if (!old) throw notFound('API key');
      if (old.revokedAt) throw conflict('a revoked key cannot be rotated; create a new key', { keyId: id });
      const now = Date.now();
      if (old.expiresAt && old.expiresAt.getTime() <= now) throw conflict('an expired key cannot be rotated; create a new key', { keyId: id });
      const graceEnd = now + input.gracePeriodSeconds * 1000;
      const lifetime = old.expiresAt ? old.expiresAt.getTime() - old.createdAt.getTime() : null;
      const next = await this.repository.insert(manager, {
        workspaceId,
        publicId: material.publicId,
        keyHash: material.hash,
        name: old.name,
        ownerType: old.ownerType,
        ownerId: old.ownerId,
        scopes: old.scopes,
        expiresAt: input.expiresAt !== undefined ? input.expiresAt : lifetime === null ? null : new Date(now + lifetime),
        rotatedFromId: old.id,
        createdBy: ctx.principal.subject,
      });
      const previous = await this.repository.update(manager, workspaceId, id, {
        expiresAt: new Date(Math.min(graceEnd, old.expiresAt?.getTime() ?? Infinity)),
      });
      await this.repository.publishChanged(manager, workspaceId, next.id);
      await this.repository.publishChanged(manager, workspaceId, id);
      await this.audit.record(manager, ctx, { action: 'api_key.rotate', workspaceId, resourceType: 'api_key', resourceId: id, before: toDto(old), after: toDto(previous) });
      await this.audit.record(manager, ctx, { action: 'api_key.create', workspaceId, resourceType: 'api_key', resourceId: next.id, after: toDto(next) });
      return { next, previous };
    });
    await this.settled(next.id, previous.id);
    return { ...toDto(next), key: material.key, previousKey: toDto(previous) };
  }

  /**
   * The change reaches every process through the bus; this process answers the caller, so it
   * applies the change before answering (a key that was just shown works at once, here).
   */
  private async settled(...ids: string[]): Promise<void> {
    for (const id of ids) await this.registry.reloadOne(id);
  }

  /**
   * Who a key acts as. A service account must be in this workspace and the caller must hold
   * its whole role; a user key belongs to the caller, who must be a member here.
   */
  private async resolveOwner(ctx: RequestContext, workspaceId: string, serviceAccountId: string | undefined, userId?: string): Promise<Owner> {
    if (serviceAccountId !== undefined) {
      const account = await this.serviceAccounts.find(workspaceId, serviceAccountId);
      if (!account) throw notFound('service account');
      await this.roles.assertCallerHolds(ctx, workspaceId, account.role, 'a key for this service account');
      return { ownerType: 'service_account', ownerId: account.id };
    }
    const { principal } = ctx;
    if (principal.kind !== 'user') throw unprocessable('only a person can own a user key; a service account mints keys for a service account');
    if (userId !== undefined && userId !== principal.id) throw forbidden("only its owner can rotate a user's key (the new key would act as them)");
    if (!(await this.repository.isMember(workspaceId, principal.id))) {
      throw unprocessable('you are not a member of this workspace, so a key of yours would have no role here');
    }
    return { ownerType: 'user', ownerId: principal.id };
  }
}

function checkedScopes(scopes: readonly string[]): string[] {
  const result = validateScopes(scopes);
  if (result.ok) return result.scopes;
  const issues = result.issues.map((issue) => ({ path: 'scopes', ...issue }));
  throw invalid(`invalid scopes: ${issues.map((issue) => issue.scope || issue.message).join(', ')}`, issues);
}

export function keyStatus(key: Pick<ApiKeyEntity, 'revokedAt' | 'expiresAt'>, now = Date.now()): ApiKeyDto['status'] {
  if (key.revokedAt) return 'revoked';
  return key.expiresAt && key.expiresAt.getTime() <= now ? 'expired' : 'active';
}

function toDto(key: ApiKeyEntity): ApiKeyDto {
  return {
    id: key.id,
    workspaceId: key.workspaceId,
    name: key.name,
    prefix: `${API_KEY_PREFIX}${key.publicId}_…`,
    owner: { type: key.ownerType, id: key.ownerId },
    scopes: key.scopes,
    status: keyStatus(key),
    expiresAt: key.expiresAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    rotatedFromId: key.rotatedFromId,
    createdBy: key.createdBy,
    createdAt: key.createdAt.toISOString(),
  };
}
