import type { Logger } from 'pino';
import type { ChangeBus } from '../../common/change-bus/change-bus';
import { CoalescedReloads } from '../../common/coalesced-reloads';
import type { CounterStore } from '../limits/counter-store';
import type { UsagePolicies } from './usage-gate';
import { budgetCounterKey, periodKey, type BudgetRule, type RateLimitRule } from './usage-policy';

/** Where the snapshot loads from (the repositories; stubs in unit specs). */
export interface UsagePolicySource {
  loadRateLimits(workspaceIds?: readonly string[]): Promise<RateLimitRule[]>;
  loadBudgets(workspaceIds?: readonly string[]): Promise<BudgetRule[]>;
  /** Durable spend of budgets in the given periods. */
  spendOf(keys: readonly { budgetId: string; period: string }[]): Promise<readonly { budgetId: string; period: string; spentNanoUsd: number }[]>;
}

const NONE: readonly never[] = Object.freeze([]);

/**
 * Every enabled rate-limit rule and budget, in memory by workspace, so admission never waits on the
 * database. Reloaded per workspace on `limits`/`budgets` changes and in full on resync. Each load
 * also seeds the counter store with the budgets' durable spend of the current period (seeding only
 * ever raises a total), so a restart, a fresh Redis or a Redis outage does not forget money spent.
 */
export class UsagePolicySnapshot implements UsagePolicies {
  private limitsByWorkspace = new Map<string, readonly RateLimitRule[]>();
  private budgetsByWorkspace = new Map<string, readonly BudgetRule[]>();
  private budgetsById = new Map<string, BudgetRule>();
  private readonly reloads: CoalescedReloads;
  private unfollow?: () => void;

  constructor(
    private readonly source: UsagePolicySource,
    private readonly store: CounterStore,
    private readonly changes: ChangeBus,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.reloads = new CoalescedReloads(
      (workspaceIds) => this.load(workspaceIds),
      (error) => this.logger.error({ err: error }, 'reloading rate limits and budgets failed; keeping the previous ones'),
    );
  }

  async start(): Promise<void> {
    await this.load(undefined);
    this.unfollow = this.reloads.follow(this.changes, ['limits', 'budgets', 'workspaces']);
  }

  stop(): void {
    this.unfollow?.();
    this.unfollow = undefined;
  }

  rateLimits(workspaceId: string): readonly RateLimitRule[] {
    return this.limitsByWorkspace.get(workspaceId) ?? NONE;
  }

  budgets(workspaceId: string): readonly BudgetRule[] {
    return this.budgetsByWorkspace.get(workspaceId) ?? NONE;
  }

  budget(budgetId: string): BudgetRule | undefined {
    return this.budgetsById.get(budgetId);
  }

  reloadAll(): Promise<void> {
    return this.reloads.all();
  }

  private async load(workspaceIds: string[] | undefined): Promise<void> {
    const [limits, budgets] = await Promise.all([this.source.loadRateLimits(workspaceIds), this.source.loadBudgets(workspaceIds)]);
    await this.seed(budgets);
    this.limitsByWorkspace = regroup(this.limitsByWorkspace, limits, workspaceIds);
    this.budgetsByWorkspace = regroup(this.budgetsByWorkspace, budgets, workspaceIds);
    this.budgetsById = new Map([...this.budgetsByWorkspace.values()].flat().map((budget) => [budget.id, budget]));
  }

  private async seed(budgets: readonly BudgetRule[]): Promise<void> {
    const at = this.now();
    const keys = budgets.map((budget) => ({ budgetId: budget.id, period: periodKey(budget.period, at) }));
    const spend = await this.source.spendOf(keys);
    await Promise.all(spend.map((row) => this.store.seed(budgetCounterKey(row.budgetId, row.period), row.spentNanoUsd)));
  }
}

function regroup<T extends { workspaceId: string }>(
  previous: ReadonlyMap<string, readonly T[]>,
  loaded: readonly T[],
  workspaceIds: readonly string[] | undefined,
): Map<string, readonly T[]> {
  const next = workspaceIds ? new Map(previous) : new Map<string, readonly T[]>();
  for (const id of workspaceIds ?? []) next.delete(id);
  const grouped = new Map<string, T[]>();
  for (const item of loaded) grouped.set(item.workspaceId, [...(grouped.get(item.workspaceId) ?? []), Object.freeze(item)]);
  for (const [workspaceId, items] of grouped) next.set(workspaceId, Object.freeze(items));
  return next;
}
