import { describe, expect, it } from 'vitest';
import type { AuthorizationService } from '../../auth/authz/authorization.service';
import type { Principal, RequestContext } from '../../auth/principal';
import { ErrorCode } from '../../common/errors';
import { GrantCheck } from './grant-check';
import { builtinPermissions, describeRole, parseRoleInput } from './role-names';

describe('role names', () => {
  it('stores custom roles as custom:<name> and shows them by name', () => {
    expect(parseRoleInput('admin')).toEqual({ stored: 'admin', builtin: true });
    expect(parseRoleInput('prompt-editor')).toEqual({ stored: 'custom:prompt-editor', builtin: false, customName: 'prompt-editor' });
    expect(parseRoleInput('custom:prompt-editor').stored).toBe('custom:prompt-editor');
    expect(describeRole('custom:prompt-editor')).toEqual({ role: 'prompt-editor', roleKind: 'custom' });
    expect(describeRole('viewer')).toEqual({ role: 'viewer', roleKind: 'builtin' });
    expect(builtinPermissions('owner')).toEqual(['*:*']);
    expect(builtinPermissions('custom:x')).toEqual([]);
  });
});

describe('GrantCheck', () => {
  const ctx = (principal: Partial<Principal>): RequestContext => ({
    requestId: 'r',
    ip: '127.0.0.1',
    principal: { kind: 'user', id: 'u', subject: 'user:u', isSuperadmin: false, via: 'access_token', ...principal },
  });
  const authz = (roles: string[], held: string[]) =>
    ({ rolesIn: async () => roles, can: (_p: Principal, _w: string, resource: string, action: string) => held.includes(`${resource}:${action}`) }) as unknown as AuthorizationService;

  it('lets nobody but an owner (or a superadmin) grant owner', async () => {
    await expect(new GrantCheck(authz(['admin'], [])).assertMayGrant(ctx({}), 'w', ['*:*'])).rejects.toMatchObject({ code: ErrorCode.FORBIDDEN });
    await expect(new GrantCheck(authz(['owner'], [])).assertMayGrant(ctx({}), 'w', ['*:*'])).resolves.toBeUndefined();
    await expect(new GrantCheck(authz([], [])).assertMayGrant(ctx({ isSuperadmin: true }), 'w', ['*:*'])).resolves.toBeUndefined();
  });

  it('lists the permissions the caller lacks', async () => {
    const check = new GrantCheck(authz(['admin'], ['prompts:read', 'prompts:write']));
    await expect(check.assertMayGrant(ctx({}), 'w', ['prompts:read', 'prompts:write'])).resolves.toBeUndefined();
    await expect(check.assertMayGrant(ctx({}), 'w', ['prompts:read', 'audit:read', 'workspace:write'])).rejects.toMatchObject({
      status: 403,
      details: { missing: ['audit:read', 'workspace:write'] },
    });
  });
});
