import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { WorkspaceEntity } from '../../../auth/entities/workspace.entity';
import type { RoutingStrategyName } from '../resilience-policy';
import type { ResiliencePolicyOverrides } from '../resilience-policy';
import { RouteTargetEntity } from './route-target.entity';

/** A model alias of a workspace (e.g. `chat-default`) that fans out to provider targets. */
@Entity({ name: 'routes' })
@Index('routes_workspace_alias_key', ['workspaceId', 'alias'], { unique: true })
@Check('routes_alias_format', `alias ~ '^[a-z0-9][a-z0-9-]{0,62}$'`)
@Check('routes_strategy_check', `strategy IN ('priority', 'weighted', 'least_latency', 'lowest_cost')`)
@Check('routes_cache_ttl_check', `cache_ttl_seconds IS NULL OR cache_ttl_seconds > 0`)
export class RouteEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id', foreignKeyConstraintName: 'routes_workspace_id_fkey' })
  workspace?: WorkspaceEntity;

  @Column({ type: 'text' })
  alias: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text', default: 'priority' })
  strategy: RoutingStrategyName;

  /** Opt-in response cache; null means responses of this route are never cached. */
  @Column({ name: 'cache_ttl_seconds', type: 'integer', nullable: true })
  cacheTtlSeconds: number | null;

  /** Only what the admin set; the defaults fill the rest when the snapshot loads it. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  policy: ResiliencePolicyOverrides;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @OneToMany(() => RouteTargetEntity, (target) => target.route)
  targets?: RouteTargetEntity[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
