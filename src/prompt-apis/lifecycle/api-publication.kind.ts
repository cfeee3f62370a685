import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APPROVAL_GATEWAY, type ApprovalGateway, type ApprovalKindHandler, type ApprovalRequestView } from '../../approvals/approval-engine.contract';
import { AuditTrail } from '../../audit/audit-log/audit-trail';
import { toVersionDto } from '../prompt-api-views';
import { type ApiVersionRow, PromptApisRepository, type VersionMove } from '../prompt-apis.repository';

export const API_PUBLICATION = 'api_publication';

/** What a publication request asks: publish version `version` of an API product, served by a fixed prompt version. */
export interface PublicationSubject {
  readonly productId: string;
  readonly slug: string;
  readonly version: number;
  readonly prompt: string;
  readonly promptVersion: number;
}

export function publicationSubjectKey(subject: Pick<PublicationSubject, 'productId' | 'version'>): string {
  return `api_product:${subject.productId}:v${subject.version}`;
}

/**
 * The `api_publication` kind of the approval engine: approval publishes the version inside the
 * deciding transaction; a request that ends otherwise sends the version back to draft. A version
 * that left `in_review` meanwhile (its product deleted) is left alone.
 */
@Injectable()
export class ApiPublicationKind implements ApprovalKindHandler<PublicationSubject>, OnModuleInit {
  readonly kind = API_PUBLICATION;

  constructor(
    private readonly repository: PromptApisRepository,
    private readonly audit: AuditTrail,
    @Inject(APPROVAL_GATEWAY) private readonly approvals: ApprovalGateway,
  ) {}

  onModuleInit(): void {
    this.approvals.registerKind(this);
  }

  describe(subject: PublicationSubject): string {
    return `API '${subject.slug}' v${subject.version} (prompt '${subject.prompt}' v${subject.promptVersion}) → published`;
  }

  async onApproved(manager: EntityManager, request: ApprovalRequestView<PublicationSubject>): Promise<void> {
    await this.settle(manager, request, 'published', 'api_version.publish');
  }

  async onClosed(manager: EntityManager, request: ApprovalRequestView<PublicationSubject>): Promise<void> {
    await this.settle(manager, request, 'draft', 'api_version.return_to_draft');
  }

  private async settle(manager: EntityManager, request: ApprovalRequestView<PublicationSubject>, state: 'published' | 'draft', action: string): Promise<void> {
    const product = await this.repository.findById(manager, request.workspaceId, request.subject.productId, true);
    const before = product && (await this.repository.version(manager, product.id, request.subject.version, true));
    if (!product || !before || before.state !== 'in_review') return;
    const after = await this.repository.moveVersion(manager, product, before, state, state === 'published' ? { publishedAt: new Date() } : backToDraft(before));
    await this.audit.record(manager, { system: `approval:${request.id}` }, {
      action,
      workspaceId: product.workspaceId,
      resourceType: 'api_product_version',
      resourceId: after.id,
      before: toVersionDto(before),
      after: { ...toVersionDto(after), approvalRequestId: request.id, requestedBy: request.requestedBy },
    });
  }
}

/** A draft that named a label names it again (it is resolved anew at the next submission). */
function backToDraft(version: ApiVersionRow): VersionMove {
  return { approvalRequestId: null, promptVersion: version.promptLabel ? null : version.promptVersion };
}
