import { operationsOf } from './openapi/upstream-document';
import type { RestApiDto, RestVersionDto } from './rest-apis.dto';
import type { RestApiRow, RestVersionRow } from './rest-apis.repository';

export function toRestVersionDto(version: RestVersionRow, withDocument = false): RestVersionDto {
  return {
    number: version.number,
    state: version.state,
    baseUrl: version.baseUrl,
    operations: operationsOf(version.document),
    approvalRequestId: version.approvalRequestId,
    publishedAt: version.publishedAt,
    deprecatedAt: version.deprecatedAt,
    sunsetAt: version.sunsetAt,
    retiredAt: version.retiredAt,
    successorVersion: version.successorVersion,
    createdBy: version.createdBy,
    createdAt: version.createdAt,
    ...(withDocument ? { openapi: version.document } : {}),
  };
}

/** Never the sealed credential: its header and a masked hint only. */
export function toRestApiDto(api: RestApiRow, versions: readonly RestVersionRow[]): RestApiDto {
  return {
    id: api.id,
    slug: api.slug,
    title: api.title,
    description: api.description,
    tags: [...api.tags],
    visibility: api.visibility,
    credential: api.credentialHeader ? { header: api.credentialHeader, hint: api.credentialHint ?? '' } : null,
    versions: versions.map((version) => toRestVersionDto(version)),
    createdBy: api.createdBy,
    createdAt: api.createdAt,
    updatedAt: api.updatedAt,
  };
}

/** What the audit log keeps of an API: no sealed value. */
export function auditedApi(api: RestApiRow): Record<string, unknown> {
  const { credentialSealed: _sealed, ...rest } = api;
  return rest;
}
