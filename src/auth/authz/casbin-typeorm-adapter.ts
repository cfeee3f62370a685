import type { Adapter, Model } from 'casbin';
import type { DataSource } from 'typeorm';
import { CasbinRuleEntity } from '../entities/casbin-rule.entity';

const FIELDS = ['v0', 'v1', 'v2', 'v3', 'v4', 'v5'] as const;

/**
 * Loads casbin policies from the `casbin_rule` table. Portico writes policies through its own
 * repositories, inside the transaction of the change they belong to (see PolicyRepository),
 * so the enforcer's write-through calls are refused rather than half-supported.
 */
export class CasbinTypeormAdapter implements Adapter {
  constructor(private readonly dataSource: DataSource) {}

  async loadPolicy(model: Model): Promise<void> {
    const rows = await this.dataSource.getRepository(CasbinRuleEntity).find({ order: { id: 'ASC' } });
    for (const row of rows) {
      const values = FIELDS.map((field) => row[field]);
      while (values.length > 0 && values[values.length - 1] === '') values.pop();
      model.addPolicy(row.ptype.startsWith('g') ? 'g' : 'p', row.ptype, values);
    }
  }

  savePolicy(): Promise<boolean> {
    return this.readOnly();
  }
  addPolicy(): Promise<void> {
    return this.readOnly();
  }
  removePolicy(): Promise<void> {
    return this.readOnly();
  }
  removeFilteredPolicy(): Promise<void> {
    return this.readOnly();
  }

  private readOnly(): never {
    throw new Error('policies change through PolicyRepository, in the transaction of the change they belong to');
  }
}
