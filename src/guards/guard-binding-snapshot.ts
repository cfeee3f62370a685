import type { Logger } from 'pino';
import type { ChangeBus } from '../common/change-bus/change-bus';
import { CoalescedReloads } from '../common/coalesced-reloads';
import type { GuardBinding } from '../plugin-host/guard-runner';
import { bindingApplies, type GuardBindingRule, type GuardTarget } from './guard-binding';

export interface GuardBindingSource {
  loadEnabled(workspaceIds?: readonly string[]): Promise<GuardBindingRule[]>;
}

const NONE: readonly GuardBinding[] = Object.freeze([]);

/** A rule with the binding the host hands out, built once per load: guards cache per config object, so it must stay the same object. */
type LoadedRule = GuardBindingRule & { readonly binding: GuardBinding };

function loadedRule(rule: GuardBindingRule): LoadedRule {
  const binding: GuardBinding = Object.freeze({ pluginId: rule.pluginId, config: deepFreeze(structuredClone(rule.config ?? {})), failMode: rule.failMode, timeoutMs: rule.timeoutMs });
  return Object.freeze({ ...rule, binding });
}

/** Guards read their config and never change it: frozen, one guard cannot alter what the next call sees. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Every enabled guard binding in memory, by workspace, so the data plane picks a call's guards
 * without the database. Reloaded per workspace on `guard_bindings` changes, in full on resync.
 */
export class GuardBindingSnapshot {
  private byWorkspace = new Map<string, readonly LoadedRule[]>();
  private readonly reloads: CoalescedReloads;
  private unfollow?: () => void;

  constructor(
    private readonly source: GuardBindingSource,
    private readonly changes: ChangeBus,
    private readonly logger: Logger,
  ) {
    this.reloads = new CoalescedReloads(
      (workspaceIds) => this.load(workspaceIds),
      (error) => this.logger.error({ err: error }, 'reloading guard bindings failed; keeping the previous ones'),
    );
  }

  async start(): Promise<void> {
    await this.load(undefined);
    this.unfollow = this.reloads.follow(this.changes, ['guard_bindings', 'workspaces']);
  }

  stop(): void {
    this.unfollow?.();
  }

  reloadAll(): Promise<void> {
    return this.reloads.all();
  }

  /** The host's bindings for one call (none: an empty, shared array — the common case costs nothing). */
  bindingsFor(workspaceId: string, target: GuardTarget): readonly GuardBinding[] {
    const rules = this.byWorkspace.get(workspaceId);
    if (!rules) return NONE;
    const bindings: GuardBinding[] = [];
    for (const rule of rules) {
      if (bindingApplies(rule, target)) bindings.push(rule.binding);
    }
    return bindings.length ? bindings : NONE;
  }

  private async load(workspaceIds: string[] | undefined): Promise<void> {
    const loaded = await this.source.loadEnabled(workspaceIds);
    const next = workspaceIds ? new Map(this.byWorkspace) : new Map<string, readonly LoadedRule[]>();
    for (const id of workspaceIds ?? []) next.delete(id);
    const grouped = new Map<string, LoadedRule[]>();
    for (const rule of loaded) grouped.set(rule.workspaceId, [...(grouped.get(rule.workspaceId) ?? []), loadedRule(rule)]);
    for (const [workspaceId, rules] of grouped) next.set(workspaceId, Object.freeze(rules));
    this.byWorkspace = next;
  }
}
