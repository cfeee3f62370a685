import { BUILTIN_ROLE_PERMISSIONS, customRoleSubject, isBuiltinRole } from '../../auth/authz/permissions';

const CUSTOM_PREFIX = 'custom:';

/** How the API shows a stored role: built-ins by name, custom roles by their own name (stored `custom:<name>`). */
export interface RoleName {
  role: string;
  roleKind: 'builtin' | 'custom';
}

export function describeRole(stored: string): RoleName {
  return stored.startsWith(CUSTOM_PREFIX) ? { role: stored.slice(CUSTOM_PREFIX.length), roleKind: 'custom' } : { role: stored, roleKind: 'builtin' };
}

/** Accepts `owner`, `my-role` or `custom:my-role`; returns the stored form, or the custom role name to look up. */
export function parseRoleInput(input: string): { stored: string; builtin: boolean; customName?: string } {
  if (isBuiltinRole(input)) return { stored: input, builtin: true };
  const name = input.startsWith(CUSTOM_PREFIX) ? input.slice(CUSTOM_PREFIX.length) : input;
  return { stored: customRoleSubject(name), builtin: false, customName: name };
}

/** The permissions a built-in role grants, `*:*` for owner. */
export function builtinPermissions(role: string): readonly string[] {
  return isBuiltinRole(role) ? BUILTIN_ROLE_PERMISSIONS[role] : [];
}
