import { Injectable } from '@nestjs/common';
import { AuthorizationService } from '../auth/authz/authorization.service';
import type { RequestContext } from '../auth/principal';
import { ErrorCode, PorticoError } from '../common/errors';
import { isUuid, notFound } from '../common/http/problems';
import { ApprovalKindRegistry } from './approval-kinds';
import { DEFAULT_APPROVER_PERMISSION, effectivePolicy, permissionParts, type StoredApprovalPolicy } from './approval-policy';
import { ApprovalService } from './approval.service';
import type { ApprovalPageDto, ApprovalRequestDto, CreateApprovalInput, ListApprovalsQuery } from './approvals.dto';
import { type ApprovalRequestRow, ApprovalsRepository, type DecidableBy } from './approvals.repository';

/** The admin API over approval requests: filing directly, listing, reading, and deciding. */
@Injectable()
export class ApprovalRequestsService {
  constructor(
    private readonly engine: ApprovalService,
    private readonly repository: ApprovalsRepository,
    private readonly kinds: ApprovalKindRegistry,
    private readonly authorization: AuthorizationService,
  ) {}

  async create(ctx: RequestContext, workspaceId: string, input: CreateApprovalInput): Promise<ApprovalRequestDto> {
    const handler = this.kinds.requireDirect(input.kind);
    const filing = await this.repository.transaction(async (manager) => {
      const { subject, subjectKey } = await handler.prepareRequest(manager, workspaceId, input.subject);
      const filed = await this.engine.file(manager, ctx, { workspaceId, kind: input.kind, subject, subjectKey, reason: input.reason });
      if (filed.required && !filed.created) {
        throw new PorticoError(ErrorCode.APPROVAL_ALREADY_PENDING, `a ${input.kind} request for this subject is already pending`, { status: 409, details: { requestId: filed.request.id } });
      }
      return filed;
    });
    return this.one(filing.request);
  }

  async list(ctx: RequestContext, workspaceId: string, query: ListApprovalsQuery): Promise<ApprovalPageDto> {
    const policies = await this.repository.policies(workspaceId);
    const filter = {
      state: query.state,
      kind: query.kind,
      requestedBy: query.mine ? ctx.principal.subject : undefined,
      decidableBy: query.toDecide ? this.decidableBy(ctx, workspaceId, policies) : undefined,
    };
    const rows = await this.repository.page(workspaceId, filter, query.cursor ?? null, query.limit + 1);
    const page = rows.slice(0, query.limit);
    return { items: await this.toDtos(workspaceId, page, policies), nextCursor: rows.length > query.limit ? page.at(-1)!.id : null };
  }

  async get(_ctx: RequestContext, workspaceId: string, id: string): Promise<ApprovalRequestDto> {
    const row = isUuid(id) ? await this.repository.find(workspaceId, id) : undefined;
    if (!row) throw notFound('approval request');
    return this.one(row);
  }

  async approve(ctx: RequestContext, workspaceId: string, id: string, comment: string | null): Promise<ApprovalRequestDto> {
    return this.one(await this.engine.approve(ctx, workspaceId, id, comment));
  }

  async reject(ctx: RequestContext, workspaceId: string, id: string, comment: string): Promise<ApprovalRequestDto> {
    return this.one(await this.engine.reject(ctx, workspaceId, id, comment));
  }

  async cancel(ctx: RequestContext, workspaceId: string, id: string): Promise<ApprovalRequestDto> {
    return this.one(await this.engine.cancel(ctx, workspaceId, id));
  }

  /** Which kinds the caller may decide, from casbin, for the repository to filter on. */
  private decidableBy(ctx: RequestContext, workspaceId: string, policies: readonly StoredApprovalPolicy[]): DecidableBy {
    const holds = (permission: StoredApprovalPolicy['approverPermission']) => {
      const { resource, action } = permissionParts(permission);
      return this.authorization.can(ctx.principal, workspaceId, resource, action);
    };
    return {
      subject: ctx.principal.subject,
      kinds: policies.filter((policy) => holds(policy.approverPermission)).map((policy) => policy.kind),
      policyKinds: policies.map((policy) => policy.kind),
      defaultAllowed: holds(DEFAULT_APPROVER_PERMISSION),
      selfAllowedKinds: policies.filter((policy) => policy.allowSelfApproval).map((policy) => policy.kind),
    };
  }

  private async one(row: ApprovalRequestRow): Promise<ApprovalRequestDto> {
    const [dto] = await this.toDtos(row.workspaceId, [row], await this.repository.policies(row.workspaceId));
    return dto!;
  }

  private async toDtos(workspaceId: string, rows: readonly ApprovalRequestRow[], policies: readonly StoredApprovalPolicy[]): Promise<ApprovalRequestDto[]> {
    const decisions = await this.repository.decisionsOf(workspaceId, rows.map((row) => row.id));
    const stored = new Map(policies.map((policy) => [policy.kind, policy]));
    return rows.map((row) => {
      const own = decisions.filter((decision) => decision.requestId === row.id);
      return {
        id: row.id,
        workspaceId: row.workspaceId,
        kind: row.kind,
        summary: this.kinds.describe(row.kind, row.subject, row.subjectKey),
        subject: row.subject,
        subjectKey: row.subjectKey,
        state: row.state,
        autoApproved: row.autoApproved,
        requestedBy: row.requestedBy,
        reason: row.reason,
        requiredApprovals: effectivePolicy(row.kind, stored.get(row.kind)).requiredApprovals,
        approvals: own.filter((decision) => decision.decision === 'approve').length,
        decisions: own.map(({ requestId: _requestId, ...decision }) => decision),
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
        expiresAt: row.expiresAt,
        decidedAt: row.decidedAt,
      };
    });
  }
}
