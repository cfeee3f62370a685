import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditTrail, type SystemActor } from '../audit/audit-log/audit-trail';
import { AuthorizationService } from '../auth/authz/authorization.service';
import type { RequestContext } from '../auth/principal';
import { ErrorCode, PorticoError } from '../common/errors';
import { forbidden, invalid, isUuid, notFound } from '../common/http/problems';
import { WebhookOutbox } from '../webhooks/webhook-outbox';
import type { ApprovalGateway, ApprovalKindHandler, ApprovalState, SubmitApproval, SubmitOutcome } from './approval-engine.contract';
import { ApprovalKindRegistry } from './approval-kinds';
import { type ApprovalPolicy, effectivePolicy, permissionParts } from './approval-policy';
import { assertTransition, invalidTransition } from './approval-state-machine';
import { type ApprovalDecisionRow, type ApprovalRequestRow, ApprovalsRepository, type ApprovalVerdict } from './approvals.repository';

export const EXPIRY_ACTOR: SystemActor = { system: 'approval-expiry' };
const MAX_SUBJECT_BYTES = 16 * 1024;
const MAX_EXPIRED_PER_SWEEP = 500;

/** What {@link ApprovalService.file} did: applied at once, or the pending request (new or already there). */
export type Filing = { required: false; request: ApprovalRequestRow } | { required: true; request: ApprovalRequestRow; created: boolean };

/**
 * The approval engine. Modules file requests through {@link submit} in their own transaction;
 * approvers decide through {@link approve} / {@link reject}. A decision locks the request row, so
 * concurrent decisions queue and each sees the latest state: the kind's `onApproved` runs once, in
 * the transaction that records the approval completing the count, with its audit entry and webhooks.
 * Call `submit` before recording your own audit entry: the audit chain stays locked until commit.
 * `submit` never waits on a pending request's row lock, so a module may hold its own rows while filing.
 */
@Injectable()
export class ApprovalService implements ApprovalGateway {
  constructor(
    private readonly repository: ApprovalsRepository,
    private readonly kinds: ApprovalKindRegistry,
    private readonly authorization: AuthorizationService,
    private readonly audit: AuditTrail,
    private readonly outbox: WebhookOutbox,
  ) {}

  registerKind<TSubject>(handler: ApprovalKindHandler<TSubject>): void {
    this.kinds.register(handler);
  }

  async submit<TSubject>(manager: EntityManager, ctx: RequestContext, input: SubmitApproval<TSubject>): Promise<SubmitOutcome<TSubject>> {
    const filing = await this.file(manager, ctx, input);
    return filing.required ? { required: true, request: filing.request as ApprovalRequestRow & { subject: TSubject } } : { required: false };
  }

  /** {@link submit}, also telling whether this call filed the pending request or found it. */
  async file(manager: EntityManager, ctx: RequestContext, input: SubmitApproval<unknown>): Promise<Filing> {
    const handler = this.kinds.require(input.kind);
    const values = { ...checkedSubmission(input), requestedBy: ctx.principal.subject };
    const policy = effectivePolicy(input.kind, await this.repository.policy(manager, input.workspaceId, input.kind));
    if (!policy.enabled) {
      const request = await this.repository.insertAutoApproved(manager, values);
      await handler.onApproved(manager, request);
      await this.announce(manager, request, request.state);
      await this.audit.record(manager, ctx, { action: 'approval.auto_approved', ...this.resource(request), after: this.snapshot(request) });
      return { required: false, request };
    }
    // A conflicting insert means another transaction filed the same subject meanwhile: read it on the next turn.
    for (let attempt = 0; attempt < 3; attempt++) {
      const pending = await this.repository.pendingFor(manager, input.workspaceId, input.kind, values.subjectKey);
      if (pending && !pending.overdue) return { required: true, request: pending.request, created: false };
      const overdue = pending && (await this.repository.lockOverdue(manager, input.workspaceId, pending.request.id));
      if (overdue) await this.expireLocked(manager, overdue);
      const request = await this.repository.insertPending(manager, values, policy.expiresAfterSeconds);
      if (request) {
        await this.announce(manager, request, request.state);
        await this.audit.record(manager, ctx, { action: 'approval.create', ...this.resource(request), after: this.snapshot(request) });
        return { required: true, request, created: true };
      }
    }
    throw new PorticoError(ErrorCode.CONFLICT, 'the pending request for this subject kept changing; try again', { status: 409 });
  }

  approve(ctx: RequestContext, workspaceId: string, id: string, comment: string | null): Promise<ApprovalRequestRow> {
    return this.decide(ctx, workspaceId, id, 'approve', comment);
  }

  reject(ctx: RequestContext, workspaceId: string, id: string, comment: string): Promise<ApprovalRequestRow> {
    return this.decide(ctx, workspaceId, id, 'reject', comment);
  }

  /** The requester withdraws their request; someone with `approvals:write` may cancel anyone's. */
  cancel(ctx: RequestContext, workspaceId: string, id: string): Promise<ApprovalRequestRow> {
    return this.withLockedRequest(workspaceId, id, 'cancelled', async (manager, request) => {
      if (request.requestedBy !== ctx.principal.subject && !this.authorization.can(ctx.principal, workspaceId, 'approvals', 'write')) {
        throw forbidden('only the requester, or someone with approvals:write, may cancel a request', { permission: 'approvals:write' });
      }
      assertTransition(request.state, 'cancelled');
      const after = await this.finish(manager, request, 'cancelled');
      await this.audit.record(manager, ctx, { action: 'approval.cancel', ...this.resource(request), before: this.snapshot(request), after: this.snapshot(after) });
      return after;
    });
  }

  /**
   * Expires pending requests past their expiry, one transaction each. Every process may sweep at
   * once: a request is claimed with `FOR UPDATE SKIP LOCKED`. A request whose `onClosed` fails stays
   * pending (reported in `failed`) and is tried again on the next sweep.
   */
  async expireDue(asOf: Date | null = null): Promise<{ expired: number; failed: { id: string; error: unknown }[] }> {
    const failed: { id: string; error: unknown }[] = [];
    let expired = 0;
    while (expired + failed.length < MAX_EXPIRED_PER_SWEEP) {
      let claimed: string | undefined;
      try {
        const request = await this.repository.transaction(async (manager) => {
          const overdue = await this.repository.claimOverdue(manager, asOf, failed.map((failure) => failure.id));
          claimed = overdue?.id;
          if (overdue) await this.expireLocked(manager, overdue);
          return overdue;
        });
        if (!request) break;
        expired += 1;
      } catch (error) {
        if (!claimed) throw error;
        failed.push({ id: claimed, error });
      }
    }
    return { expired, failed };
  }

  private decide(ctx: RequestContext, workspaceId: string, id: string, verdict: ApprovalVerdict, comment: string | null): Promise<ApprovalRequestRow> {
    const target = verdict === 'approve' ? 'approved' : 'rejected';
    return this.withLockedRequest(workspaceId, id, target, async (manager, request) => {
      const policy = effectivePolicy(request.kind, await this.repository.policy(manager, workspaceId, request.kind));
      const handler = this.kinds.require(request.kind);
      this.checkDecider(ctx, request, policy, handler.interestedParties?.(request.subject) ?? []);
      assertTransition(request.state, target);
      const decision = await this.repository.insertDecision(manager, request, ctx.principal.subject, verdict, comment);
      if (!decision) throw new PorticoError(ErrorCode.APPROVAL_ALREADY_DECIDED, 'you already decided this request; each approver counts once', { status: 409 });
      await this.outbox.enqueue(manager, { workspaceId, type: `approval.${request.kind}.decision`, data: { request: this.snapshot(request), decision: decisionJson(decision) } });
      let after = request;
      if (verdict === 'reject') after = await this.finish(manager, request, 'rejected');
      else if ((await this.repository.countApprovals(manager, request.id)) >= policy.requiredApprovals) after = await this.finish(manager, request, 'approved');
      await this.audit.record(manager, ctx, {
        action: `approval.${verdict}`,
        ...this.resource(request),
        before: this.snapshot(request),
        after: { ...this.snapshot(after), decision: decisionJson(decision) },
      });
      return after;
    });
  }

  private checkDecider(ctx: RequestContext, request: ApprovalRequestRow, policy: ApprovalPolicy, interested: readonly string[]): void {
    const { resource, action } = permissionParts(policy.approverPermission);
    if (!this.authorization.can(ctx.principal, request.workspaceId, resource, action)) {
      throw forbidden(`deciding ${request.kind} requests needs the ${policy.approverPermission} permission`, { permission: policy.approverPermission });
    }
    if (!policy.allowSelfApproval && request.requestedBy === ctx.principal.subject) {
      throw new PorticoError(ErrorCode.APPROVAL_SELF_APPROVAL, 'four eyes: the requester may not decide their own request; ask another approver (or cancel it)', { status: 403 });
    }
    if (!policy.allowSelfApproval && interested.includes(ctx.principal.subject)) {
      throw new PorticoError(ErrorCode.APPROVAL_SELF_APPROVAL, 'four eyes: you are a party to this request (e.g. the author of what it publishes); ask another approver', { status: 403 });
    }
  }

  /**
   * Runs `work` on the locked request; `work` checks the caller, then the transition. A pending
   * request found past its expiry is expired (and that commits) before the caller hears it is too late.
   */
  private async withLockedRequest(
    workspaceId: string,
    id: string,
    target: ApprovalState,
    work: (manager: EntityManager, request: ApprovalRequestRow) => Promise<ApprovalRequestRow>,
  ): Promise<ApprovalRequestRow> {
    if (!isUuid(id)) throw notFound('approval request');
    const outcome = await this.repository.transaction(async (manager) => {
      const locked = await this.repository.lock(manager, workspaceId, id);
      if (!locked) throw notFound('approval request');
      if (locked.request.state === 'pending' && locked.overdue) {
        await this.expireLocked(manager, locked.request);
        return undefined;
      }
      return work(manager, locked.request);
    });
    if (!outcome) throw invalidTransition('expired', target);
    return outcome;
  }

  private async expireLocked(manager: EntityManager, request: ApprovalRequestRow): Promise<void> {
    const after = await this.finish(manager, request, 'expired');
    await this.audit.record(manager, EXPIRY_ACTOR, { action: 'approval.expire', ...this.resource(request), before: this.snapshot(request), after: this.snapshot(after) });
  }

  /** The one place a request leaves `pending`: the state, the kind's side effect, the webhook. */
  private async finish(manager: EntityManager, request: ApprovalRequestRow, to: Exclude<ApprovalState, 'pending'>): Promise<ApprovalRequestRow> {
    assertTransition(request.state, to);
    const after = await this.repository.finish(manager, request.workspaceId, request.id, to);
    if (!after) throw invalidTransition(request.state, to);
    if (to === 'approved') await this.kinds.require(request.kind).onApproved(manager, after);
    else await this.kinds.find(request.kind)?.onClosed?.(manager, after);
    await this.announce(manager, after, to);
    return after;
  }

  private announce(manager: EntityManager, request: ApprovalRequestRow, state: ApprovalState): Promise<void> {
    return this.outbox.enqueue(manager, { workspaceId: request.workspaceId, type: `approval.${request.kind}.${state}`, data: { request: this.snapshot(request) } });
  }

  private resource(request: ApprovalRequestRow) {
    return { workspaceId: request.workspaceId, resourceType: 'approval_request', resourceId: request.id };
  }

  /** The request as audit entries and webhooks show it (plain JSON). */
  snapshot(request: ApprovalRequestRow) {
    return {
      id: request.id,
      workspaceId: request.workspaceId,
      kind: request.kind,
      summary: this.kinds.describe(request.kind, request.subject, request.subjectKey),
      subject: request.subject,
      subjectKey: request.subjectKey,
      state: request.state,
      autoApproved: request.autoApproved,
      requestedBy: request.requestedBy,
      reason: request.reason,
      createdAt: request.createdAt.toISOString(),
      expiresAt: request.expiresAt?.toISOString() ?? null,
      decidedAt: request.decidedAt?.toISOString() ?? null,
    };
  }
}

function decisionJson(decision: ApprovalDecisionRow) {
  return { approver: decision.approver, decision: decision.decision, comment: decision.comment, decidedAt: decision.decidedAt.toISOString() };
}

function checkedSubmission(input: SubmitApproval<unknown>) {
  const problems: { path: string; message: string }[] = [];
  const subjectJson = JSON.stringify(input.subject ?? null);
  if (Buffer.byteLength(subjectJson) > MAX_SUBJECT_BYTES) problems.push({ path: 'subject', message: `must be at most ${MAX_SUBJECT_BYTES} bytes of JSON` });
  if (typeof input.subjectKey !== 'string' || input.subjectKey.length < 1 || input.subjectKey.length > 512) problems.push({ path: 'subjectKey', message: 'must be 1 to 512 characters' });
  if (input.reason && input.reason.length > 2000) problems.push({ path: 'reason', message: 'must be at most 2000 characters' });
  if (problems.length > 0) throw invalid(`invalid approval request: ${problems[0]!.path} ${problems[0]!.message}`, problems, 422);
  return { workspaceId: input.workspaceId, kind: input.kind, subject: JSON.parse(subjectJson) as unknown, subjectKey: input.subjectKey, reason: input.reason ?? null };
}
