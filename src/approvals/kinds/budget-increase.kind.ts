import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { AuditTrail } from '../../audit/audit-log/audit-trail';
import { invalid, unprocessable, UUID_PATTERN } from '../../common/http/problems';
import type { ApprovalRequestView } from '../approval-engine.contract';
import type { DirectlyRequestableKind } from '../approval-kinds';
import { ApprovalService } from '../approval.service';
import { type BudgetLimit, BudgetIncreaseRepository } from './budget-increase.repository';

const NANO = 1e9;

export const budgetIncreaseSubject = z.strictObject({
  budgetId: z.string().regex(UUID_PATTERN, 'must be a budget id'),
  limitUsd: z
    .number()
    .positive()
    .max(100_000_000)
    .refine((value) => Math.abs(Math.round(value * NANO) - value * NANO) < 1e-3, 'at most 9 decimals'),
});
export type BudgetIncrease = z.infer<typeof budgetIncreaseSubject>;

/**
 * `budget_increase`: raise a budget's limit to `limitUsd` once approved. Filed through
 * `POST …/approvals`; on approval the limit rises in the deciding transaction, keeping budgets
 * nested (a key's budget never above its owner's or its workspace's of the same period).
 */
@Injectable()
export class BudgetIncreaseKind implements DirectlyRequestableKind<BudgetIncrease>, OnModuleInit {
  readonly kind = 'budget_increase';

  constructor(
    private readonly budgets: BudgetIncreaseRepository,
    private readonly approvals: ApprovalService,
    private readonly audit: AuditTrail,
  ) {}

  onModuleInit(): void {
    this.approvals.registerKind(this);
  }

  describe(subject: BudgetIncrease): string {
    return `budget ${subject.budgetId} → $${subject.limitUsd}`;
  }

  async prepareRequest(manager: EntityManager, workspaceId: string, input: unknown): Promise<{ subject: BudgetIncrease; subjectKey: string }> {
    const subject = parseSubject(input);
    const budget = await this.budgets.find(manager, workspaceId, subject.budgetId);
    if (!budget) throw unprocessable('subject.budgetId names no budget of this workspace', { budgetId: subject.budgetId });
    if (toNano(subject.limitUsd) <= budget.limitNanoUsd) {
      throw unprocessable(`the budget's limit is already $${budget.limitNanoUsd / NANO}; an increase asks for more`, { budgetId: budget.id, limitUsd: budget.limitNanoUsd / NANO });
    }
    return { subject, subjectKey: `budget:${subject.budgetId}` };
  }

  async onApproved(manager: EntityManager, request: ApprovalRequestView<BudgetIncrease>): Promise<void> {
    const { budgetId, limitUsd } = parseSubject(request.subject);
    const locked = await this.budgets.lockPeriodOf(manager, request.workspaceId, budgetId);
    if (!locked) throw unprocessable('the budget no longer exists; reject or cancel this request', { budgetId });
    const wanted = toNano(limitUsd);
    // Raised at least this far meanwhile: the approval holds, there is nothing left to change.
    if (wanted <= locked.budget.limitNanoUsd) return;
    if (locked.budget.enabled) await this.checkNesting(manager, locked.budget, locked.samePeriod, wanted);
    const after = await this.budgets.setLimit(manager, request.workspaceId, budgetId, wanted);
    await this.audit.record(manager, { system: `approval:${request.id}` }, { action: 'budget.update', workspaceId: request.workspaceId, resourceType: 'budget', resourceId: budgetId, before: locked.budget, after });
  }

  /** Raising a budget can only break nesting upwards: against the budgets that contain it. */
  private async checkNesting(manager: EntityManager, budget: BudgetLimit, samePeriod: readonly BudgetLimit[], wanted: number): Promise<void> {
    const owner = budget.scope === 'api_key' ? await this.budgets.keyOwner(manager, budget.workspaceId, budget.scopeId!) : undefined;
    const containing = samePeriod.filter(
      (other) =>
        other.enabled &&
        ((other.scope === 'workspace' && budget.scope !== 'workspace') || (owner !== undefined && other.scope === owner.ownerType && other.scopeId === owner.ownerId)),
    );
    const tighter = containing.find((other) => wanted > other.limitNanoUsd);
    if (tighter) {
      throw unprocessable(`$${wanted / NANO} would exceed the $${tighter.limitNanoUsd / NANO} ${tighter.period} budget that contains this one; raise that first`, {
        conflictingBudgetId: tighter.id,
      });
    }
  }
}

function parseSubject(input: unknown): BudgetIncrease {
  const result = budgetIncreaseSubject.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: ['subject', ...issue.path].join('.'), message: issue.message }));
  throw invalid(`invalid budget_increase subject: ${issues[0]!.path} ${issues[0]!.message}`, issues, 422);
}

function toNano(usd: number): number {
  return Math.round(usd * NANO);
}
