import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditTrail } from '../../audit/audit-log/audit-trail';
import { APPROVAL_GATEWAY, type ApprovalGateway, type ApprovalKindHandler, type ApprovalRequestView } from '../../approvals/approval-engine.contract';
import { toLabelDto } from '../prompt-views';
import { PromptsRepository } from '../prompts.repository';
import type { LabelTarget } from './label-split';
import { moveEntry } from './label-audit';

export const PROMPT_PROMOTION = 'prompt_promotion';

/** What a promotion request asks: point `label` of a prompt at these versions. */
export interface PromotionSubject {
  readonly promptId: string;
  readonly slug: string;
  readonly label: string;
  readonly targets: readonly LabelTarget[];
  /** The authors (`user:<id>` / `sa:<id>`) of the versions it publishes: four eyes keeps them from approving it. */
  readonly authors?: readonly string[];
}

/**
 * One pending request per prompt, label and destination: asking again for the same move finds the
 * request already filed; asking for a different move files another (the last approved one wins).
 */
export function promotionSubjectKey(subject: PromotionSubject): string {
  const destination = subject.targets.map((target) => `v${target.version}=${target.weight}`).join(',');
  return `prompt:${subject.promptId}:label:${subject.label}:${destination}`;
}

export function describePromotion(subject: PromotionSubject): string {
  const destination = subject.targets.length === 1 ? `v${subject.targets[0]!.version}` : subject.targets.map((target) => `v${target.version} ${target.weight}%`).join(', ');
  return `prompt '${subject.slug}' → ${subject.label}: ${destination}`;
}

/**
 * The `prompt_promotion` kind of the approval engine: when a request is approved, the label moves
 * inside the deciding transaction (so it moves exactly once, or not at all). A prompt deleted while
 * its request waited has nothing left to move.
 */
@Injectable()
export class PromptPromotionKind implements ApprovalKindHandler<PromotionSubject>, OnModuleInit {
  readonly kind = PROMPT_PROMOTION;

  constructor(
    private readonly repository: PromptsRepository,
    private readonly audit: AuditTrail,
    @Inject(APPROVAL_GATEWAY) private readonly approvals: ApprovalGateway,
  ) {}

  onModuleInit(): void {
    this.approvals.registerKind(this);
  }

  describe(subject: PromotionSubject): string {
    return describePromotion(subject);
  }

  interestedParties(subject: PromotionSubject): readonly string[] {
    return subject.authors ?? [];
  }

  async onApproved(manager: EntityManager, request: ApprovalRequestView<PromotionSubject>): Promise<void> {
    const { subject } = request;
    const prompt = await this.repository.findById(manager, request.workspaceId, subject.promptId);
    if (!prompt) return;
    const before = await this.repository.label(manager, prompt.id, subject.label, true);
    const after = await this.repository.moveLabel(manager, prompt, subject.label, subject.targets, `approval:${request.id}`);
    await this.audit.record(manager, { system: `approval:${request.id}` }, moveEntry(prompt, subject.label, before && toLabelDto(before), { ...toLabelDto(after), approvalRequestId: request.id, requestedBy: request.requestedBy }));
  }
}
