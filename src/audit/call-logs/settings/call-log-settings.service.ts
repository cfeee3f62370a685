import { Injectable } from '@nestjs/common';
import { AuditTrail } from '../../audit-log/audit-trail';
import type { RequestContext } from '../../../auth/principal';
import { notFound } from '../../../common/http/problems';
import type { CallLogSettingsDto, UpdateCallLogSettingsInput } from './call-log-settings.dto';
import { CallLogSettingsRepository, type CallLogSettingsRow } from './call-log-settings.repository';

/** A workspace's call-log settings: whether bodies are stored (off unless an admin turns it on). */
@Injectable()
export class CallLogSettingsService {
  constructor(
    private readonly repository: CallLogSettingsRepository,
    private readonly audit: AuditTrail,
  ) {}

  async get(_ctx: RequestContext, workspaceId: string): Promise<CallLogSettingsDto> {
    return toDto(workspaceId, await this.repository.find(workspaceId));
  }

  async update(ctx: RequestContext, workspaceId: string, input: UpdateCallLogSettingsInput): Promise<CallLogSettingsDto> {
    try {
      return await this.repository.transaction(async (manager) => {
        const before = toDto(workspaceId, await this.repository.find(workspaceId, manager));
        const after = toDto(workspaceId, await this.repository.upsert(manager, workspaceId, input.storeBodies, ctx.principal.subject));
        await this.audit.record(manager, ctx, { action: 'call_log_settings.update', workspaceId, resourceType: 'call_log_settings', resourceId: workspaceId, before, after });
        return after;
      });
    } catch (error) {
      // Only a superadmin reaches a workspace that does not exist (members get 404 from the guard).
      if (isForeignKeyViolation(error)) throw notFound('workspace');
      throw error;
    }
  }
}

function toDto(workspaceId: string, row: CallLogSettingsRow | undefined): CallLogSettingsDto {
  return { workspaceId, storeBodies: row?.storeBodies ?? false, updatedAt: row?.updatedAt ?? null, updatedBy: row?.updatedBy ?? null };
}

function isForeignKeyViolation(error: unknown): boolean {
  const candidate = error as { code?: string; driverError?: { code?: string } };
  return candidate?.code === '23503' || candidate?.driverError?.code === '23503';
}
