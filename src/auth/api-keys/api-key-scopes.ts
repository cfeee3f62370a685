/**
 * API key scopes: what a key may do, on top of what its owner's role allows (a key acts as its
 * owner, so it never exceeds the owner's role). The grammar, one scope per string:
 *
 * | scope                              | grants                                                        |
 * |------------------------------------|---------------------------------------------------------------|
 * | `admin`                            | the admin API (`/admin/...`), with the owner's role, in the key's workspace |
 * | `invoke:*`                         | every model, route alias and prompt API on the data plane     |
 * | `invoke:model:<provider>/<model>`  | one model, e.g. `invoke:model:openai/gpt-4o-mini`             |
 * | `invoke:route:<alias>`             | one route alias, e.g. `invoke:route:chat-default`             |
 * | `invoke:api:<slug>`                | one published prompt API, e.g. `invoke:api:summarize`         |
 * | `read:models`                      | `GET /v1/models` without invoking anything                    |
 *
 * A name may end in one `*`, matching any suffix: `invoke:model:openai/*`, `invoke:model:openai/gpt-4o*`,
 * `invoke:route:team-a-*`, `invoke:model:*`. No other wildcard exists. `admin` does not imply any
 * `invoke:` scope and no `invoke:` scope implies `admin`. Any `invoke:` scope also lets the key list
 * models (it may see what it may call).
 */
export const ADMIN_SCOPE = 'admin';
export const INVOKE_ALL_SCOPE = 'invoke:*';
export const READ_MODELS_SCOPE = 'read:models';

export const MAX_SCOPES = 64;
const MAX_SCOPE_LENGTH = 256;

const PROVIDER = '[a-z0-9][a-z0-9._-]*';
const MODEL_CHARS = '[A-Za-z0-9._:@/+-]';
const NAME_CHARS = '[A-Za-z0-9._-]';
const MODEL_SCOPE = new RegExp(`^invoke:model:(?:\\*|${PROVIDER}/(?:${MODEL_CHARS}+\\*?|\\*)|${PROVIDER}\\*)$`);
const NAMED_SCOPE = new RegExp(`^invoke:(route|api):(?:${NAME_CHARS}+\\*?|\\*)$`);

export type ScopeTarget =
  | { kind: 'model'; name: string }
  | { kind: 'route'; name: string }
  | { kind: 'api'; name: string }
  | { kind: 'list_models'; name?: string };

export interface ScopeIssue {
  scope: string;
  message: string;
}

export function hasScope(scopes: readonly string[], wanted: string): boolean {
  return scopes.includes(wanted);
}

/** Why `scope` is not a valid scope, or `undefined` when it is. */
export function scopeProblem(scope: string): string | undefined {
  if (scope.length === 0) return 'a scope cannot be empty';
  if (scope.length > MAX_SCOPE_LENGTH) return `a scope is at most ${MAX_SCOPE_LENGTH} characters`;
  if (scope === ADMIN_SCOPE || scope === INVOKE_ALL_SCOPE || scope === READ_MODELS_SCOPE) return undefined;
  if (scope.startsWith('invoke:model:')) {
    return MODEL_SCOPE.test(scope) ? undefined : 'expected invoke:model:<provider>/<model>, optionally ending in "*"';
  }
  if (scope.startsWith('invoke:route:') || scope.startsWith('invoke:api:')) {
    return NAMED_SCOPE.test(scope) ? undefined : `expected ${scope.startsWith('invoke:route:') ? 'invoke:route:<alias>' : 'invoke:api:<slug>'}, optionally ending in "*"`;
  }
  return 'unknown scope; expected admin, invoke:*, invoke:model:<provider>/<model>, invoke:route:<alias>, invoke:api:<slug> or read:models';
}

/** Checks every scope; the result lists each bad one, or the scopes deduplicated in their given order. */
export function validateScopes(scopes: readonly string[]): { ok: true; scopes: string[] } | { ok: false; issues: ScopeIssue[] } {
  const issues: ScopeIssue[] = [];
  for (const scope of scopes) {
    const message = scopeProblem(scope);
    if (message) issues.push({ scope, message });
  }
  if (scopes.length === 0) issues.push({ scope: '', message: 'a key needs at least one scope' });
  if (scopes.length > MAX_SCOPES) issues.push({ scope: '', message: `a key has at most ${MAX_SCOPES} scopes` });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, scopes: [...new Set(scopes)] };
}

interface Patterns {
  exact: Set<string>;
  prefixes: string[];
}

interface CompiledScopes {
  invokeAll: boolean;
  readModels: boolean;
  anyInvoke: boolean;
  model: Patterns;
  route: Patterns;
  api: Patterns;
}

// Key records hold frozen scope arrays, so compiling once per array keeps the hot path to set lookups.
const compiled = new WeakMap<readonly string[], CompiledScopes>();

function compile(scopes: readonly string[]): CompiledScopes {
  const result: CompiledScopes = {
    invokeAll: false,
    readModels: false,
    anyInvoke: false,
    model: { exact: new Set(), prefixes: [] },
    route: { exact: new Set(), prefixes: [] },
    api: { exact: new Set(), prefixes: [] },
  };
  for (const scope of scopes) {
    if (scope === INVOKE_ALL_SCOPE) result.invokeAll = true;
    else if (scope === READ_MODELS_SCOPE) result.readModels = true;
    const match = /^invoke:(model|route|api):(.+)$/.exec(scope);
    if (!match) continue;
    result.anyInvoke = true;
    const patterns = result[match[1] as 'model' | 'route' | 'api'];
    const name = match[2];
    if (name.endsWith('*')) patterns.prefixes.push(name.slice(0, -1));
    else patterns.exact.add(name);
  }
  result.anyInvoke ||= result.invokeAll;
  return result;
}

function matches(patterns: Patterns, name: string): boolean {
  if (patterns.exact.has(name)) return true;
  for (const prefix of patterns.prefixes) if (name.startsWith(prefix)) return true;
  return false;
}

/**
 * Whether a key with `scopes` may reach `target` on the data plane. Pure; safe on the hot path.
 *
 * @example
 * keyAllows(['invoke:model:openai/*'], { kind: 'model', name: 'openai/gpt-4o-mini' }); // true
 * keyAllows(['admin'], { kind: 'model', name: 'openai/gpt-4o-mini' }); // false
 */
export function keyAllows(scopes: readonly string[], target: ScopeTarget): boolean {
  let set = compiled.get(scopes);
  if (!set) {
    set = compile(scopes);
    compiled.set(scopes, set);
  }
  if (target.kind === 'list_models') return set.readModels || set.anyInvoke;
  if (set.invokeAll) return true;
  return matches(set[target.kind], target.name);
}
