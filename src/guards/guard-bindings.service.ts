import { Injectable } from '@nestjs/common';
import { AuditTrail } from '../audit/audit-log/audit-trail';
import type { RequestContext } from '../auth/principal';
import { isPorticoError } from '../common/errors';
import { conflict, isUniqueViolation, isUuid, notFound, unprocessable } from '../common/http/problems';
import { PluginHost } from '../plugin-host/plugin-host';
import type { CreateGuardBindingInput, GuardBindingDto, GuardPluginDto, UpdateGuardBindingInput } from './guard-bindings.dto';
import { GuardBindingsRepository } from './guard-bindings.repository';

/** Guard bindings: which loaded guard runs on which calls, with which config. Audited. */
@Injectable()
export class GuardBindingsService {
  constructor(
    private readonly repository: GuardBindingsRepository,
    private readonly plugins: PluginHost,
    private readonly audit: AuditTrail,
  ) {}

  guards(_ctx: RequestContext): GuardPluginDto[] {
    return this.plugins.listGuards().map((guard) => ({
      id: guard.id,
      version: guard.manifest.version,
      priority: guard.priority,
      description: guard.manifest.description,
      bindingSchema: guard.manifest.bindingSchema as Record<string, unknown> | undefined,
    }));
  }

  list(_ctx: RequestContext, workspaceId: string): Promise<GuardBindingDto[]> {
    return this.repository.list(workspaceId);
  }

  async get(_ctx: RequestContext, workspaceId: string, id: string): Promise<GuardBindingDto> {
    const binding = isUuid(id) ? await this.repository.find(workspaceId, id) : undefined;
    if (!binding) throw notFound('guard binding');
    return binding;
  }

  async create(ctx: RequestContext, workspaceId: string, input: CreateGuardBindingInput): Promise<GuardBindingDto> {
    const config = this.checkConfig(input.pluginId, input.config);
    try {
      return await this.repository.transaction(async (manager) => {
        if (input.scopeRef && !(await this.repository.targetExists(manager, workspaceId, input.scope, input.scopeRef))) {
          throw unprocessable(`scopeRef names no ${input.scope.replace('_', ' ')} of this workspace`, { scopeRef: input.scopeRef });
        }
        const created = await this.repository.insert(manager, workspaceId, { ...input, config }, ctx.principal.subject);
        await this.audit.record(manager, ctx, { action: 'guard_binding.create', workspaceId, resourceType: 'guard_binding', resourceId: created.id, after: created });
        return created;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`${input.pluginId} is already bound to this ${input.scope.replace('_', ' ')}; change that binding instead`);
      throw error;
    }
  }

  async update(ctx: RequestContext, workspaceId: string, id: string, input: UpdateGuardBindingInput): Promise<GuardBindingDto> {
    if (!isUuid(id)) throw notFound('guard binding');
    return this.repository.transaction(async (manager) => {
      const before = await this.repository.get(manager, workspaceId, id, true);
      if (!before) throw notFound('guard binding');
      const values = {
        config: input.config === undefined ? { ...before.config } : this.checkConfig(before.pluginId, input.config),
        failMode: input.failMode ?? before.failMode,
        timeoutMs: input.timeoutMs ?? before.timeoutMs,
        enabled: input.enabled ?? before.enabled,
      };
      const after = await this.repository.update(manager, workspaceId, id, values);
      await this.audit.record(manager, ctx, { action: 'guard_binding.update', workspaceId, resourceType: 'guard_binding', resourceId: id, before, after });
      return after;
    });
  }

  async delete(ctx: RequestContext, workspaceId: string, id: string): Promise<void> {
    if (!isUuid(id)) throw notFound('guard binding');
    await this.repository.transaction(async (manager) => {
      const before = await this.repository.get(manager, workspaceId, id, true);
      if (!before) throw notFound('guard binding');
      await this.repository.delete(manager, workspaceId, id);
      await this.audit.record(manager, ctx, { action: 'guard_binding.delete', workspaceId, resourceType: 'guard_binding', resourceId: id, before });
    });
  }

  /** The guard must be loaded, and the config valid against its binding schema (defaults applied). */
  private checkConfig(pluginId: string, config: Record<string, unknown>): Record<string, unknown> {
    if (!this.plugins.getGuard(pluginId)) throw unprocessable(`no guard plugin "${pluginId}" is loaded`, { pluginId });
    try {
      return this.plugins.validateBindingConfig(pluginId, config);
    } catch (error) {
      if (isPorticoError(error)) throw unprocessable(error.message, { pluginId, ...error.details });
      throw error;
    }
  }
}
