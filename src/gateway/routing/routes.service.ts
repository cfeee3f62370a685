import { Injectable } from '@nestjs/common';
import { AuditTrail } from '../../audit/audit-log/audit-trail';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../../auth/principal';
import { conflict, isUniqueViolation, isUuid, notFound, unprocessable } from '../../common/http/problems';
import type { RouteEntity } from './entities/route.entity';
import { resolvePolicy } from './resilience-policy';
import type { CreateRouteInput, RouteDto, RouteTargetInput, UpdateRouteInput } from './routes.dto';
import { type RouteTargetValues, type RouteValues, RoutesRepository } from './routes.repository';

/**
 * A workspace's model routes: an alias clients send as `model`, its targets (accounts of the
 * same workspace) and how the gateway picks and retries them. Routes are addressed by id or alias.
 */
@Injectable()
export class RoutesService {
  constructor(
    private readonly repository: RoutesRepository,
    private readonly audit: AuditTrail,
  ) {}

  async list(_ctx: RequestContext, workspaceId: string): Promise<RouteDto[]> {
    return (await this.repository.list(workspaceId)).map(toDto);
  }

  async get(_ctx: RequestContext, workspaceId: string, idOrAlias: string): Promise<RouteDto> {
    return toDto(await this.require(workspaceId, idOrAlias));
  }

  async create(ctx: RequestContext, workspaceId: string, input: CreateRouteInput): Promise<RouteDto> {
    const { targets, ...values } = input;
    return this.unique(input.alias, () =>
      this.repository.transaction(async (manager) => {
        await this.assertAliasFree(manager, workspaceId, input.alias);
        await this.assertAccountsInWorkspace(manager, workspaceId, targets);
        const route = await this.repository.create(manager, workspaceId, values satisfies RouteValues, targets.map(toTargetValues));
        await this.audit.record(manager, ctx, { action: 'route.create', workspaceId, resourceType: 'route', resourceId: route.id, after: toDto(route) });
        return route;
      }),
    );
  }

  async update(ctx: RequestContext, workspaceId: string, idOrAlias: string, input: UpdateRouteInput): Promise<RouteDto> {
    const { targets, ...values } = input;
    return this.unique(input.alias, () =>
      this.repository.transaction(async (manager) => {
        const route = await this.require(workspaceId, idOrAlias, manager);
        if (input.alias) await this.assertAliasFree(manager, workspaceId, input.alias, route.id);
        if (targets) await this.assertAccountsInWorkspace(manager, workspaceId, targets);
        const updated = await this.repository.update(manager, workspaceId, route.id, values, targets?.map(toTargetValues));
        await this.audit.record(manager, ctx, { action: 'route.update', workspaceId, resourceType: 'route', resourceId: route.id, before: toDto(route), after: toDto(updated) });
        return updated;
      }),
    );
  }

  async delete(ctx: RequestContext, workspaceId: string, idOrAlias: string): Promise<void> {
    await this.repository.transaction(async (manager) => {
      const route = await this.require(workspaceId, idOrAlias, manager);
      await this.repository.delete(manager, workspaceId, route.id);
      await this.audit.record(manager, ctx, { action: 'route.delete', workspaceId, resourceType: 'route', resourceId: route.id, before: toDto(route) });
    });
  }

  private async require(workspaceId: string, idOrAlias: string, manager?: EntityManager): Promise<RouteEntity> {
    const route = isUuid(idOrAlias) ? await this.repository.find(workspaceId, idOrAlias, manager) : await this.repository.findByAlias(workspaceId, idOrAlias, manager);
    if (!route) throw notFound('route');
    return route;
  }

  private async assertAliasFree(manager: EntityManager, workspaceId: string, alias: string, exceptId?: string): Promise<void> {
    const existing = await this.repository.findByAlias(workspaceId, alias, manager);
    if (existing && existing.id !== exceptId) throw aliasTaken(alias);
  }

  /** Ids of another workspace are refused exactly like ids that do not exist (no probing across workspaces). */
  private async assertAccountsInWorkspace(manager: EntityManager, workspaceId: string, targets: readonly RouteTargetInput[]): Promise<void> {
    const ids = [...new Set(targets.map((target) => target.providerAccountId))];
    const found = await this.repository.accountsIn(manager, workspaceId, ids);
    const unknown = ids.filter((id) => !found.has(id));
    if (unknown.length > 0) throw unprocessable('every target needs a provider account of this workspace', { unknownProviderAccountIds: unknown });
  }

  private async unique(alias: string | undefined, work: () => Promise<RouteEntity>): Promise<RouteDto> {
    try {
      return toDto(await work());
    } catch (error) {
      throw isUniqueViolation(error) ? aliasTaken(alias ?? '') : error;
    }
  }
}

function aliasTaken(alias: string) {
  return conflict(`a route with alias "${alias}" exists already`);
}

function toTargetValues(target: RouteTargetInput): RouteTargetValues {
  return { ...target };
}

function toDto(route: RouteEntity): RouteDto {
  return {
    id: route.id,
    workspaceId: route.workspaceId,
    alias: route.alias,
    description: route.description,
    strategy: route.strategy,
    cacheTtlSeconds: route.cacheTtlSeconds,
    policy: route.policy,
    effectivePolicy: resolvePolicy(route.policy),
    enabled: route.enabled,
    targets: (route.targets ?? []).map((target) => ({
      id: target.id,
      providerAccountId: target.providerAccountId,
      providerAccountName: target.providerAccount?.name ?? '',
      model: target.model,
      weight: target.weight,
      priority: target.priority,
      contextWindow: target.contextWindow,
      inputPricePerMTok: target.inputPricePerMTok,
      outputPricePerMTok: target.outputPricePerMTok,
      position: target.position,
    })),
    createdAt: route.createdAt,
    updatedAt: route.updatedAt,
  };
}
