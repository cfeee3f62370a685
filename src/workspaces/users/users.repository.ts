import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { UserEntity } from '../../auth/entities/user.entity';
import { publishChange } from '../../common/change-bus/change-bus';

/** The only code that touches `users`. Password hashes are written here and never read back. */
@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  list(): Promise<UserEntity[]> {
    return this.dataSource.getRepository(UserEntity).find({ order: { createdAt: 'ASC', email: 'ASC' } });
  }

  async emailTaken(email: string): Promise<boolean> {
    return this.dataSource.getRepository(UserEntity).existsBy({ email });
  }

  findById(manager: EntityManager, id: string): Promise<UserEntity | null> {
    return manager.findOneBy(UserEntity, { id });
  }

  async create(manager: EntityManager, values: { email: string; displayName: string; passwordHash: string; isSuperadmin: boolean }): Promise<UserEntity> {
    const { identifiers } = await manager.insert(UserEntity, { ...values, passwordChangedAt: new Date() });
    return (await manager.findOneBy(UserEntity, { id: identifiers[0].id as string }))!;
  }

  /** Serialises changes to superadmins so the "last active superadmin" check holds under concurrency. */
  async lockSuperadmins(manager: EntityManager): Promise<number> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [72_736_202]);
    return manager.countBy(UserEntity, { isSuperadmin: true, disabledAt: IsNull() });
  }

  async update(manager: EntityManager, id: string, values: Partial<Pick<UserEntity, 'displayName' | 'disabledAt' | 'isSuperadmin'>>): Promise<void> {
    if (Object.keys(values).length > 0) await manager.update(UserEntity, { id }, values);
    // Disabling ends the user's access tokens on every process (see AccessRevocations).
    if ('disabledAt' in values) await publishChange(manager, { topic: 'users', id });
  }

  /** Every process reloads its API keys, so a disabled user's keys stop (or a re-enabled user's resume) at once. */
  publishKeysChanged(manager: EntityManager): Promise<void> {
    return publishChange(manager, { topic: 'api_keys' });
  }
}
