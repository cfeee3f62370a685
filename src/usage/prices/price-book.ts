import type { Logger } from 'pino';
import type { ChangeBus } from '../../common/change-bus/change-bus';
import { CoalescedReloads } from '../../common/coalesced-reloads';
import type { Price } from './price';

/** Where the book reads prices from (the repository; a stub in unit specs). */
export interface PriceSource {
  /** Every version of the defaults and of some workspaces (`workspaceIds`), or (no argument) of all. */
  loadVersions(workspaceIds?: readonly string[]): Promise<Price[]>;
}

const DEFAULTS = '';
/** A scope's price versions by plugin, then model (two lookups, no key built per call). */
type Versions = ReadonlyMap<string, ReadonlyMap<string, readonly Price[]>>;

/**
 * Every price version in memory, so the data plane never waits on the database. Loaded at start,
 * reloaded on each `prices` change (one workspace, or everything when a default changed) and in
 * full on resync; a failed reload keeps the previous state.
 */
export class PriceBook {
  private byScope = new Map<string, Versions>();
  private readonly reloads: CoalescedReloads;
  private unfollow?: () => void;
  private generation = 0;

  constructor(
    private readonly source: PriceSource,
    private readonly changes: ChangeBus,
    private readonly logger: Logger,
  ) {
    this.reloads = new CoalescedReloads(
      async (workspaceIds) => this.apply(await this.source.loadVersions(workspaceIds), workspaceIds),
      (error) => this.logger.error({ err: error }, 'reloading prices failed; keeping the previous price book'),
    );
  }

  async start(): Promise<void> {
    await this.reloadAll();
    this.unfollow = this.reloads.follow(this.changes, ['prices', 'workspaces']);
  }

  stop(): void {
    this.unfollow?.();
    this.unfollow = undefined;
  }

  /** Increments on every applied reload. */
  get version(): number {
    return this.generation;
  }

  /**
   * The price in force at `at`: the workspace's own latest version with `effectiveFrom ≤ at`,
   * else the default's; `undefined` when neither has one (the call is not priced).
   */
  priceAt(workspaceId: string, pluginId: string, model: string, at: Date = new Date()): Price | undefined {
    return inForce(this.byScope.get(workspaceId)?.get(pluginId)?.get(model), at) ?? inForce(this.byScope.get(DEFAULTS)?.get(pluginId)?.get(model), at);
  }

  reloadAll(): Promise<void> {
    return this.reloads.all();
  }

  private apply(prices: readonly Price[], workspaceIds?: readonly string[]): void {
    const next = workspaceIds ? new Map(this.byScope) : new Map<string, Versions>();
    for (const id of workspaceIds ?? []) next.delete(id);
    const grouped = new Map<string, Map<string, Map<string, Price[]>>>();
    for (const price of prices) {
      const scope = price.workspaceId ?? DEFAULTS;
      if (workspaceIds && !workspaceIds.includes(scope)) continue;
      const plugins = grouped.get(scope) ?? new Map<string, Map<string, Price[]>>();
      const models = plugins.get(price.pluginId) ?? new Map<string, Price[]>();
      models.set(price.model, [...(models.get(price.model) ?? []), Object.freeze({ ...price })]);
      plugins.set(price.pluginId, models);
      grouped.set(scope, plugins);
    }
    for (const [scope, plugins] of grouped) {
      for (const models of plugins.values()) for (const versions of models.values()) versions.sort(newestFirst);
      next.set(scope, plugins);
    }
    this.byScope = next;
    this.generation += 1;
  }
}

/** Versions are newest first; a version created later wins a tie on `effectiveFrom`. */
function newestFirst(a: Price, b: Price): number {
  return b.effectiveFrom.getTime() - a.effectiveFrom.getTime() || b.createdAt.getTime() - a.createdAt.getTime();
}

function inForce(versions: readonly Price[] | undefined, at: Date): Price | undefined {
  if (versions === undefined) return undefined;
  const time = at.getTime();
  for (const version of versions) if (version.effectiveFrom.getTime() <= time) return version;
  return undefined;
}
