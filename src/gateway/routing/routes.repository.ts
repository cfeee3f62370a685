import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In, type QueryDeepPartialEntity } from 'typeorm';
import { publishChange } from '../../common/change-bus/change-bus';
import { ProviderAccountEntity } from '../../providers/provider-account.entity';
import { RouteTargetEntity } from './entities/route-target.entity';
import { RouteEntity } from './entities/route.entity';
import type { RouteSource } from './route-snapshot';

export type RouteValues = Pick<RouteEntity, 'alias' | 'description' | 'strategy' | 'cacheTtlSeconds' | 'policy' | 'enabled'>;
export type RouteTargetValues = Pick<
  RouteTargetEntity,
  'providerAccountId' | 'model' | 'weight' | 'priority' | 'contextWindow' | 'inputPricePerMTok' | 'outputPricePerMTok'
>;

const WITH_TARGETS = { targets: { providerAccount: true } } as const;
const TARGET_ORDER = { targets: { position: 'ASC' } } as const;

/** The only code that touches `routes` and `route_targets`. Every write publishes a `routes` change. */
@Injectable()
export class RoutesRepository implements RouteSource {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  list(workspaceId: string): Promise<RouteEntity[]> {
    return this.dataSource.getRepository(RouteEntity).find({ where: { workspaceId }, relations: WITH_TARGETS, order: { alias: 'ASC', ...TARGET_ORDER } });
  }

  find(workspaceId: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<RouteEntity | null> {
    return manager.findOne(RouteEntity, { where: { workspaceId, id }, relations: WITH_TARGETS, order: TARGET_ORDER });
  }

  findByAlias(workspaceId: string, alias: string, manager: EntityManager = this.dataSource.manager): Promise<RouteEntity | null> {
    return manager.findOne(RouteEntity, { where: { workspaceId, alias }, relations: WITH_TARGETS, order: TARGET_ORDER });
  }

  /** Which of `ids` are provider accounts of the workspace. */
  async accountsIn(manager: EntityManager, workspaceId: string, ids: readonly string[]): Promise<Set<string>> {
    const rows = await manager.find(ProviderAccountEntity, { where: { workspaceId, id: In([...ids]) }, select: { id: true } });
    return new Set(rows.map((row) => row.id));
  }

  async create(manager: EntityManager, workspaceId: string, values: RouteValues, targets: readonly RouteTargetValues[]): Promise<RouteEntity> {
    const { identifiers } = await manager.insert(RouteEntity, { workspaceId, ...values } as QueryDeepPartialEntity<RouteEntity>);
    const id = identifiers[0].id as string;
    await this.insertTargets(manager, id, targets);
    await publishChange(manager, { topic: 'routes', id, workspaceId });
    return (await this.find(workspaceId, id, manager))!;
  }

  async update(manager: EntityManager, workspaceId: string, id: string, values: Partial<RouteValues>, targets?: readonly RouteTargetValues[]): Promise<RouteEntity> {
    await manager.update(RouteEntity, { workspaceId, id }, { ...values, updatedAt: new Date() } as QueryDeepPartialEntity<RouteEntity>);
    if (targets) {
      await manager.delete(RouteTargetEntity, { routeId: id });
      await this.insertTargets(manager, id, targets);
    }
    await publishChange(manager, { topic: 'routes', id, workspaceId });
    return (await this.find(workspaceId, id, manager))!;
  }

  async delete(manager: EntityManager, workspaceId: string, id: string): Promise<boolean> {
    const { affected } = await manager.delete(RouteEntity, { workspaceId, id });
    await publishChange(manager, { topic: 'routes', id, workspaceId });
    return (affected ?? 0) > 0;
  }

  /** Enabled routes with their targets, of some workspaces or (no argument) all. */
  loadEnabled(workspaceIds?: readonly string[]): Promise<RouteEntity[]> {
    return this.dataSource.getRepository(RouteEntity).find({
      where: { enabled: true, ...(workspaceIds && { workspaceId: In([...workspaceIds]) }) },
      relations: { targets: true },
      order: { alias: 'ASC', ...TARGET_ORDER },
    });
  }

  private async insertTargets(manager: EntityManager, routeId: string, targets: readonly RouteTargetValues[]): Promise<void> {
    if (targets.length === 0) return;
    await manager.insert(
      RouteTargetEntity,
      targets.map((target, position) => ({ ...target, routeId, position })),
    );
  }
}
