import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APPROVAL_GATEWAY, type ApprovalGateway, type ApprovalKindHandler, type ApprovalRequestView } from '../approvals/approval-engine.contract';
import { AuditTrail } from '../audit/audit-log/audit-trail';
import { toRestVersionDto } from './rest-api-views';
import { RestApisRepository } from './rest-apis.repository';

export const REST_API_PUBLICATION = 'rest_api_publication';

/** What a publication request asks: publish version `version` of a REST API, forwarding to `baseUrl`. */
export interface RestPublicationSubject {
  readonly apiId: string;
  readonly slug: string;
  readonly version: number;
  readonly baseUrl: string;
  readonly operations: number;
}

export function restPublicationSubjectKey(subject: Pick<RestPublicationSubject, 'apiId' | 'version'>): string {
  return `rest_api:${subject.apiId}:v${subject.version}`;
}

/**
 * The `rest_api_publication` kind of the approval engine: approval publishes the version inside the
 * deciding transaction; a request that ends otherwise sends it back to draft. A version that left
 * `in_review` meanwhile (its API deleted) is left alone.
 */
@Injectable()
export class RestApiPublicationKind implements ApprovalKindHandler<RestPublicationSubject>, OnModuleInit {
  readonly kind = REST_API_PUBLICATION;

  constructor(
    private readonly repository: RestApisRepository,
    private readonly audit: AuditTrail,
    @Inject(APPROVAL_GATEWAY) private readonly approvals: ApprovalGateway,
  ) {}

  onModuleInit(): void {
    this.approvals.registerKind(this);
  }

  describe(subject: RestPublicationSubject): string {
    return `REST API '${subject.slug}' v${subject.version} (${subject.operations} operations → ${subject.baseUrl}) → published`;
  }

  async onApproved(manager: EntityManager, request: ApprovalRequestView<RestPublicationSubject>): Promise<void> {
    await this.settle(manager, request, 'published', 'rest_api_version.publish');
  }

  async onClosed(manager: EntityManager, request: ApprovalRequestView<RestPublicationSubject>): Promise<void> {
    await this.settle(manager, request, 'draft', 'rest_api_version.return_to_draft');
  }

  private async settle(manager: EntityManager, request: ApprovalRequestView<RestPublicationSubject>, state: 'published' | 'draft', action: string): Promise<void> {
    const api = await this.repository.findById(manager, request.workspaceId, request.subject.apiId, true);
    const before = api && (await this.repository.version(manager, api.id, request.subject.version, true));
    if (!api || !before || before.state !== 'in_review') return;
    const after = await this.repository.moveVersion(manager, api, before, state, state === 'published' ? { publishedAt: new Date() } : { approvalRequestId: null });
    await this.audit.record(manager, { system: `approval:${request.id}` }, {
      action,
      workspaceId: api.workspaceId,
      resourceType: 'rest_api_version',
      resourceId: after.id,
      before: toRestVersionDto(before),
      after: { ...toRestVersionDto(after), approvalRequestId: request.id, requestedBy: request.requestedBy },
    });
  }
}
