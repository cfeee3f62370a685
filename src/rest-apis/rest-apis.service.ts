import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APPROVAL_GATEWAY, type ApprovalGateway } from '../approvals/approval-engine.contract';
import { AuditTrail } from '../audit/audit-log/audit-trail';
import type { RequestContext } from '../auth/principal';
import { REST_API_CREDENTIAL_PURPOSE } from '../auth/secrets/encrypted-columns';
import { ErrorCode, PorticoError } from '../common/errors';
import { maskSecret, SecretBox } from '../common/crypto/secret-box';
import { conflict, isUniqueViolation, unprocessable } from '../common/http/problems';
import { VersionMoves } from '../prompt-apis/lifecycle/version-moves';
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
  private readonly moves: VersionMoves<RestApiRow, RestVersionRow, RestVersionMove, RestVersionDto>;

  constructor(
    private readonly repository: RestApisRepository,
    private readonly audit: AuditTrail,
    private readonly box: SecretBox,
    @Inject(APPROVAL_GATEWAY) approvals: ApprovalGateway,
  ) {
    this.moves = new VersionMoves(repository, audit, approvals, {
      productNoun: 'REST API',
      versionNoun: 'REST API version',
      resourceType: 'rest_api_version',
      actionPrefix: 'rest_api_version',
      approvalKind: REST_API_PUBLICATION,
      toDto: (version) => toRestVersionDto(version),
    });
  }

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
  submit(ctx: RequestContext, workspaceId: string, slug: string, number: number, input: SubmitInput): Promise<{ status: 200 | 202; body: RestSubmitOutcomeDto }> {
    return this.moves.submit(ctx, workspaceId, slug, number, input, async (_manager, api, before) => {
      const subject: RestPublicationSubject = { apiId: api.id, slug: api.slug, version: number, baseUrl: before.baseUrl, operations: toRestVersionDto(before).operations.length };
      return { subject, subjectKey: restPublicationSubjectKey(subject) };
    });
  }

  /** `published → deprecated`: the version keeps answering, with `Deprecation` and `Sunset` headers. */
  deprecate(ctx: RequestContext, workspaceId: string, slug: string, number: number, input: DeprecateInput): Promise<RestVersionDto> {
    return this.moves.deprecate(ctx, workspaceId, slug, number, input);
  }

  /** `deprecated → retired`: the version answers 410 naming `successor`, a published version of the same API. */
  retire(ctx: RequestContext, workspaceId: string, slug: string, number: number, input: RetireInput): Promise<RestVersionDto> {
    return this.moves.retire(ctx, workspaceId, slug, number, input);
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

  private find(manager: EntityManager, workspaceId: string, slug: string, lock = false): Promise<RestApiRow> {
    return this.moves.product(manager, workspaceId, slug, lock);
  }

  private findVersion(manager: EntityManager, api: RestApiRow, number: number, lock = false): Promise<RestVersionRow> {
    return this.moves.version(manager, api, number, lock);
  }
}
