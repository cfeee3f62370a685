import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditTrail } from '../../audit/audit-log/audit-trail';
import type { RequestContext } from '../../auth/principal';
import { APPROVAL_GATEWAY, type ApprovalGateway, type ApprovalRequestView } from '../../approvals/approval-engine.contract';
import { invalid, notFound, SLUG_PATTERN } from '../../common/http/problems';
import { isProtectedLabel, toLabelDto } from '../prompt-views';
import type { LabelDto } from '../prompts.dto';
import { type PromptRow, PromptsRepository } from '../prompts.repository';
import { moveEntry } from './label-audit';
import type { LabelTarget } from './label-split';
import type { LabelMoveDto, MoveLabelInput } from './labels.dto';
import { PROMPT_PROMOTION, type PromotionSubject, promotionSubjectKey } from './prompt-promotion.kind';

/** A label move as the controller answers it: 200 when it moved, 202 when it waits for an approval. */
export interface LabelMove {
  readonly status: 200 | 202;
  readonly body: LabelMoveDto;
}

/**
 * Labels point at versions (one, or several with weights for A/B). Moving `production` goes through
 * the approval engine (kind `prompt_promotion`, per the workspace's policy: on by default); any other
 * label moves at once. A rollback is a move back to an earlier version, audited like any move.
 */
@Injectable()
export class PromptLabelsService {
  constructor(
    private readonly repository: PromptsRepository,
    private readonly audit: AuditTrail,
    @Inject(APPROVAL_GATEWAY) private readonly approvals: ApprovalGateway,
  ) {}

  async list(_ctx: RequestContext, workspaceId: string, slug: string): Promise<LabelDto[]> {
    const prompt = await this.prompt(this.repository.manager, workspaceId, slug);
    return (await this.repository.labels(this.repository.manager, prompt.id)).map(toLabelDto);
  }

  async move(ctx: RequestContext, workspaceId: string, slug: string, label: string, input: MoveLabelInput): Promise<LabelMove> {
    if (!SLUG_PATTERN.test(label)) throw invalid('a label name is production, staging or a custom slug (lower-case letters, digits, dashes)', [{ path: 'label', message: 'must be a slug' }]);
    return this.repository.transaction(async (manager) => {
      const prompt = await this.prompt(manager, workspaceId, slug, true);
      const { targets, authors } = await this.targets(manager, prompt, input);
      if (!isProtectedLabel(label)) {
        const before = await this.repository.label(manager, prompt.id, label, true);
        const after = await this.repository.moveLabel(manager, prompt, label, targets, ctx.principal.subject);
        await this.audit.record(manager, ctx, moveEntry(prompt, label, before && toLabelDto(before), toLabelDto(after)));
        return { status: 200, body: { outcome: 'moved', label: toLabelDto(after), approvalRequest: null } };
      }
      const subject: PromotionSubject = { promptId: prompt.id, slug: prompt.slug, label, targets, authors };
      const outcome = await this.approvals.submit(manager, ctx, {
        workspaceId,
        kind: PROMPT_PROMOTION,
        subject,
        subjectKey: promotionSubjectKey(subject),
        reason: input.reason ?? null,
      });
      const current = await this.repository.label(manager, prompt.id, label);
      if (!outcome.required) return { status: 200, body: { outcome: 'moved', label: current ? toLabelDto(current) : null, approvalRequest: null } };
      return { status: 202, body: { outcome: 'pending_approval', label: current ? toLabelDto(current) : null, approvalRequest: requestView(outcome.request) } };
    });
  }

  private async targets(manager: EntityManager, prompt: PromptRow, input: MoveLabelInput): Promise<{ targets: LabelTarget[]; authors: string[] }> {
    const wanted = input.versions ?? [{ version: input.version!, weight: 100 }];
    const versions = await this.repository.versionsNumbered(manager, prompt.id, wanted.map((target) => target.version));
    const byNumber = new Map(versions.map((version) => [version.number, version]));
    const missing = wanted.filter((target) => !byNumber.has(target.version));
    if (missing.length > 0) {
      throw invalid(
        `prompt '${prompt.slug}' has no version ${missing.map((target) => target.version).join(', ')}`,
        missing.map((target) => ({ path: 'versions', message: `no version ${target.version}` })),
        422,
      );
    }
    return {
      targets: wanted.map((target) => ({ versionId: byNumber.get(target.version)!.id, version: target.version, weight: target.weight })),
      authors: [...new Set(wanted.map((target) => byNumber.get(target.version)!.author))],
    };
  }

  private async prompt(manager: EntityManager, workspaceId: string, slug: string, lock = false): Promise<PromptRow> {
    const prompt = await this.repository.find(manager, workspaceId, slug, lock);
    if (!prompt) throw notFound('prompt');
    return prompt;
  }
}

function requestView(request: ApprovalRequestView): LabelMoveDto['approvalRequest'] {
  return {
    id: request.id,
    kind: request.kind,
    state: request.state,
    subjectKey: request.subjectKey,
    subject: request.subject as Record<string, unknown>,
    requestedBy: request.requestedBy,
    reason: request.reason,
    createdAt: request.createdAt,
    expiresAt: request.expiresAt,
  };
}
