import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '../../audit/audit-log/audit-trail';
import { PASSWORD_HASHING_STRATEGY, type PasswordHashingStrategy } from '../../auth/password-hashing-strategy';
import type { UserEntity } from '../../auth/entities/user.entity';
import type { RequestContext } from '../../auth/principal';
import { ErrorCode, PorticoError } from '../../common/errors';
import { conflict, isUniqueViolation, notFound, UUID_PATTERN } from '../../common/http/problems';
import type { CreatedUserDto, CreateUserInput, UpdateUserInput, UserDto } from './user.dto';
import { UsersRepository } from './users.repository';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/**
 * Platform-level user accounts (superadmins only). A generated password is returned once; hashes
 * never leave the database. At least one enabled superadmin always remains.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly repository: UsersRepository,
    @Inject(PASSWORD_HASHING_STRATEGY) private readonly passwords: PasswordHashingStrategy,
    private readonly audit: AuditTrail,
  ) {}

  async list(_ctx: RequestContext): Promise<UserDto[]> {
    return (await this.repository.list()).map(toDto);
  }

  async create(ctx: RequestContext, input: CreateUserInput): Promise<CreatedUserDto> {
    const generatedPassword = input.password === undefined ? randomBytes(18).toString('base64url') : undefined;
    const password = input.password ?? generatedPassword!;
    if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
      throw new PorticoError(ErrorCode.PASSWORD_POLICY, `a password needs ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`, { status: 400 });
    }
    // Checked first so a duplicate never reaches the database with a password hash among the parameters.
    if (await this.repository.emailTaken(input.email)) throw conflict(`a user with e-mail ${input.email} exists already`);
    try {
      const passwordHash = await this.passwords.hash(password);
      const user = await this.repository.transaction(async (manager) => {
        const user = await this.repository.create(manager, { email: input.email, displayName: input.displayName, passwordHash, isSuperadmin: input.isSuperadmin ?? false });
        await this.audit.record(manager, ctx, { action: 'user.create', workspaceId: null, resourceType: 'user', resourceId: user.id, after: toDto(user) });
        return user;
      });
      return generatedPassword ? { ...toDto(user), generatedPassword } : toDto(user);
    } catch (error) {
      throw isUniqueViolation(error) ? conflict(`a user with e-mail ${input.email} exists already`) : error;
    }
  }

  async update(ctx: RequestContext, userId: string, input: UpdateUserInput): Promise<UserDto> {
    if (!UUID_PATTERN.test(userId)) throw notFound('user');
    return this.repository.transaction(async (manager) => {
      const activeSuperadmins = await this.repository.lockSuperadmins(manager);
      const user = await this.repository.findById(manager, userId);
      if (!user) throw notFound('user');
      const wasActiveSuperadmin = user.isSuperadmin && user.disabledAt === null;
      const willBeActiveSuperadmin = (input.isSuperadmin ?? user.isSuperadmin) && !(input.disabled ?? user.disabledAt !== null);
      if (wasActiveSuperadmin && !willBeActiveSuperadmin && activeSuperadmins <= 1) {
        throw conflict('this is the last enabled superadmin; promote another user first');
      }
      const disabledChanges = input.disabled !== undefined && input.disabled !== (user.disabledAt !== null);
      await this.repository.update(manager, userId, {
        ...(input.displayName !== undefined && { displayName: input.displayName }),
        ...(input.isSuperadmin !== undefined && { isSuperadmin: input.isSuperadmin }),
        ...(disabledChanges && { disabledAt: input.disabled ? new Date() : null }),
      });
      if (disabledChanges) await this.repository.publishKeysChanged(manager);
      const after = toDto((await this.repository.findById(manager, userId))!);
      await this.audit.record(manager, ctx, { action: 'user.update', workspaceId: null, resourceType: 'user', resourceId: userId, before: toDto(user), after });
      return after;
    });
  }
}

function toDto(user: UserEntity): UserDto {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    isSuperadmin: user.isSuperadmin,
    disabled: user.disabledAt !== null,
    createdAt: user.createdAt,
  };
}
