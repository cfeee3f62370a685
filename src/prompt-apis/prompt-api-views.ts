import type { ApprovalRequestView } from '../approvals/approval-engine.contract';
import type { ApiProductDto, ApiVersionDto, SubmitOutcomeDto } from './prompt-apis.dto';
import type { ApiProductRow, ApiVersionRow } from './prompt-apis.repository';

export function toVersionDto(version: ApiVersionRow): ApiVersionDto {
  return {
    number: version.number,
    state: version.state,
    prompt: version.promptSlug,
    promptVersion: version.promptVersion,
    promptLabel: version.promptLabel,
    output: version.output,
    approvalRequestId: version.approvalRequestId,
    publishedAt: version.publishedAt,
    deprecatedAt: version.deprecatedAt,
    sunsetAt: version.sunsetAt,
    retiredAt: version.retiredAt,
    successorVersion: version.successorVersion,
    createdBy: version.createdBy,
    createdAt: version.createdAt,
  };
}

export function toProductDto(product: ApiProductRow, versions: readonly ApiVersionRow[]): ApiProductDto {
  return {
    id: product.id,
    slug: product.slug,
    title: product.title,
    description: product.description,
    tags: [...product.tags],
    visibility: product.visibility,
    versions: versions.map(toVersionDto),
    createdBy: product.createdBy,
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
  };
}

export function toApprovalSummary(request: ApprovalRequestView): NonNullable<SubmitOutcomeDto['approvalRequest']> {
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
