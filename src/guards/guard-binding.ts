/** Where a guard binding applies. `workspace`: every data-plane call of the workspace. */
export const GUARD_SCOPES = ['workspace', 'route', 'api_key', 'prompt_api'] as const;
export type GuardScope = (typeof GUARD_SCOPES)[number];

/** A binding as the data plane reads it from memory. */
export interface GuardBindingRule {
  readonly id: string;
  readonly workspaceId: string;
  readonly pluginId: string;
  readonly scope: GuardScope;
  /** The route alias, API key id or prompt API id; null for `workspace`. */
  readonly scopeRef: string | null;
  readonly config: Readonly<Record<string, unknown>>;
  readonly failMode: 'open' | 'closed';
  readonly timeoutMs: number;
}

/** What a call is, for picking its bindings. */
export interface GuardTarget {
  readonly apiKeyId: string;
  readonly route: string | null;
  readonly promptApiId: string | null;
}

export function bindingApplies(binding: GuardBindingRule, target: GuardTarget): boolean {
  switch (binding.scope) {
    case 'workspace':
      return true;
    case 'route':
      return binding.scopeRef === target.route;
    case 'api_key':
      return binding.scopeRef === target.apiKeyId;
    case 'prompt_api':
      return binding.scopeRef === target.promptApiId;
  }
}
