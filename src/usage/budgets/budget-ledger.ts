import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import type { SpendLedger } from '../enforcement/usage-gate';
import type { BudgetRule } from '../enforcement/usage-policy';
import type { BudgetsRepository, SpendTotal } from './budgets.repository';

/** A crossed alert threshold, as the `budget.threshold_reached` webhook carries it. */
export interface BudgetThresholdEvent {
  readonly budgetId: string;
  readonly workspaceId: string;
  readonly scope: BudgetRule['scope'];
  readonly scopeId: string | null;
  readonly period: BudgetRule['period'];
  readonly periodKey: string;
  readonly thresholdPercent: number;
  readonly limitUsd: number;
  readonly spentUsd: number;
}

/** Where threshold alerts go, inside the ledger's transaction (the webhook outbox). */
export interface BudgetAlertSink {
  thresholdReached(manager: EntityManager, event: BudgetThresholdEvent): Promise<void>;
}

export interface BudgetLedgerOptions {
  readonly flushMs?: number;
  /** Where unflushed spend is kept when the database is unreachable at shutdown; replayed at start. */
  readonly spillDir: string;
}

type Delta = { budgetId: string; period: string; nanoUsd: number };

/**
 * Settled spend, made durable off the request path: the gate records each settlement here
 * (a map update), and every `flushMs` one statement adds the deltas to `budget_spend`. A failed
 * flush keeps its deltas for the next one; at shutdown what cannot reach the database is written
 * to a spill file and added at the next start. Threshold alerts fire from the durable totals,
 * once per budget, period and threshold (a conditional update decides which process sends it).
 */
export class BudgetLedger implements SpendLedger {
  private deltas = new Map<string, Delta>();
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  private readonly flushMs: number;

  constructor(
    private readonly repository: BudgetsRepository,
    private readonly budgetOf: (budgetId: string) => BudgetRule | undefined,
    private readonly alerts: BudgetAlertSink,
    private readonly logger: Logger,
    private readonly options: BudgetLedgerOptions,
  ) {
    this.flushMs = options.flushMs ?? 1_000;
  }

  async start(): Promise<void> {
    await this.replaySpill();
    this.timer = setInterval(() => void this.flush(), this.flushMs);
    this.timer.unref();
  }

  record(budgetId: string, period: string, nanoUsd: number): void {
    const id = `${budgetId}|${period}`;
    const delta = this.deltas.get(id);
    if (delta) delta.nanoUsd += nanoUsd;
    else this.deltas.set(id, { budgetId, period, nanoUsd });
  }

  /** Spend recorded but not yet durable (for metrics and tests). */
  get unflushedNanoUsd(): number {
    let sum = 0;
    for (const delta of this.deltas.values()) sum += delta.nanoUsd;
    return sum;
  }

  /** Writes what is pending; concurrent calls queue behind each other. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.flushOnce());
    return this.flushing;
  }

  /** Final flush; on failure the remaining spend goes to the spill file. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
    if (this.deltas.size === 0) return;
    const pending = [...this.deltas.values()];
    await mkdir(this.options.spillDir, { recursive: true });
    const path = join(this.options.spillDir, `spend-${Date.now()}-${process.pid}-${randomBytes(4).toString('hex')}.json`);
    await writeFile(path + '.tmp', JSON.stringify(pending), { flush: true });
    await rename(path + '.tmp', path);
    this.logger.warn({ budgets: pending.length, nanoUsd: this.unflushedNanoUsd, path }, 'budget spend could not reach the database; kept in a spill file for the next start');
  }

  private async flushOnce(): Promise<void> {
    if (this.deltas.size === 0) return;
    const batch = [...this.deltas.values()];
    this.deltas = new Map();
    try {
      await this.repository.transaction(async (manager) => {
        const totals = await this.repository.addSpend(manager, batch);
        await this.alertCrossings(manager, totals);
      });
    } catch (error) {
      for (const delta of batch) this.record(delta.budgetId, delta.period, delta.nanoUsd);
      this.logger.warn({ err: error instanceof Error ? error.message : String(error), budgets: batch.length }, 'writing budget spend failed; retrying on the next flush');
    }
  }

  private async alertCrossings(manager: EntityManager, totals: readonly SpendTotal[]): Promise<void> {
    for (const total of totals) {
      const budget = this.budgetOf(total.budgetId);
      if (!budget) continue;
      const reached = budget.alertThresholds.filter((percent) => total.spentNanoUsd * 100 >= percent * budget.limitNanoUsd);
      const highest = Math.max(0, ...reached);
      if (highest <= total.alertedThreshold) continue;
      if (!(await this.repository.markAlerted(manager, total.budgetId, total.period, highest))) continue;
      await this.alerts.thresholdReached(manager, {
        budgetId: budget.id,
        workspaceId: budget.workspaceId,
        scope: budget.scope,
        scopeId: budget.scopeId,
        period: budget.period,
        periodKey: total.period,
        thresholdPercent: highest,
        limitUsd: budget.limitNanoUsd / 1e9,
        spentUsd: total.spentNanoUsd / 1e9,
      });
    }
  }

  /** Adds spill files left by earlier shutdowns, one file per transaction, deleting each once written. */
  private async replaySpill(): Promise<void> {
    let files: string[];
    try {
      files = (await readdir(this.options.spillDir)).filter((name) => name.startsWith('spend-') && name.endsWith('.json')).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const name of files) {
      const path = join(this.options.spillDir, name);
      const spilled = JSON.parse(await readFile(path, 'utf8')) as Delta[];
      await this.repository.transaction(async (manager) => {
        if (!(await this.repository.claimSpillReplay(manager, name))) return;
        const totals = await this.repository.addSpend(manager, spilled);
        await this.alertCrossings(manager, totals);
      });
      await rm(path);
      this.logger.info({ budgets: spilled.length, path }, 'replayed budget spend from a spill file');
    }
  }
}
