import { Injectable } from '@nestjs/common';
import { AuditTrail } from '../../audit/audit-log/audit-trail';
import type { RequestContext } from '../../auth/principal';
import { conflict, isUniqueViolation, notFound } from '../../common/http/problems';
import { describeRole } from '../roles/role-names';
import type { CreateWorkspaceInput, UpdateWorkspaceInput, WorkspaceDto } from './workspace.dto';
import { type WorkspaceRow, WorkspacesRepository } from './workspaces.repository';

/**
 * Workspaces (tenants). Anyone signed in sees the workspaces they belong to; superadmins see and
 * create all of them. Deleting needs `workspace:write` (owners) and never removes the last one.
 */
@Injectable()
export class WorkspacesService {
  constructor(
    private readonly repository: WorkspacesRepository,
    private readonly audit: AuditTrail,
  ) {}

  async list(ctx: RequestContext): Promise<WorkspaceDto[]> {
    const { principal } = ctx;
    let rows: WorkspaceRow[];
    if (principal.kind === 'service_account') rows = await this.repository.listForServiceAccount(principal.id);
    else if (principal.isSuperadmin && !principal.workspaceId) rows = await this.repository.listAll(principal.id);
    else rows = await this.repository.listForUser(principal.id);
    if (principal.workspaceId) rows = rows.filter((row) => row.id === principal.workspaceId);
    return rows.map(toDto);
  }

  async create(ctx: RequestContext, input: CreateWorkspaceInput): Promise<WorkspaceDto> {
    try {
      return await this.repository.transaction(async (manager) => {
        if (await this.repository.slugTaken(manager, input.slug)) throw slugConflict(input.slug);
        let ownerId = ctx.principal.id;
        if (input.ownerEmail) {
          const owner = await this.repository.findUserByEmail(manager, input.ownerEmail);
          if (!owner) throw notFound('user');
          ownerId = owner.id;
        }
        const workspace = await this.repository.create(manager, { slug: input.slug, name: input.name }, ownerId);
        await this.audit.record(manager, ctx, { action: 'workspace.create', workspaceId: null, resourceType: 'workspace', resourceId: workspace.id, after: { ...workspace, ownerId } });
        return toDto({ ...workspace, role: ownerId === ctx.principal.id ? 'owner' : null });
      });
    } catch (error) {
      throw isUniqueViolation(error) ? slugConflict(input.slug) : error;
    }
  }

  async get(ctx: RequestContext, workspaceId: string): Promise<WorkspaceDto> {
    const row = await this.repository.findWithRole(workspaceId, ctx.principal.kind, ctx.principal.id);
    if (!row) throw notFound('workspace');
    return toDto(row);
  }

  async update(ctx: RequestContext, workspaceId: string, input: UpdateWorkspaceInput): Promise<WorkspaceDto> {
    try {
      await this.repository.transaction(async (manager) => {
        if (input.slug && (await this.repository.slugTaken(manager, input.slug, workspaceId))) throw slugConflict(input.slug);
        const before = await this.repository.findById(workspaceId, manager);
        if (!before) throw notFound('workspace');
        const after = await this.repository.update(manager, workspaceId, input);
        await this.audit.record(manager, ctx, { action: 'workspace.update', workspaceId, resourceType: 'workspace', resourceId: workspaceId, before, after });
      });
    } catch (error) {
      throw isUniqueViolation(error) ? slugConflict(input.slug) : error;
    }
    return this.get(ctx, workspaceId);
  }

  /** Refuses to delete the last workspace: the gateway and its first-run automation need one. */
  async delete(ctx: RequestContext, workspaceId: string): Promise<void> {
    await this.repository.transaction(async (manager) => {
      const count = await this.repository.lockAll(manager);
      const before = await this.repository.findById(workspaceId, manager);
      if (!before) throw notFound('workspace');
      if (count <= 1) throw conflict('the last workspace cannot be deleted');
      await this.repository.delete(manager, workspaceId);
      // In the instance chain: the workspace's own chain stays readable to superadmins (`/admin/audit?workspaceId=`).
      await this.audit.record(manager, ctx, { action: 'workspace.delete', workspaceId: null, resourceType: 'workspace', resourceId: workspaceId, before });
    });
  }
}

function slugConflict(slug: string | undefined) {
  return conflict(`a workspace with slug "${slug}" exists already`);
}

function toDto(row: WorkspaceRow): WorkspaceDto {
  const role = row.role ? describeRole(row.role) : null;
  return { id: row.id, slug: row.slug, name: row.name, role: role?.role ?? null, roleKind: role?.roleKind ?? null, createdAt: row.createdAt, updatedAt: row.updatedAt };
}
