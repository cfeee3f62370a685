import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditTrail } from '../audit/audit-log/audit-trail';
import type { RequestContext } from '../auth/principal';
import { SecretBox } from '../common/crypto/secret-box';
import { isUuid, notFound } from '../common/http/problems';
import type { CreateWebhookInput, RotateSecretInput, UpdateWebhookInput, WebhookEndpointDto, WebhookEndpointWithSecretDto } from './webhooks.dto';
import { type WebhookEndpointRow, WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { asPrevious, DEFAULT_ROTATION_GRACE_SECONDS, newSecret } from './webhook-secrets';
import { WebhookUrlPolicy } from './url-policy';

/**
 * A workspace's webhook endpoints. The signing secret is generated here, shown once (at creation
 * and on rotation) and stored sealed; URLs pass the URL policy before they are saved.
 */
@Injectable()
export class WebhookEndpointsService {
  constructor(
    private readonly repository: WebhookEndpointsRepository,
    private readonly box: SecretBox,
    private readonly policy: WebhookUrlPolicy,
    private readonly audit: AuditTrail,
  ) {}

  async list(_ctx: RequestContext, workspaceId: string): Promise<WebhookEndpointDto[]> {
    return (await this.repository.list(workspaceId)).map(toDto);
  }

  async get(_ctx: RequestContext, workspaceId: string, id: string): Promise<WebhookEndpointDto> {
    const endpoint = isUuid(id) ? await this.repository.find(workspaceId, id) : null;
    if (!endpoint) throw notFound('webhook endpoint');
    return toDto(endpoint);
  }

  async create(ctx: RequestContext, workspaceId: string, input: CreateWebhookInput): Promise<WebhookEndpointWithSecretDto> {
    const url = (await this.policy.check(input.url)).href;
    const { secret, sealed } = newSecret(this.box);
    const created = await this.repository.transaction(async (manager) => {
      const endpoint = await this.repository.insert(manager, workspaceId, { ...input, url }, { ...sealed, previousSecretEnc: null, previousSecretExpiresAt: null });
      await this.record(manager, ctx, 'webhook_endpoint.create', endpoint, { after: toDto(endpoint) });
      return endpoint;
    });
    return { ...toDto(created), secret };
  }

  async update(ctx: RequestContext, workspaceId: string, id: string, input: UpdateWebhookInput): Promise<WebhookEndpointDto> {
    const url = input.url === undefined ? undefined : (await this.policy.check(input.url)).href;
    return this.changing(workspaceId, id, async (manager, before) => {
      const after = (await this.repository.update(manager, workspaceId, id, { ...input, url }))!;
      await this.record(manager, ctx, 'webhook_endpoint.update', after, { before: toDto(before), after: toDto(after) });
      return toDto(after);
    });
  }

  async delete(ctx: RequestContext, workspaceId: string, id: string): Promise<void> {
    await this.changing(workspaceId, id, async (manager, before) => {
      await this.repository.delete(manager, workspaceId, id);
      await this.record(manager, ctx, 'webhook_endpoint.delete', before, { before: toDto(before) });
    });
  }

  /** A new secret, shown once; the old one keeps signing (a second signature) for `graceSeconds`. */
  async rotateSecret(ctx: RequestContext, workspaceId: string, id: string, input: RotateSecretInput): Promise<WebhookEndpointWithSecretDto> {
    const graceSeconds = input.graceSeconds ?? DEFAULT_ROTATION_GRACE_SECONDS;
    const { secret, sealed } = newSecret(this.box);
    return this.changing(workspaceId, id, async (manager, before) => {
      const sealedCurrent = (await this.repository.sealedSecret(manager, workspaceId, id))!;
      const previous = graceSeconds > 0 ? asPrevious(this.box, sealedCurrent, new Date(Date.now() + graceSeconds * 1000)) : { previousSecretEnc: null, previousSecretExpiresAt: null };
      const after = (await this.repository.replaceSecrets(manager, workspaceId, id, { ...sealed, ...previous }))!;
      await this.record(manager, ctx, 'webhook_endpoint.rotate_secret', after, { before: toDto(before), after: toDto(after) });
      return { ...toDto(after), secret };
    });
  }

  /** Runs `work` on the locked endpoint, in one transaction; 404 when the workspace has no such endpoint. */
  private changing<T>(workspaceId: string, id: string, work: (manager: EntityManager, before: WebhookEndpointRow) => Promise<T>): Promise<T> {
    if (!isUuid(id)) throw notFound('webhook endpoint');
    return this.repository.transaction(async (manager) => {
      const before = await this.repository.lock(manager, workspaceId, id);
      if (!before) throw notFound('webhook endpoint');
      return work(manager, before);
    });
  }

  private record(manager: EntityManager, ctx: RequestContext, action: string, endpoint: WebhookEndpointRow, change: { before?: unknown; after?: unknown }): Promise<void> {
    return this.audit.record(manager, ctx, { action, workspaceId: endpoint.workspaceId, resourceType: 'webhook_endpoint', resourceId: endpoint.id, ...change });
  }
}

export function toDto(row: WebhookEndpointRow): WebhookEndpointDto {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes,
    enabled: row.enabled,
    secretHint: row.secretHint,
    previousSecretExpiresAt: row.previousSecretExpiresAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
