import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditTrail } from '../../audit/audit-log/audit-trail';
import type { RequestContext } from '../../auth/principal';
import { conflict, isUniqueViolation, isUuid, notFound, unprocessable } from '../../common/http/problems';
import { budgetCounterKey, periodEnd, periodKey, type BudgetRule } from '../enforcement/usage-policy';
import type { CounterStore } from '../limits/counter-store';
import { COUNTER_STORE } from '../limits/limits.module';
import type { BudgetDto, CreateBudgetInput, UpdateBudgetInput } from './budgets.dto';
import { BudgetsRepository, type BudgetRow } from './budgets.repository';

const NANO = 1e9;

/**
 * Budgets in USD per day, month or in total, on a workspace, a service account (team/app), a user
 * or an API key, nested: a key's budget never exceeds its owner's or its workspace's budget of the
 * same period, an owner's never exceeds its workspace's. Consumption is read live from the counter store.
 */
@Injectable()
export class BudgetsService {
  constructor(
    private readonly repository: BudgetsRepository,
    private readonly audit: AuditTrail,
    @Inject(COUNTER_STORE) private readonly store: CounterStore,
  ) {}

  async list(_ctx: RequestContext, workspaceId: string): Promise<BudgetDto[]> {
    return Promise.all((await this.repository.list(workspaceId)).map((row) => this.toDto(row)));
  }

  async get(_ctx: RequestContext, workspaceId: string, id: string): Promise<BudgetDto> {
    const row = isUuid(id) ? await this.repository.find(workspaceId, id) : undefined;
    if (!row) throw notFound('budget');
    return this.toDto(row);
  }

  async create(ctx: RequestContext, workspaceId: string, input: CreateBudgetInput): Promise<BudgetDto> {
    const values = { scope: input.scope, scopeId: input.scopeId, period: input.period, limitNanoUsd: Math.round(input.limitUsd * NANO), alertThresholds: input.alertThresholds, enabled: input.enabled };
    try {
      const row = await this.repository.transaction(async (manager) => {
        if (values.scopeId && !(await this.repository.scopeExists(manager, workspaceId, values.scope, values.scopeId))) {
          throw unprocessable(`scopeId names no ${values.scope.replace('_', ' ')} of this workspace`, { scopeId: values.scopeId });
        }
        const candidate = { ...values, id: '', workspaceId } as BudgetRule;
        await this.checkNesting(manager, candidate);
        const created = await this.repository.insert(manager, workspaceId, values, ctx.principal.subject);
        await this.audit.record(manager, ctx, { action: 'budget.create', workspaceId, resourceType: 'budget', resourceId: created.id, after: created });
        return created;
      });
      return this.toDto(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`this ${values.scope.replace('_', ' ')} already has a ${values.period} budget; change it instead`);
      throw error;
    }
  }

  async update(ctx: RequestContext, workspaceId: string, id: string, input: UpdateBudgetInput): Promise<BudgetDto> {
    if (!isUuid(id)) throw notFound('budget');
    const row = await this.repository.transaction(async (manager) => {
      const before = await this.repository.get(manager, workspaceId, id, true);
      if (!before) throw notFound('budget');
      const values = {
        limitNanoUsd: input.limitUsd === undefined ? before.limitNanoUsd : Math.round(input.limitUsd * NANO),
        alertThresholds: input.alertThresholds ?? [...before.alertThresholds],
        enabled: input.enabled ?? before.enabled,
      };
      if (values.enabled) await this.checkNesting(manager, { ...before, ...values });
      const after = await this.repository.update(manager, workspaceId, id, values);
      await this.audit.record(manager, ctx, { action: 'budget.update', workspaceId, resourceType: 'budget', resourceId: id, before, after });
      return after;
    });
    return this.toDto(row);
  }

  async delete(ctx: RequestContext, workspaceId: string, id: string): Promise<void> {
    if (!isUuid(id)) throw notFound('budget');
    await this.repository.transaction(async (manager) => {
      const before = await this.repository.get(manager, workspaceId, id, true);
      if (!before) throw notFound('budget');
      await this.repository.delete(manager, workspaceId, id);
      await this.audit.record(manager, ctx, { action: 'budget.delete', workspaceId, resourceType: 'budget', resourceId: id, before });
    });
  }

  /** Refuses a budget larger than one that contains it, or smaller than one it contains (same period, enabled). */
  private async checkNesting(manager: EntityManager, budget: BudgetRule): Promise<void> {
    const others = (await this.repository.samePeriod(manager, budget.workspaceId, budget.period)).filter((other) => other.enabled && other.id !== budget.id);
    const owner = async (candidate: BudgetRule) => (candidate.scope === 'api_key' ? this.repository.keyOwner(manager, candidate.workspaceId, candidate.scopeId!) : undefined);
    for (const other of others) {
      if (await contains(other, budget, owner)) {
        if (budget.limitNanoUsd > other.limitNanoUsd) throw nestingError(budget, other, 'exceed');
      } else if (await contains(budget, other, owner)) {
        if (other.limitNanoUsd > budget.limitNanoUsd) throw nestingError(budget, other, 'fall below');
      }
    }
  }

  private async toDto(row: BudgetRow): Promise<BudgetDto> {
    const now = new Date();
    const period = periodKey(row.period, now);
    const spent = await this.store.spent(budgetCounterKey(row.id, period));
    const end = periodEnd(row.period, now);
    return {
      id: row.id,
      workspaceId: row.workspaceId,
      scope: row.scope,
      scopeId: row.scopeId,
      period: row.period,
      limitUsd: row.limitNanoUsd / NANO,
      alertThresholds: [...row.alertThresholds],
      enabled: row.enabled,
      consumption: {
        period,
        spentUsd: spent.settled / NANO,
        reservedUsd: spent.reserved / NANO,
        remainingUsd: (row.limitNanoUsd - spent.settled - spent.reserved) / NANO,
        resetsAt: end ? end.toISOString() : null,
      },
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      createdBy: row.createdBy,
    };
  }
}

type OwnerOf = (budget: BudgetRule) => Promise<{ ownerType: 'service_account' | 'user'; ownerId: string } | undefined>;

/** Whether every request `inner` applies to is also under `outer`. */
async function contains(outer: BudgetRule, inner: BudgetRule, ownerOf: OwnerOf): Promise<boolean> {
  if (outer.scope === 'workspace') return inner.scope !== 'workspace';
  if (inner.scope !== 'api_key' || outer.scope === 'api_key') return false;
  const owner = await ownerOf(inner);
  return owner !== undefined && owner.ownerType === outer.scope && owner.ownerId === outer.scopeId;
}

function nestingError(budget: BudgetRule, other: BudgetRule, verb: 'exceed' | 'fall below') {
  const name = (b: BudgetRule) => (b.scope === 'workspace' ? 'the workspace' : `${b.scope.replace('_', ' ')} ${b.scopeId}`);
  return unprocessable(`a ${budget.period} budget of $${budget.limitNanoUsd / NANO} for ${name(budget)} would ${verb} the $${other.limitNanoUsd / NANO} ${other.period} budget of ${name(other)}`, {
    conflictingBudgetId: other.id,
  });
}
