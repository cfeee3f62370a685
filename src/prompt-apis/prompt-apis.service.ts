import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APPROVAL_GATEWAY, type ApprovalGateway } from '../approvals/approval-engine.contract';
import { AuditTrail } from '../audit/audit-log/audit-trail';
import type { RequestContext } from '../auth/principal';
import { ErrorCode, PorticoError } from '../common/errors';
import { conflict, isUniqueViolation } from '../common/http/problems';
import { PromptsRepository } from '../prompts/prompts.repository';
import type { ApiVersionState } from './api-product-catalog';
import { API_PUBLICATION, type PublicationSubject, publicationSubjectKey } from './lifecycle/api-publication.kind';
import { VersionMoves } from './lifecycle/version-moves';
import { toProductDto, toVersionDto } from './prompt-api-views';
import type {
  ApiProductDto,
  ApiVersionDto,
  CreateProductInput,
  CreateVersionInput,
  DeprecateInput,
  RetireInput,
  SubmitInput,
  SubmitOutcomeDto,
  UpdateProductInput,
  UpdateVersionInput,
} from './prompt-apis.dto';
import { type ApiProductRow, type ApiVersionRow, PromptApisRepository, type VersionMove, type VersionSource } from './prompt-apis.repository';

/**
 * API products of a workspace and the lifecycle of their versions:
 * `draft → in_review → published → deprecated → retired`. Publication goes through the approval
 * engine (`api_publication`); everything else moves at once, audited.
 */
@Injectable()
export class PromptApisService {
  private readonly moves: VersionMoves<ApiProductRow, ApiVersionRow, VersionMove, ApiVersionDto>;

  constructor(
    private readonly repository: PromptApisRepository,
    private readonly prompts: PromptsRepository,
    private readonly audit: AuditTrail,
    @Inject(APPROVAL_GATEWAY) approvals: ApprovalGateway,
  ) {
    this.moves = new VersionMoves(repository, audit, approvals, {
      productNoun: 'API product',
      versionNoun: 'API version',
      resourceType: 'api_product_version',
      actionPrefix: 'api_version',
      approvalKind: API_PUBLICATION,
      toDto: (version) => toVersionDto(version),
    });
  }

  async list(_ctx: RequestContext, workspaceId: string): Promise<ApiProductDto[]> {
    const products = await this.repository.list(workspaceId);
    const versions = await this.repository.versions(this.repository.manager, products.map((product) => product.id));
    return products.map((product) => toProductDto(product, versions.filter((version) => version.productId === product.id)));
  }

  async get(_ctx: RequestContext, workspaceId: string, slug: string): Promise<ApiProductDto> {
    const product = await this.find(this.repository.manager, workspaceId, slug);
    return toProductDto(product, await this.repository.versions(this.repository.manager, [product.id]));
  }

  async create(ctx: RequestContext, workspaceId: string, input: CreateProductInput): Promise<ApiProductDto> {
    try {
      return await this.repository.transaction(async (manager) => {
        const product = await this.repository.insert(manager, workspaceId, input, ctx.principal.subject);
        await this.audit.record(manager, ctx, { action: 'api_product.create', workspaceId, resourceType: 'api_product', resourceId: product.id, after: product });
        return toProductDto(product, []);
      });
    } catch (error) {
      if (isPublicSlugTaken(error)) throw publicSlugTaken(input.slug);
      if (isUniqueViolation(error)) throw conflict(`an API product '${input.slug}' exists in this workspace`);
      throw error;
    }
  }

  async update(ctx: RequestContext, workspaceId: string, slug: string, input: UpdateProductInput): Promise<ApiProductDto> {
    return this.repository.transaction(async (manager) => {
      const before = await this.find(manager, workspaceId, slug, true);
      const after = await this.repository.update(manager, before, {
        title: input.title ?? before.title,
        description: input.description === undefined ? before.description : input.description,
        tags: input.tags ?? before.tags,
        visibility: input.visibility ?? before.visibility,
      });
      await this.audit.record(manager, ctx, { action: 'api_product.update', workspaceId, resourceType: 'api_product', resourceId: before.id, before, after });
      return toProductDto(after, await this.repository.versions(manager, [after.id]));
    }).catch((error: unknown) => {
      throw isPublicSlugTaken(error) ? publicSlugTaken(slug) : error;
    });
  }

  /** Only a product nobody can call or be asked to approve goes: every version a draft or retired. */
  async delete(ctx: RequestContext, workspaceId: string, slug: string): Promise<void> {
    await this.repository.transaction(async (manager) => {
      const before = await this.find(manager, workspaceId, slug, true);
      const versions = await this.repository.versions(manager, [before.id]);
      const live = versions.filter((version) => version.state !== 'draft' && version.state !== 'retired');
      if (live.length > 0) throw conflict(`retire every version first: ${live.map((version) => `v${version.number} is ${version.state}`).join(', ')}`, { versions: live.map((version) => version.number) });
      await this.repository.delete(manager, before);
      await this.audit.record(manager, ctx, { action: 'api_product.delete', workspaceId, resourceType: 'api_product', resourceId: before.id, before: toProductDto(before, versions) });
    });
  }

  async createVersion(ctx: RequestContext, workspaceId: string, slug: string, input: CreateVersionInput): Promise<ApiVersionDto> {
    return this.repository.transaction(async (manager) => {
      const product = await this.find(manager, workspaceId, slug, true);
      const source = await this.source(manager, workspaceId, input.prompt, input.promptVersion ?? null, input.promptLabel ?? null, input.output);
      const version = await this.repository.insertVersion(manager, product, source, ctx.principal.subject);
      await this.audit.record(manager, ctx, { action: 'api_version.create', workspaceId, resourceType: 'api_product_version', resourceId: version.id, after: toVersionDto(version) });
      return toVersionDto(version);
    });
  }

  /** Changes a draft's prompt, prompt version or label, or output; anything past draft is fixed (409). */
  async updateVersion(ctx: RequestContext, workspaceId: string, slug: string, number: number, input: UpdateVersionInput): Promise<ApiVersionDto> {
    return this.repository.transaction(async (manager) => {
      const product = await this.find(manager, workspaceId, slug, true);
      const before = await this.draft(manager, product, number);
      const named = input.promptVersion !== undefined || input.promptLabel !== undefined;
      const source = await this.source(
        manager,
        workspaceId,
        input.prompt ?? before.promptSlug,
        named ? (input.promptVersion ?? null) : before.promptVersion,
        named ? (input.promptLabel ?? null) : before.promptLabel,
        input.output ?? before.output,
      );
      const after = await this.repository.updateDraft(manager, product, before, source);
      await this.audit.record(manager, ctx, { action: 'api_version.update', workspaceId, resourceType: 'api_product_version', resourceId: before.id, before: toVersionDto(before), after: toVersionDto(after) });
      return toVersionDto(after);
    });
  }

  /** Deletes a draft; its number is not reused. Anything past draft stays (409). */
  async deleteVersion(ctx: RequestContext, workspaceId: string, slug: string, number: number): Promise<void> {
    await this.repository.transaction(async (manager) => {
      const product = await this.find(manager, workspaceId, slug, true);
      const before = await this.draft(manager, product, number);
      await this.repository.deleteDraft(manager, product, before);
      await this.audit.record(manager, ctx, { action: 'api_version.delete', workspaceId, resourceType: 'api_product_version', resourceId: before.id, before: toVersionDto(before) });
    });
  }

  async getVersion(_ctx: RequestContext, workspaceId: string, slug: string, number: number): Promise<ApiVersionDto> {
    const product = await this.find(this.repository.manager, workspaceId, slug);
    return toVersionDto(await this.findVersion(this.repository.manager, product, number));
  }

  /**
   * `draft → in_review`, fixing the prompt version (a label is resolved now, so the approver approves
   * what callers will get), and files the `api_publication` request; published at once when the
   * workspace's policy requires no approval.
   */
  submit(ctx: RequestContext, workspaceId: string, slug: string, number: number, input: SubmitInput): Promise<{ status: 200 | 202; body: SubmitOutcomeDto }> {
    return this.moves.submit(ctx, workspaceId, slug, number, input, async (manager, product, before) => {
      const promptVersion = before.promptVersion ?? (await this.resolveLabel(manager, before));
      const subject: PublicationSubject = { productId: product.id, slug: product.slug, version: number, prompt: before.promptSlug, promptVersion };
      return { subject, subjectKey: publicationSubjectKey(subject), move: { promptVersion } };
    });
  }

  /** `published → deprecated`: the version keeps answering, with `Deprecation` and `Sunset` headers. */
  deprecate(ctx: RequestContext, workspaceId: string, slug: string, number: number, input: DeprecateInput): Promise<ApiVersionDto> {
    return this.moves.deprecate(ctx, workspaceId, slug, number, input);
  }

  /** `deprecated → retired`: the version answers 410 naming `successor`, a published version of the same product. */
  retire(ctx: RequestContext, workspaceId: string, slug: string, number: number, input: RetireInput): Promise<ApiVersionDto> {
    return this.moves.retire(ctx, workspaceId, slug, number, input);
  }

  /** The one version a label points at now; a split label (A/B) cannot back a fixed API version. */
  private async resolveLabel(manager: EntityManager, version: ApiVersionRow): Promise<number> {
    const label = await this.prompts.label(manager, version.promptId, version.promptLabel!);
    if (!label) throw sourceInvalid(`prompt '${version.promptSlug}' no longer has a label '${version.promptLabel}'`, 'promptLabel');
    if (label.targets.length !== 1) throw sourceInvalid(`label '${version.promptLabel}' is split between versions; name a version instead`, 'promptLabel');
    return label.targets[0]!.version;
  }

  /** A version of the product that is still a draft, locked. */
  private async draft(manager: EntityManager, product: ApiProductRow, number: number): Promise<ApiVersionRow> {
    const version = await this.findVersion(manager, product, number, true);
    if (version.state !== 'draft') {
      throw new PorticoError(ErrorCode.API_VERSION_NOT_DRAFT, `v${number} of '${product.slug}' is ${version.state}; only a draft can be changed or deleted`, { status: 409, details: { state: version.state } });
    }
    return version;
  }

  /** A version's source, checked: the prompt exists in the workspace, with that version or label. */
  private async source(manager: EntityManager, workspaceId: string, slug: string, promptVersion: number | null, promptLabel: string | null, output: VersionSource['output']): Promise<VersionSource> {
    const prompt = await this.prompts.find(manager, workspaceId, slug);
    if (!prompt) throw sourceInvalid(`prompt '${slug}' not found in this workspace`, 'prompt');
    if (promptVersion !== null && !(await this.prompts.version(manager, prompt.id, promptVersion))) throw sourceInvalid(`prompt '${slug}' has no version ${promptVersion}`, 'promptVersion');
    if (promptLabel !== null && !(await this.prompts.label(manager, prompt.id, promptLabel))) throw sourceInvalid(`prompt '${slug}' has no label '${promptLabel}'`, 'promptLabel');
    return { promptId: prompt.id, promptVersion, promptLabel, output };
  }

  private find(manager: EntityManager, workspaceId: string, slug: string, lock = false): Promise<ApiProductRow> {
    return this.moves.product(manager, workspaceId, slug, lock);
  }

  private findVersion(manager: EntityManager, product: ApiProductRow, number: number, lock = false): Promise<ApiVersionRow> {
    return this.moves.version(manager, product, number, lock);
  }
}

function sourceInvalid(message: string, param: string): PorticoError {
  return new PorticoError(ErrorCode.API_VERSION_SOURCE_INVALID, message, { status: 422, details: { param } });
}

/** The partial unique index that keeps a public slug to one product across workspaces. */
function isPublicSlugTaken(error: unknown): boolean {
  const candidate = error as { constraint?: string; driverError?: { constraint?: string } };
  return isUniqueViolation(error) && (candidate.constraint ?? candidate.driverError?.constraint) === 'api_products_public_slug';
}

function publicSlugTaken(slug: string): PorticoError {
  return new PorticoError(ErrorCode.API_PRODUCT_SLUG_TAKEN, `another workspace publishes a public API '${slug}': a public slug names one API for every caller; pick another slug or keep it workspace-only`, {
    status: 409,
    details: { slug },
  });
}
