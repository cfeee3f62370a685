import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { ProviderAccountEntity } from '../../../providers/provider-account.entity';
import { RouteEntity } from './route.entity';

/** One place a route may send a request: a provider account and that provider's model name. */
@Entity({ name: 'route_targets' })
@Index('route_targets_route_position_key', ['routeId', 'position'], { unique: true })
@Index('route_targets_provider_account_idx', ['providerAccountId'])
@Check('route_targets_weight_check', `weight > 0`)
@Check('route_targets_context_window_check', `context_window IS NULL OR context_window > 0`)
@Check(
  'route_targets_prices_check',
  `(input_price_per_mtok IS NULL OR input_price_per_mtok >= 0) AND (output_price_per_mtok IS NULL OR output_price_per_mtok >= 0)`,
)
export class RouteTargetEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'route_id', type: 'uuid' })
  routeId: string;

  @ManyToOne(() => RouteEntity, (route) => route.targets, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'route_id', foreignKeyConstraintName: 'route_targets_route_id_fkey' })
  // Relation<> keeps emitDecoratorMetadata from referencing RouteEntity at load time (the two import each other).
  route?: Relation<RouteEntity>;

  @Column({ name: 'provider_account_id', type: 'uuid' })
  providerAccountId: string;

  /**
   * An account in use by a route cannot be deleted (the admin API answers 409). Checked at commit,
   * not RESTRICT: a workspace delete cascades to its accounts before its routes.
   */
  @ManyToOne(() => ProviderAccountEntity, { onDelete: 'NO ACTION', deferrable: 'INITIALLY DEFERRED' })
  @JoinColumn({ name: 'provider_account_id', foreignKeyConstraintName: 'route_targets_provider_account_id_fkey' })
  providerAccount?: ProviderAccountEntity;

  /** The provider's own model name, e.g. `gpt-4o-mini`. */
  @Column({ type: 'text' })
  model: string;

  @Column({ type: 'integer', default: 1 })
  weight: number;

  /** Lower runs first (strategy `priority`, and the tie-breaker of the others). */
  @Column({ type: 'integer', default: 0 })
  priority: number;

  @Column({ name: 'context_window', type: 'integer', nullable: true })
  contextWindow: number | null;

  @Column({ name: 'input_price_per_mtok', type: 'double precision', nullable: true })
  inputPricePerMTok: number | null;

  @Column({ name: 'output_price_per_mtok', type: 'double precision', nullable: true })
  outputPricePerMTok: number | null;

  /** Order as the admin listed the targets. */
  @Column({ type: 'integer' })
  position: number;
}
