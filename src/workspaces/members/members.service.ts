import { Injectable } from '@nestjs/common';
import { AuditTrail } from '../../audit/audit-log/audit-trail';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../../auth/principal';
import { ErrorCode, PorticoError } from '../../common/errors';
import { conflict, notFound, UUID_PATTERN } from '../../common/http/problems';
import { GrantCheck } from '../roles/grant-check';
import { builtinPermissions, describeRole, parseRoleInput } from '../roles/role-names';
import type { AddMemberInput, ChangeRoleInput, MemberDto } from './member.dto';
import { type MemberRow, MembersRepository } from './members.repository';

/**
 * Who belongs to a workspace and with which role. A workspace always keeps an owner; only an
 * owner grants or revokes `owner`; nobody grants a role with more than they hold.
 */
@Injectable()
export class MembersService {
  constructor(
    private readonly repository: MembersRepository,
    private readonly grants: GrantCheck,
    private readonly audit: AuditTrail,
  ) {}

  async list(_ctx: RequestContext, workspaceId: string): Promise<MemberDto[]> {
    return (await this.repository.list(workspaceId)).map(toDto);
  }

  async add(ctx: RequestContext, workspaceId: string, input: AddMemberInput): Promise<MemberDto> {
    return this.repository.transaction(workspaceId, async (manager) => {
      const role = await this.grantableRole(ctx, manager, workspaceId, input.role);
      const user = await this.repository.findUserByEmail(manager, input.email);
      if (!user) throw notFound('user');
      if (await this.repository.find(manager, workspaceId, user.id)) throw conflict(`${input.email} is a member already`);
      await this.repository.add(manager, workspaceId, user.id, role);
      const after = toDto((await this.repository.find(manager, workspaceId, user.id))!);
      await this.audit.record(manager, ctx, { action: 'member.add', workspaceId, resourceType: 'member', resourceId: user.id, after });
      return after;
    });
  }

  async changeRole(ctx: RequestContext, workspaceId: string, userId: string, input: ChangeRoleInput): Promise<MemberDto> {
    return this.repository.transaction(workspaceId, async (manager) => {
      const member = await this.requireMember(manager, workspaceId, userId);
      const role = await this.grantableRole(ctx, manager, workspaceId, input.role);
      if (member.role === 'owner' && role !== 'owner') await this.releaseOwner(ctx, manager, workspaceId);
      await this.repository.changeRole(manager, workspaceId, userId, role);
      const after = toDto((await this.repository.find(manager, workspaceId, userId))!);
      await this.audit.record(manager, ctx, { action: 'member.change_role', workspaceId, resourceType: 'member', resourceId: userId, before: toDto(member), after });
      return after;
    });
  }

  async remove(ctx: RequestContext, workspaceId: string, userId: string): Promise<void> {
    await this.repository.transaction(workspaceId, async (manager) => {
      const member = await this.requireMember(manager, workspaceId, userId);
      if (member.role === 'owner') await this.releaseOwner(ctx, manager, workspaceId);
      await this.repository.remove(manager, workspaceId, userId);
      await this.audit.record(manager, ctx, { action: 'member.remove', workspaceId, resourceType: 'member', resourceId: userId, before: toDto(member) });
    });
  }

  /** The stored form of `input` once the caller may grant it; UNKNOWN_ROLE when it names no role. */
  private async grantableRole(ctx: RequestContext, manager: EntityManager, workspaceId: string, input: string): Promise<string> {
    const parsed = parseRoleInput(input);
    let permissions = builtinPermissions(parsed.stored);
    if (!parsed.builtin) {
      const custom = await this.repository.findCustomRole(manager, workspaceId, parsed.customName!);
      if (!custom) throw new PorticoError(ErrorCode.UNKNOWN_ROLE, `no role named "${input}" in this workspace`, { status: 400, details: { role: input } });
      permissions = custom.permissions;
    }
    await this.grants.assertMayGrant(ctx, workspaceId, permissions);
    return parsed.stored;
  }

  private async releaseOwner(ctx: RequestContext, manager: EntityManager, workspaceId: string): Promise<void> {
    await this.grants.assertOwner(ctx, workspaceId);
    if ((await this.repository.countOwners(manager, workspaceId)) <= 1) {
      throw new PorticoError(ErrorCode.LAST_OWNER, 'a workspace must keep at least one owner', { status: 409 });
    }
  }

  private async requireMember(manager: EntityManager, workspaceId: string, userId: string): Promise<MemberRow> {
    const member = UUID_PATTERN.test(userId) ? await this.repository.find(manager, workspaceId, userId) : null;
    if (!member) throw notFound('member');
    return member;
  }
}

function toDto(row: MemberRow): MemberDto {
  return { userId: row.userId, email: row.email, displayName: row.displayName, ...describeRole(row.role), disabled: row.disabledAt !== null, addedAt: row.addedAt };
}
