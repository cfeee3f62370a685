import type { Logger } from 'pino';
import type { ChangeBus } from '../../common/change-bus/change-bus';
import type { RouteEntity } from './entities/route.entity';
import { CoalescedReloads } from '../../common/coalesced-reloads';
import { type ResiliencePolicy, resolvePolicy, type RoutingStrategyName } from './resilience-policy';

/** A target as stored; the planner resolves its account against `ProviderAccountSnapshot` per request. */
export interface LiveRouteTarget {
  readonly providerAccountId: string;
  readonly model: string;
  readonly weight: number;
  readonly priority: number;
  readonly contextWindow?: number;
  readonly inputPricePerMTok?: number;
  readonly outputPricePerMTok?: number;
}

/** An enabled route as the data plane sees it, policy already merged with the defaults. */
export interface LiveRoute {
  readonly id: string;
  readonly workspaceId: string;
  readonly alias: string;
  readonly strategy: RoutingStrategyName;
  readonly policy: ResiliencePolicy;
  readonly cacheTtlSeconds: number | null;
  /** In the admin's order (`position`). */
  readonly targets: readonly LiveRouteTarget[];
}

/** Where the snapshot reads routes from (the repository; a stub in unit specs). */
export interface RouteSource {
  /** Enabled routes with their targets ordered by position, of some workspaces or (no argument) all. */
  loadEnabled(workspaceIds?: readonly string[]): Promise<RouteEntity[]>;
}

/**
 * Every enabled route, per workspace and alias, in memory. Loaded at start, reloaded per
 * workspace on each `routes` (or `workspaces`) change and in full on resync; a failed reload
 * keeps the previous state. Accounts are not copied here: the planner looks them up in
 * `ProviderAccountSnapshot` for each request, so disabling or editing an account applies at once.
 */
export class RouteSnapshot {
  private byWorkspace = new Map<string, ReadonlyMap<string, LiveRoute>>();
  private readonly reloads: CoalescedReloads;
  private unfollow?: () => void;
  private generation = 0;

  constructor(
    private readonly source: RouteSource,
    private readonly changes: ChangeBus,
    private readonly logger: Logger,
  ) {
    this.reloads = new CoalescedReloads(
      async (workspaceIds) => this.apply(await this.source.loadEnabled(workspaceIds), workspaceIds),
      (error) => this.logger.error({ err: error }, 'reloading routes failed; keeping the previous snapshot'),
    );
  }

  async start(): Promise<void> {
    await this.reloadAll();
    this.unfollow = this.reloads.follow(this.changes, ['routes', 'workspaces']);
  }

  stop(): void {
    this.unfollow?.();
    this.unfollow = undefined;
  }

  /** Increments on every applied reload. */
  get version(): number {
    return this.generation;
  }

  get(workspaceId: string, alias: string): LiveRoute | undefined {
    return this.byWorkspace.get(workspaceId)?.get(alias);
  }

  list(workspaceId: string): readonly LiveRoute[] {
    return [...(this.byWorkspace.get(workspaceId)?.values() ?? [])];
  }

  reloadAll(): Promise<void> {
    return this.reloads.all();
  }

  reloadWorkspace(workspaceId: string): Promise<void> {
    return this.reloads.workspace(workspaceId);
  }

  private apply(rows: RouteEntity[], workspaceIds?: readonly string[]): void {
    const next = workspaceIds ? new Map(this.byWorkspace) : new Map<string, ReadonlyMap<string, LiveRoute>>();
    for (const id of workspaceIds ?? []) next.delete(id);
    const grouped = new Map<string, Map<string, LiveRoute>>();
    for (const row of rows) {
      const routes = grouped.get(row.workspaceId) ?? new Map<string, LiveRoute>();
      routes.set(row.alias, toLiveRoute(row));
      grouped.set(row.workspaceId, routes);
    }
    for (const [workspaceId, routes] of grouped) next.set(workspaceId, routes);
    this.byWorkspace = next;
    this.generation += 1;
  }
}

function toLiveRoute(row: RouteEntity): LiveRoute {
  const targets = [...(row.targets ?? [])].sort((a, b) => a.position - b.position);
  return Object.freeze({
    id: row.id,
    workspaceId: row.workspaceId,
    alias: row.alias,
    strategy: row.strategy,
    policy: resolvePolicy(row.policy),
    cacheTtlSeconds: row.cacheTtlSeconds,
    targets: Object.freeze(
      targets.map((target) =>
        Object.freeze({
          providerAccountId: target.providerAccountId,
          model: target.model,
          weight: target.weight,
          priority: target.priority,
          ...(target.contextWindow !== null && { contextWindow: target.contextWindow }),
          ...(target.inputPricePerMTok !== null && { inputPricePerMTok: target.inputPricePerMTok }),
          ...(target.outputPricePerMTok !== null && { outputPricePerMTok: target.outputPricePerMTok }),
        }),
      ),
    ),
  });
}
