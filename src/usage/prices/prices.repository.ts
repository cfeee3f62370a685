import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In, IsNull, type QueryDeepPartialEntity } from 'typeorm';
import { publishChange } from '../../common/change-bus/change-bus';
import { ModelPriceEntity } from './model-price.entity';
import type { Price } from './price';
import type { PriceSource } from './price-book';

export type PriceValues = Pick<
  ModelPriceEntity,
  'pluginId' | 'model' | 'inputPerMTok' | 'outputPerMTok' | 'cachedInputPerMTok' | 'reasoningPerMTok' | 'perRequest' | 'perImage' | 'effectiveFrom' | 'createdBy'
>;

/** The only code that touches `model_prices`. Rows are only ever inserted; each insert publishes a `prices` change. */
@Injectable()
export class PricesRepository implements PriceSource {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** A new version; `workspaceId` null adds a Portico-wide default. */
  async insert(manager: EntityManager, workspaceId: string | null, values: PriceValues): Promise<ModelPriceEntity> {
    const { identifiers } = await manager.insert(ModelPriceEntity, { workspaceId, ...values, currency: 'USD' } as QueryDeepPartialEntity<ModelPriceEntity>);
    const id = identifiers[0].id as string;
    await publishChange(manager, { topic: 'prices', id, ...(workspaceId && { workspaceId }) });
    return (await manager.findOneBy(ModelPriceEntity, { id }))!;
  }

  /**
   * Per plugin and model, the version in force at `at` for the workspace: its own when it has one
   * in force, else the default's.
   */
  inForce(workspaceId: string, at: Date): Promise<ModelPriceEntity[]> {
    return this.dataSource
      .getRepository(ModelPriceEntity)
      .createQueryBuilder('price')
      .distinctOn(['price.pluginId', 'price.model'])
      .where('(price.workspaceId = :workspaceId OR price.workspaceId IS NULL)', { workspaceId })
      .andWhere('price.effectiveFrom <= :at', { at })
      .orderBy('price.pluginId', 'ASC')
      .addOrderBy('price.model', 'ASC')
      .addOrderBy('price.workspaceId', 'ASC', 'NULLS LAST')
      .addOrderBy('price.effectiveFrom', 'DESC')
      .addOrderBy('price.createdAt', 'DESC')
      .getMany();
  }

  /** Every version the workspace sees (its own and the defaults), newest first, optionally of one plugin or model. */
  history(workspaceId: string, filter: { pluginId?: string; model?: string }): Promise<ModelPriceEntity[]> {
    const narrowed = { ...(filter.pluginId && { pluginId: filter.pluginId }), ...(filter.model && { model: filter.model }) };
    return this.dataSource.getRepository(ModelPriceEntity).find({
      where: [
        { workspaceId, ...narrowed },
        { workspaceId: IsNull(), ...narrowed },
      ],
      order: { effectiveFrom: 'DESC', createdAt: 'DESC' },
      take: 1_000,
    });
  }

  async loadVersions(workspaceIds?: readonly string[]): Promise<Price[]> {
    const where = workspaceIds ? { workspaceId: In([...workspaceIds]) } : {};
    const rows = await this.dataSource.getRepository(ModelPriceEntity).find({ where });
    return rows.map(toPrice);
  }
}

export function toPrice(row: ModelPriceEntity): Price {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    pluginId: row.pluginId,
    model: row.model,
    inputPerMTok: row.inputPerMTok,
    outputPerMTok: row.outputPerMTok,
    cachedInputPerMTok: row.cachedInputPerMTok,
    reasoningPerMTok: row.reasoningPerMTok,
    perRequest: row.perRequest,
    perImage: row.perImage,
    currency: 'USD',
    effectiveFrom: row.effectiveFrom,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
  };
}
