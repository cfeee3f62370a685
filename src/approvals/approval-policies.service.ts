import { Injectable } from '@nestjs/common';
import { AuditTrail } from '../audit/audit-log/audit-trail';
import { AuthorizationService } from '../auth/authz/authorization.service';
import type { RequestContext } from '../auth/principal';
import { forbidden } from '../common/http/problems';
import { ApprovalKindRegistry, kindNotFound } from './approval-kinds';
import { type ApprovalPolicy, asPermission, effectivePolicy, KIND_PATTERN, permissionParts } from './approval-policy';
import type { ApprovalPolicyDto, PutPolicyInput } from './approvals.dto';
import { ApprovalsRepository } from './approvals.repository';

/** Per workspace and kind: whether approval is required, by how many, holding what, for how long. */
@Injectable()
export class ApprovalPoliciesService {
  constructor(
    private readonly repository: ApprovalsRepository,
    private readonly kinds: ApprovalKindRegistry,
    private readonly authorization: AuthorizationService,
    private readonly audit: AuditTrail,
  ) {}

  /** Every registered kind (and any kind with a stored policy) with the policy in force. */
  async list(_ctx: RequestContext, workspaceId: string): Promise<ApprovalPolicyDto[]> {
    const stored = new Map((await this.repository.policies(workspaceId)).map((policy) => [policy.kind, policy]));
    const kinds = [...new Set([...this.kinds.kinds(), ...stored.keys()])].sort();
    return kinds.map((kind) => effectivePolicy(kind, stored.get(kind)));
  }

  async get(_ctx: RequestContext, workspaceId: string, kind: string): Promise<ApprovalPolicyDto> {
    const stored = KIND_PATTERN.test(kind) ? await this.repository.findPolicy(workspaceId, kind) : undefined;
    if (!stored && !this.kinds.find(kind)) throw kindNotFound();
    return effectivePolicy(kind, stored);
  }

  /**
   * Replaces the kind's policy. Only someone who may approve the kind under both the current and the
   * new policy may change it, so holding `approvals:write` alone cannot switch four eyes off.
   */
  async put(ctx: RequestContext, workspaceId: string, kind: string, input: PutPolicyInput): Promise<ApprovalPolicyDto> {
    if (!this.kinds.find(kind)) throw kindNotFound();
    const values = { kind, ...input, approverPermission: asPermission(input.approverPermission) };
    return this.repository.transaction(async (manager) => {
      await this.repository.lockPolicy(manager, workspaceId, kind);
      const before = effectivePolicy(kind, await this.repository.policy(manager, workspaceId, kind));
      for (const permission of new Set([before.approverPermission, values.approverPermission])) this.requireHeld(ctx, workspaceId, permission);
      const after: ApprovalPolicy = { ...(await this.repository.savePolicy(manager, workspaceId, values, ctx.principal.subject)), isDefault: false };
      await this.audit.record(manager, ctx, { action: 'approval_policy.update', workspaceId, resourceType: 'approval_policy', resourceId: kind, before, after });
      return after;
    });
  }

  private requireHeld(ctx: RequestContext, workspaceId: string, permission: ApprovalPolicy['approverPermission']): void {
    const { resource, action } = permissionParts(permission);
    if (!this.authorization.can(ctx.principal, workspaceId, resource, action)) {
      throw forbidden(`changing this policy needs ${permission}, the permission that approves the kind`, { permission });
    }
  }
}
