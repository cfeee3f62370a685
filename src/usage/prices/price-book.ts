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
type Versions = ReadonlyMap<string, readonly Price[]>;

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
    const key = modelKey(pluginId, model);
    return inForce(this.byScope.get(workspaceId)?.get(key), at) ?? inForce(this.byScope.get(DEFAULTS)?.get(key), at);
  }

  reloadAll(): Promise<void> {
    return this.reloads.all();
  }

  private apply(prices: readonly Price[], workspaceIds?: readonly string[]): void {
    const next = workspaceIds ? new Map(this.byScope) : new Map<string, Versions>();
    for (const id of workspaceIds ?? []) next.delete(id);
    const grouped = new Map<string, Map<string, Price[]>>();
    for (const price of prices) {
      const scope = price.workspaceId ?? DEFAULTS;
      if (workspaceIds && !workspaceIds.includes(scope)) continue;
      const models = grouped.get(scope) ?? new Map<string, Price[]>();
      const key = modelKey(price.pluginId, price.model);
      models.set(key, [...(models.get(key) ?? []), Object.freeze({ ...price })]);
      grouped.set(scope, models);
    }
    for (const [scope, models] of grouped) {
      for (const versions of models.values()) versions.sort(newestFirst);
      next.set(scope, models);
    }
    this.byScope = next;
    this.generation += 1;
  }
}

function modelKey(pluginId: string, model: string): string {
  return `${pluginId}\u0000${model}`;
}

/** Versions are newest first; a version created later wins a tie on `effectiveFrom`. */
function newestFirst(a: Price, b: Price): number {
  return b.effectiveFrom.getTime() - a.effectiveFrom.getTime() || b.createdAt.getTime() - a.createdAt.getTime();
}

function inForce(versions: readonly Price[] | undefined, at: Date): Price | undefined {
  return versions?.find((version) => version.effectiveFrom.getTime() <= at.getTime());
}
