import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type ValueTransformer } from 'typeorm';
import { WorkspaceEntity } from '../../auth/entities/workspace.entity';

/** Postgres hands `numeric` back as a string; prices have ≤ 9 decimals, so a double holds them exactly enough to round back. */
const decimal: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * One version of a model's price. Append-only: a change inserts a new version (a trigger refuses
 * UPDATE), so the cost of a past call can always be recomputed. `workspace_id` null is the
 * Portico-wide default; a workspace's own version overrides it for that workspace.
 */
@Entity({ name: 'model_prices' })
@Index('model_prices_lookup_idx', ['workspaceId', 'pluginId', 'model', 'effectiveFrom'])
@Check('model_prices_token_prices_check', `input_per_mtok >= 0 AND output_per_mtok >= 0 AND (cached_input_per_mtok IS NULL OR cached_input_per_mtok >= 0) AND (reasoning_per_mtok IS NULL OR reasoning_per_mtok >= 0)`)
@Check('model_prices_call_prices_check', `(per_request IS NULL OR per_request >= 0) AND (per_image IS NULL OR per_image >= 0)`)
@Check('model_prices_currency_check', `currency = 'USD'`)
@Check('model_prices_created_by_check', `created_by ~ '^(system|user:.+|sa:.+)$'`)
export class ModelPriceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid', nullable: true })
  workspaceId: string | null;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id', foreignKeyConstraintName: 'model_prices_workspace_id_fkey' })
  workspace?: WorkspaceEntity;

  /** The provider plugin, e.g. `provider-openai`. */
  @Column({ name: 'plugin_id', type: 'text' })
  pluginId: string;

  /** The exact upstream model id, e.g. `gpt-4o-mini`. */
  @Column({ type: 'text' })
  model: string;

  /** USD per 1M prompt tokens. */
  @Column({ name: 'input_per_mtok', type: 'numeric', precision: 18, scale: 6, transformer: decimal })
  inputPerMTok: number;

  /** USD per 1M completion tokens. */
  @Column({ name: 'output_per_mtok', type: 'numeric', precision: 18, scale: 6, transformer: decimal })
  outputPerMTok: number;

  /** USD per 1M cached prompt tokens; null: the input price. */
  @Column({ name: 'cached_input_per_mtok', type: 'numeric', precision: 18, scale: 6, nullable: true, transformer: decimal })
  cachedInputPerMTok: number | null;

  /** USD per 1M reasoning tokens; null: the output price. */
  @Column({ name: 'reasoning_per_mtok', type: 'numeric', precision: 18, scale: 6, nullable: true, transformer: decimal })
  reasoningPerMTok: number | null;

  @Column({ name: 'per_request', type: 'numeric', precision: 18, scale: 9, nullable: true, transformer: decimal })
  perRequest: number | null;

  @Column({ name: 'per_image', type: 'numeric', precision: 18, scale: 9, nullable: true, transformer: decimal })
  perImage: number | null;

  @Column({ type: 'text', default: 'USD' })
  currency: 'USD';

  @Column({ name: 'effective_from', type: 'timestamptz' })
  effectiveFrom: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** `user:<id>`, `sa:<id>` or `system`. */
  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;
}
