import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Failed-login counter for one account or one client address (`account:<email>`, `ip:<addr>`). */
@Entity({ name: 'auth_throttle' })
export class AuthThrottleEntity {
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'integer', default: 0 })
  failures: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'last_failure_at', type: 'timestamptz', default: () => 'now()' })
  lastFailureAt: Date;
}
