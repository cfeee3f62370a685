import { BUILTIN_ROLES } from '../authz/permissions';

/**
 * The values of `claim` in the IdP's claims, as strings: a string, an array of strings, or a dotted
 * path into nested objects (Keycloak's `realm_access.roles`). Anything else reads as no values.
 */
export function claimValues(claims: Record<string, unknown>, claim: string): string[] {
  const direct = claims[claim];
  const value = direct !== undefined ? direct : claim.split('.').reduce<unknown>((node, part) => (isObject(node) ? node[part] : undefined), claims);
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

/**
 * The role an SSO user gets: of every role their claim values map to, the most powerful built-in
 * one (owner, admin, developer, approver, viewer), else the first custom role by name, else the
 * default. `null` means refuse.
 */
export function mapRole(values: readonly string[], mapping: Readonly<Record<string, string>>, defaultRole: string | null): string | null {
  const matched = new Set(values.filter((value) => Object.hasOwn(mapping, value)).map((value) => mapping[value]));
  if (matched.size === 0) return defaultRole;
  const builtin = BUILTIN_ROLES.find((role) => matched.has(role));
  return builtin ?? [...matched].sort()[0];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
