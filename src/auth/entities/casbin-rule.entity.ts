import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One casbin policy line (`p, sub, dom, obj, act` or `g, user, role, dom`). */
@Entity({ name: 'casbin_rule' })
@Index('casbin_rule_unique', ['ptype', 'v0', 'v1', 'v2', 'v3', 'v4', 'v5'], { unique: true })
export class CasbinRuleEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  ptype: string;

  @Column({ type: 'text', default: '' })
  v0: string;

  @Column({ type: 'text', default: '' })
  v1: string;

  @Column({ type: 'text', default: '' })
  v2: string;

  @Column({ type: 'text', default: '' })
  v3: string;

  @Column({ type: 'text', default: '' })
  v4: string;

  @Column({ type: 'text', default: '' })
  v5: string;
}
