/**
 * What can be protected in a workspace, and the built-in roles as data. A permission reads
 * `resource:action`; a custom role is a list of them.
 */
export const RESOURCES = [
  'workspace',
  'members',
  'roles',
  'service_accounts',
  'api_keys',
  'sso',
  'providers',
  'routes',
  'prompts',
  'prompt_apis',
  'rest_apis',
  'subscriptions',
  'approvals',
  'budgets',
  'guards',
  'audit',
  'call_logs',
  'analytics',
  'webhooks',
] as const;
export type Resource = (typeof RESOURCES)[number];

export const ACTIONS = ['read', 'write', 'approve'] as const;
export type Action = (typeof ACTIONS)[number];

export type Permission = `${Resource}:${Action}`;

export const BUILTIN_ROLES = ['owner', 'admin', 'developer', 'approver', 'viewer'] as const;
export type BuiltinRole = (typeof BUILTIN_ROLES)[number];

const everyRead = RESOURCES.map((resource): Permission => `${resource}:read`);

/** The casbin `p` rules of the built-in roles (domain `*`). `owner` holds the wildcard. */
export const BUILTIN_ROLE_PERMISSIONS: Record<BuiltinRole, readonly (Permission | '*:*')[]> = {
  owner: ['*:*'],
  admin: [
    ...everyRead,
    ...RESOURCES.filter((resource) => resource !== 'workspace' && resource !== 'audit').map((resource): Permission => `${resource}:write`),
    'approvals:approve',
    'subscriptions:approve',
  ],
  developer: [
    ...everyRead.filter((permission) => permission !== 'audit:read' && permission !== 'members:read'),
    'prompts:write',
    'prompt_apis:write',
    'api_keys:write',
    'subscriptions:write',
    'approvals:write',
  ],
  approver: [...everyRead, 'approvals:approve', 'subscriptions:approve'],
  viewer: everyRead.filter((permission) => permission !== 'audit:read'),
};

export function isBuiltinRole(role: string): role is BuiltinRole {
  return (BUILTIN_ROLES as readonly string[]).includes(role);
}

export function isPermission(value: string): value is Permission {
  const [resource, action, extra] = value.split(':');
  return extra === undefined && (RESOURCES as readonly string[]).includes(resource) && (ACTIONS as readonly string[]).includes(action);
}

/** Custom roles live in casbin as `custom:<name>` so they never collide with a built-in one. */
export function customRoleSubject(name: string): string {
  return `custom:${name}`;
}
