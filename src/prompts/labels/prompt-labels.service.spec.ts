import { describe, expect, it } from 'vitest';
import type { EntityManager } from 'typeorm';
import type { AuditEntryInput, AuditTrail } from '../../audit/audit-log/audit-trail';
import type { ApprovalGateway, ApprovalKindHandler, ApprovalRequestView, SubmitApproval, SubmitOutcome } from '../../approvals/approval-engine.contract';
import type { RequestContext } from '../../auth/principal';
import type { LabelRow, PromptRow, PromptsRepository } from '../prompts.repository';
import type { PromptVersion } from '../versions/prompt-version';
import type { LabelTarget } from './label-split';
import { PromptLabelsService } from './prompt-labels.service';
import { PromptPromotionKind } from './prompt-promotion.kind';

const WS = 'ws-1';
const manager = {} as EntityManager;
const ctxOf = (id: string): RequestContext => ({ requestId: `r-${id}`, ip: '127.0.0.1', principal: { kind: 'user', id, subject: `user:${id}`, isSuperadmin: false, via: 'access_token' } });

/** The prompt tables in memory: one prompt with versions 1–3. */
class FakePrompts {
  readonly prompt: PromptRow = { id: 'p1', workspaceId: WS, slug: 'greet', name: 'Greet', description: null, latestVersion: 3, createdBy: 'user:a', createdAt: new Date(0), updatedAt: new Date(0) };
  readonly labels = new Map<string, LabelRow>();
  moves = 0;
  readonly manager = manager;
  transaction = <T>(work: (m: EntityManager) => Promise<T>) => work(manager);
  find = async (_m: EntityManager, workspaceId: string, slug: string) => (workspaceId === WS && slug === 'greet' ? this.prompt : undefined);
  findById = async (_m: EntityManager, workspaceId: string, id: string) => (workspaceId === WS && id === 'p1' ? this.prompt : undefined);
  versionsNumbered = async (_m: EntityManager, _promptId: string, numbers: readonly number[]) =>
    numbers.filter((number) => number >= 1 && number <= 3).map((number) => ({ id: `v${number}`, number }) as PromptVersion);
  label = async (_m: EntityManager, _promptId: string, name: string) => this.labels.get(name);
  moveLabel = async (_m: EntityManager, _prompt: PromptRow, name: string, targets: readonly LabelTarget[], movedBy: string) => {
    this.moves += 1;
    const row: LabelRow = { promptId: 'p1', name, targets, updatedBy: movedBy, updatedAt: new Date() };
    this.labels.set(name, row);
    return row;
  };
}

/** The approval engine's contract, in memory: a policy switch, one pending request per subject key, four eyes. */
class FakeApprovals implements ApprovalGateway {
  required = true;
  private readonly handlers = new Map<string, ApprovalKindHandler<unknown>>();
  readonly requests = new Map<string, ApprovalRequestView & { state: string }>();

  registerKind<T>(handler: ApprovalKindHandler<T>): void {
    this.handlers.set(handler.kind, handler as ApprovalKindHandler<unknown>);
  }

  async submit<T>(m: EntityManager, ctx: RequestContext, input: SubmitApproval<T>): Promise<SubmitOutcome<T>> {
    const request = { id: `req-${this.requests.size + 1}`, workspaceId: input.workspaceId, kind: input.kind, subject: input.subject, subjectKey: input.subjectKey, state: 'pending' as const, requestedBy: ctx.principal.subject, reason: input.reason ?? null, createdAt: new Date(), expiresAt: null };
    if (!this.required) {
      await this.handlers.get(input.kind)!.onApproved(m, { ...request, state: 'approved' });
      return { required: false };
    }
    const pending = [...this.requests.values()].find((candidate) => candidate.subjectKey === input.subjectKey && candidate.state === 'pending');
    if (pending) return { required: true, request: pending as ApprovalRequestView<T> };
    this.requests.set(request.id, request);
    return { required: true, request };
  }

  async approve(id: string, approver: RequestContext): Promise<void> {
    const request = this.requests.get(id)!;
    if (request.requestedBy === approver.principal.subject) throw new Error('four eyes');
    if (request.state !== 'pending') throw new Error('already decided');
    await this.handlers.get(request.kind)!.onApproved(manager, request);
    request.state = 'approved';
  }
}

function setup() {
  const repository = new FakePrompts();
  const entries: AuditEntryInput[] = [];
  const audit = { record: async (_m: EntityManager, _actor: unknown, entry: AuditEntryInput) => void entries.push(entry) } as unknown as AuditTrail;
  const approvals = new FakeApprovals();
  const kind = new PromptPromotionKind(repository as unknown as PromptsRepository, audit, approvals);
  kind.onModuleInit();
  const service = new PromptLabelsService(repository as unknown as PromptsRepository, audit, approvals);
  return { repository, entries, approvals, service };
}

describe('PromptLabelsService', () => {
  it('moves a custom or staging label at once, split by weight, and audits before and after', async () => {
    const { service, repository, entries } = setup();
    const first = await service.move(ctxOf('a'), WS, 'greet', 'staging', { version: 2 });
    expect(first).toMatchObject({ status: 200, body: { outcome: 'moved', approvalRequest: null, label: { name: 'staging', protected: false, targets: [{ version: 2, versionId: 'v2', weight: 100 }] } } });
    const split = await service.move(ctxOf('a'), WS, 'greet', 'staging', { versions: [{ version: 1, weight: 70 }, { version: 3, weight: 30 }] });
    expect(split.body.label!.targets).toEqual([
      { version: 1, versionId: 'v1', weight: 70 },
      { version: 3, versionId: 'v3', weight: 30 },
    ]);
    expect(repository.moves).toBe(2);
    expect(entries.map((entry) => entry.action)).toEqual(['prompt_label.move', 'prompt_label.move']);
    expect(entries[1]).toMatchObject({ resourceId: 'p1:staging', before: { targets: [{ version: 2 }] }, after: { targets: [{ version: 1 }, { version: 3 }] } });
  });

  it('refuses versions that do not exist (422) and unknown prompts (404)', async () => {
    const { service } = setup();
    await expect(service.move(ctxOf('a'), WS, 'greet', 'staging', { version: 9 })).rejects.toMatchObject({ status: 422 });
    await expect(service.move(ctxOf('a'), WS, 'nope', 'staging', { version: 1 })).rejects.toMatchObject({ status: 404 });
    await expect(service.move(ctxOf('a'), 'ws-2', 'greet', 'staging', { version: 1 })).rejects.toMatchObject({ status: 404 });
  });

  it('files a promotion for production (202) that moves the label once, when someone else approves it', async () => {
    const { service, repository, approvals, entries } = setup();
    const requested = await service.move(ctxOf('a'), WS, 'greet', 'production', { version: 3, reason: 'ship it' });
    expect(requested.status).toBe(202);
    expect(requested.body).toMatchObject({ outcome: 'pending_approval', label: null, approvalRequest: { kind: 'prompt_promotion', state: 'pending', reason: 'ship it', subjectKey: 'prompt:p1:label:production:v3=100' } });
    expect(repository.moves).toBe(0);
    const again = await service.move(ctxOf('b'), WS, 'greet', 'production', { version: 3 });
    expect(again.body.approvalRequest!.id).toBe(requested.body.approvalRequest!.id);

    const id = requested.body.approvalRequest!.id;
    await expect(approvals.approve(id, ctxOf('a'))).rejects.toThrow('four eyes');
    expect(repository.moves).toBe(0);
    await approvals.approve(id, ctxOf('c'));
    await expect(approvals.approve(id, ctxOf('d'))).rejects.toThrow('already decided');
    expect(repository.moves).toBe(1);
    expect(repository.labels.get('production')).toMatchObject({ updatedBy: `approval:${id}`, targets: [{ version: 3, weight: 100 }] });
    expect(entries.at(-1)).toMatchObject({ action: 'prompt_label.move', after: { approvalRequestId: id, requestedBy: 'user:a', targets: [{ version: 3 }] } });
  });

  it('moves production at once (200) when the policy requires no approval', async () => {
    const { service, approvals, repository } = setup();
    approvals.required = false;
    const moved = await service.move(ctxOf('a'), WS, 'greet', 'production', { versions: [{ version: 1, weight: 50 }, { version: 2, weight: 50 }] });
    expect(moved).toMatchObject({ status: 200, body: { outcome: 'moved', label: { name: 'production', protected: true, targets: [{ version: 1 }, { version: 2 }] } } });
    expect(repository.moves).toBe(1);
  });

  it('does nothing when the prompt was deleted while its promotion waited', async () => {
    const { service, approvals, repository } = setup();
    const requested = await service.move(ctxOf('a'), WS, 'greet', 'production', { version: 2 });
    repository.findById = async () => undefined;
    await approvals.approve(requested.body.approvalRequest!.id, ctxOf('c'));
    expect(repository.moves).toBe(0);
  });
});
