/**
 * API key scopes. A key may carry:
 * - `admin`: use the admin API with its owner's role in the key's workspace;
 * - `invoke:*`: call anything on the data plane;
 * - `invoke:model:<provider>/<model>` (`*` allowed at the end, e.g. `invoke:model:openai/*`);
 * - `invoke:route:<alias>`, `invoke:api:<slug>`: one route alias or one published prompt API;
 * - `read:models`: list models without invoking them.
 */
export const ADMIN_SCOPE = 'admin';

export function hasScope(scopes: readonly string[], wanted: string): boolean {
  return scopes.includes(wanted);
}
