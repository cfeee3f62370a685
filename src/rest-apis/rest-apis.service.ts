import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APPROVAL_GATEWAY, type ApprovalGateway } from '../approvals/approval-engine.contract';
import { AuditTrail } from '../audit/audit-log/audit-trail';
import type { RequestContext } from '../auth/principal';
import { REST_API_CREDENTIAL_PURPOSE } from '../auth/secrets/encrypted-columns';
import { ErrorCode, PorticoError } from '../common/errors';
import { maskSecret, SecretBox } from '../common/crypto/secret-box';
import { conflict, isUniqueViolation, notFound, unprocessable } from '../common/http/problems';
import type { ApiVersionState } from '../prompt-apis/api-product-catalog';
import { assertMove } from '../prompt-apis/lifecycle/api-version-lifecycle';
import { toApprovalSummary } from '../prompt-apis/prompt-api-views';
import type { DeprecateInput, RetireInput, SubmitInput } from '../prompt-apis/prompt-apis.dto';
import { checkUpstreamDocument } from './openapi/upstream-document';
import { REST_API_PUBLICATION, type RestPublicationSubject, restPublicationSubjectKey } from './rest-api-publication.kind';
import { auditedApi, toRestApiDto, toRestVersionDto } from './rest-api-views';
import type { CreateRestApiInput, CreateRestVersionInput, RestApiDto, RestSubmitOutcomeDto, RestVersionDto, UpdateRestApiInput } from './rest-apis.dto';
import { type RestApiRow, RestApisRepository, type RestCredential, type RestVersionMove, type RestVersionRow } from './rest-apis.repository';

/**
 * REST APIs of a workspace: an upstream registered with its OpenAPI document, versions with the
 * prompt APIs' lifecycle `draft → in_review → published → deprecated → retired` (the same
 * transition table), publication through the approval engine (`rest_api_publication`), every
 * change audited. The upstream credential is sealed before it reaches the repository.
 */
@Injectable()
export class RestApisService {
  constructor(
    private readonly repository: RestApisRepository,
    private readonly audit: AuditTrail,
    private readonly box: SecretBox,
    @Inject(APPROVAL_GATEWAY) private readonly approvals: ApprovalGateway,
  ) {}

  async list(_ctx: RequestContext, workspaceId: string): Promise<RestApiDto[]> {
    const apis = await this.repository.list(workspaceId);
    const versions = await this.repository.versions(this.repository.manager, apis.map((api) => api.id));
    return apis.map((api) => toRestApiDto(api, versions.filter((version) => version.productId === api.id)));
  }

  async get(_ctx: RequestContext, workspaceId: string, slug: string): Promise<RestApiDto> {
    const api = await this.find(this.repository.manager, workspaceId, slug);
    return toRestApiDto(api, await this.repository.versions(this.repository.manager, [api.id]));
  }

  /** Registers the API and its version 1 (a draft) from a document the parser accepted. */
  async create(ctx: RequestContext, workspaceId: string, input: CreateRestApiInput): Promise<RestApiDto> {
    await this.checkDocument(input.openapi);
    try {
      return await this.repository.transaction(async (manager) => {
        const api = await this.repository.insert(manager, workspaceId, input, this.seal(input.credential), ctx.principal.subject);
        const version = await this.repository.insertVersion(manager, api, { baseUrl: input.baseUrl, document: input.openapi }, ctx.principal.subject);
        await this.audit.record(manager, ctx, { action: 'rest_api.create', workspaceId, resourceType: 'rest_api', resourceId: api.id, after: { ...auditedApi(api), version: toRestVersionDto(version) } });
        return toRestApiDto({ ...api, latestVersion: 1 }, [version]);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`an API product '${input.slug}' exists in this workspace`);
      throw error;
    }
  }

  async update(ctx: RequestContext, workspaceId: string, slug: string, input: UpdateRestApiInput): Promise<RestApiDto> {
    return this.repository.transaction(async (manager) => {
      const before = await this.find(manager, workspaceId, slug, true);
      const values = {
        title: input.title ?? before.title,
        description: input.description === undefined ? before.description : input.description,
        tags: input.tags ?? before.tags,
        visibility: input.visibility ?? before.visibility,
      };
      const after = await this.repository.update(manager, before, values, input.credential === undefined ? undefined : this.seal(input.credential ?? undefined));
      await this.audit.record(manager, ctx, { action: 'rest_api.update', workspaceId, resourceType: 'rest_api', resourceId: before.id, before: auditedApi(before), after: auditedApi(after) });
      return toRestApiDto(after, await this.repository.versions(manager, [after.id]));
    });
  }

  /** Only an API nobody can call or be asked to approve goes: every version a draft or retired. */
  async delete(ctx: RequestContext, workspaceId: string, slug: string): Promise<void> {
    await this.repository.transaction(async (manager) => {
      const before = await this.find(manager, workspaceId, slug, true);
      const versions = await this.repository.versions(manager, [before.id]);
      const live = versions.filter((version) => version.state !== 'draft' && version.state !== 'retired');
      if (live.length > 0) throw conflict(`retire every version first: ${live.map((version) => `v${version.number} is ${version.state}`).join(', ')}`, { versions: live.map((version) => version.number) });
      await this.repository.delete(manager, before);
      await this.audit.record(manager, ctx, { action: 'rest_api.delete', workspaceId, resourceType: 'rest_api', resourceId: before.id, before: auditedApi(before) });
    });
  }

  async createVersion(ctx: RequestContext, workspaceId: string, slug: string, input: CreateRestVersionInput): Promise<RestVersionDto> {
    await this.checkDocument(input.openapi);
    return this.repository.transaction(async (manager) => {
      const api = await this.find(manager, workspaceId, slug, true);
      const baseUrl = input.baseUrl ?? (await this.repository.version(manager, api.id, api.latestVersion))?.baseUrl;
      if (!baseUrl) throw unprocessable('name the upstream of the new version', { issues: [{ path: 'baseUrl', message: 'required' }] });
      const version = await this.repository.insertVersion(manager, api, { baseUrl, document: input.openapi }, ctx.principal.subject);
      await this.audit.record(manager, ctx, { action: 'rest_api_version.create', workspaceId, resourceType: 'rest_api_version', resourceId: version.id, after: toRestVersionDto(version) });
      return toRestVersionDto(version);
    });
  }

  async getVersion(_ctx: RequestContext, workspaceId: string, slug: string, number: number): Promise<RestVersionDto> {
    const api = await this.find(this.repository.manager, workspaceId, slug);
    return toRestVersionDto(await this.findVersion(this.repository.manager, api, number), true);
  }

  /** `draft → in_review` and a `rest_api_publication` request; published at once when the workspace's policy requires no approval. */
  async submit(ctx: RequestContext, workspaceId: string, slug: string, number: number, input: SubmitInput): Promise<{ status: 200 | 202; body: RestSubmitOutcomeDto }> {
    return this.repository.transaction(async (manager) => {
      const api = await this.find(manager, workspaceId, slug, true);
      const before = await this.findVersion(manager, api, number, true);
      assertMove(before.state, 'in_review');
      const inReview = await this.repository.moveVersion(manager, api, before, 'in_review');
      const subject: RestPublicationSubject = { apiId: api.id, slug: api.slug, version: number, baseUrl: before.baseUrl, operations: toRestVersionDto(before).operations.length };
      const outcome = await this.approvals.submit(manager, ctx, { workspaceId, kind: REST_API_PUBLICATION, subject, subjectKey: restPublicationSubjectKey(subject), reason: input.reason ?? null });
      const after = outcome.required
        ? await this.repository.moveVersion(manager, api, inReview, 'in_review', { approvalRequestId: outcome.request.id })
        : await this.findVersion(manager, api, number);
      await this.audit.record(manager, ctx, { action: 'rest_api_version.submit', workspaceId, resourceType: 'rest_api_version', resourceId: before.id, before: toRestVersionDto(before), after: toRestVersionDto(after) });
      if (!outcome.required) return { status: 200, body: { outcome: 'published', version: toRestVersionDto(after), approvalRequest: null } };
      return { status: 202, body: { outcome: 'pending_approval', version: toRestVersionDto(after), approvalRequest: toApprovalSummary(outcome.request) } };
    });
  }

  /** `published → deprecated`: the version keeps answering, with `Deprecation` and `Sunset` headers. */
  async deprecate(ctx: RequestContext, workspaceId: string, slug: string, number: number, input: DeprecateInput): Promise<RestVersionDto> {
    if (input.sunset.getTime() <= Date.now()) throw unprocessable('the sunset date must be in the future', { issues: [{ path: 'sunset', message: 'must be in the future' }] });
    return this.move(ctx, workspaceId, slug, number, 'deprecated', 'rest_api_version.deprecate', async () => ({ deprecatedAt: new Date(), sunsetAt: input.sunset }));
  }

  /** `deprecated → retired`: the version answers 410 naming `successor`, a published version of the same API. */
  async retire(ctx: RequestContext, workspaceId: string, slug: string, number: number, input: RetireInput): Promise<RestVersionDto> {
    return this.move(ctx, workspaceId, slug, number, 'retired', 'rest_api_version.retire', async (manager, api) => {
      const successor = input.successor === number ? undefined : await this.repository.version(manager, api.id, input.successor);
      if (successor?.state !== 'published') {
        throw unprocessable(`the successor must be another, published version of '${api.slug}'`, { issues: [{ path: 'successor', message: `v${input.successor} is ${successor?.state ?? (input.successor === number ? 'this version' : 'unknown')}` }] });
      }
      return { retiredAt: new Date(), successorVersion: input.successor };
    });
  }

  private async move(
    ctx: RequestContext,
    workspaceId: string,
    slug: string,
    number: number,
    state: ApiVersionState,
    action: string,
    changes: (manager: EntityManager, api: RestApiRow) => Promise<RestVersionMove>,
  ): Promise<RestVersionDto> {
    return this.repository.transaction(async (manager) => {
      const api = await this.find(manager, workspaceId, slug, true);
      const before = await this.findVersion(manager, api, number, true);
      assertMove(before.state, state);
      const after = await this.repository.moveVersion(manager, api, before, state, await changes(manager, api));
      await this.audit.record(manager, ctx, { action, workspaceId, resourceType: 'rest_api_version', resourceId: before.id, before: toRestVersionDto(before), after: toRestVersionDto(after) });
      return toRestVersionDto(after);
    });
  }

  /** 422 `PORTICO_ERR_OPENAPI_INVALID` listing the parser's problems. */
  private async checkDocument(document: Record<string, unknown>): Promise<void> {
    const verdict = await checkUpstreamDocument(document);
    if (!verdict.ok) {
      throw new PorticoError(ErrorCode.OPENAPI_INVALID, `the OpenAPI document is invalid: ${verdict.problems.length} problem(s)`, { status: 422, details: { issues: verdict.problems } });
    }
  }

  private seal(credential: { header: string; value: string } | undefined): RestCredential {
    if (!credential) return null;
    return { header: credential.header.toLowerCase(), sealed: this.box.seal(credential.value, REST_API_CREDENTIAL_PURPOSE), hint: maskSecret(credential.value) };
  }

  private async find(manager: EntityManager, workspaceId: string, slug: string, lock = false): Promise<RestApiRow> {
    const api = await this.repository.find(manager, workspaceId, slug, lock);
    if (!api) throw notFound('REST API');
    return api;
  }

  private async findVersion(manager: EntityManager, api: RestApiRow, number: number, lock = false): Promise<RestVersionRow> {
    const version = await this.repository.version(manager, api.id, number, lock);
    if (!version) throw notFound('REST API version');
    return version;
  }
}
