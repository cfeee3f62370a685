import type { EntityManager } from 'typeorm';
import type { ApprovalGateway } from '../../approvals/approval-engine.contract';
import type { AuditTrail } from '../../audit/audit-log/audit-trail';
import type { RequestContext } from '../../auth/principal';
import { notFound, unprocessable } from '../../common/http/problems';
import type { ApiVersionState } from '../api-product-catalog';
import { toApprovalSummary } from '../prompt-api-views';
import type { DeprecateInput, RetireInput, SubmitInput, SubmitOutcomeDto } from '../prompt-apis.dto';
import { assertMove } from './api-version-lifecycle';

type ApprovalSummary = NonNullable<SubmitOutcomeDto['approvalRequest']>;

/** What the version moves need from a product's repository (prompt APIs and REST APIs both have one). */
export interface VersionedStore<TProduct extends { id: string; slug: string }, TVersion extends { id: string; state: ApiVersionState }, TMove> {
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
  find(manager: EntityManager, workspaceId: string, slug: string, lock?: boolean): Promise<TProduct | undefined>;
  version(manager: EntityManager, productId: string, number: number, lock?: boolean): Promise<TVersion | undefined>;
  moveVersion(manager: EntityManager, product: TProduct, version: TVersion, state: ApiVersionState, move?: TMove): Promise<TVersion>;
}

/** How one kind of API names itself in errors and audit entries, and shows a version. */
export interface VersionedKind<TVersion, TDto> {
  /** `API product`, `REST API`: in 404s. */
  readonly productNoun: string;
  readonly versionNoun: string;
  /** Audit `resourceType` of a version and the prefix of its actions (`<prefix>.submit`, `.deprecate`, `.retire`). */
  readonly resourceType: string;
  readonly actionPrefix: string;
  readonly approvalKind: string;
  toDto(version: TVersion): TDto;
}

/** The approval a submission files, and what `draft → in_review` fixes on the version. */
export interface Submission<TMove> {
  readonly subject: object;
  readonly subjectKey: string;
  readonly move?: TMove;
}

export type SubmitOutcome<TDto> =
  | { status: 200; body: { outcome: 'published'; version: TDto; approvalRequest: null } }
  | { status: 202; body: { outcome: 'pending_approval'; version: TDto; approvalRequest: ApprovalSummary } };

type LifecycleMove = { approvalRequestId?: string | null; deprecatedAt?: Date | null; sunsetAt?: Date | null; retiredAt?: Date | null; successorVersion?: number | null };

/**
 * The lifecycle moves every versioned API shares — submit for publication, deprecate, retire —
 * each in one transaction with its audit entry, over the kind's own repository.
 */
export class VersionMoves<TProduct extends { id: string; slug: string }, TVersion extends { id: string; state: ApiVersionState }, TMove extends LifecycleMove, TDto> {
  constructor(
    private readonly store: VersionedStore<TProduct, TVersion, TMove>,
    private readonly audit: AuditTrail,
    private readonly approvals: ApprovalGateway,
    private readonly kind: VersionedKind<TVersion, TDto>,
  ) {}

  async product(manager: EntityManager, workspaceId: string, slug: string, lock = false): Promise<TProduct> {
    const product = await this.store.find(manager, workspaceId, slug, lock);
    if (!product) throw notFound(this.kind.productNoun);
    return product;
  }

  async version(manager: EntityManager, product: TProduct, number: number, lock = false): Promise<TVersion> {
    const version = await this.store.version(manager, product.id, number, lock);
    if (!version) throw notFound(this.kind.versionNoun);
    return version;
  }

  /**
   * `draft → in_review` and the publication request (`prepare` fixes what the approver approves);
   * published at once when the workspace's policy requires no approval.
   */
  async submit(
    ctx: RequestContext,
    workspaceId: string,
    slug: string,
    number: number,
    input: SubmitInput,
    prepare: (manager: EntityManager, product: TProduct, version: TVersion) => Promise<Submission<TMove>>,
  ): Promise<SubmitOutcome<TDto>> {
    return this.store.transaction(async (manager) => {
      const product = await this.product(manager, workspaceId, slug, true);
      const before = await this.version(manager, product, number, true);
      assertMove(before.state, 'in_review');
      const submission = await prepare(manager, product, before);
      const inReview = await this.store.moveVersion(manager, product, before, 'in_review', submission.move);
      const outcome = await this.approvals.submit(manager, ctx, { workspaceId, kind: this.kind.approvalKind, subject: submission.subject, subjectKey: submission.subjectKey, reason: input.reason ?? null });
      const after = outcome.required
        ? await this.store.moveVersion(manager, product, inReview, 'in_review', { approvalRequestId: outcome.request.id } as TMove)
        : await this.version(manager, product, number);
      await this.recordMove(manager, ctx, workspaceId, 'submit', before, after);
      const version = this.kind.toDto(after);
      if (!outcome.required) return { status: 200, body: { outcome: 'published', version, approvalRequest: null } };
      return { status: 202, body: { outcome: 'pending_approval', version, approvalRequest: toApprovalSummary(outcome.request) } };
    });
  }

  /** `published → deprecated`: the version keeps answering, with `Deprecation` and `Sunset` headers. */
  deprecate(ctx: RequestContext, workspaceId: string, slug: string, number: number, input: DeprecateInput): Promise<TDto> {
    if (input.sunset.getTime() <= Date.now()) throw unprocessable('the sunset date must be in the future', { issues: [{ path: 'sunset', message: 'must be in the future' }] });
    return this.move(ctx, workspaceId, slug, number, 'deprecated', 'deprecate', async () => ({ deprecatedAt: new Date(), sunsetAt: input.sunset }) as TMove);
  }

  /** `deprecated → retired`: the version answers 410 naming `successor`, a published version of the same product. */
  retire(ctx: RequestContext, workspaceId: string, slug: string, number: number, input: RetireInput): Promise<TDto> {
    return this.move(ctx, workspaceId, slug, number, 'retired', 'retire', async (manager, product) => {
      const successor = input.successor === number ? undefined : await this.store.version(manager, product.id, input.successor);
      if (successor?.state !== 'published') {
        throw unprocessable(`the successor must be another, published version of '${product.slug}'`, { issues: [{ path: 'successor', message: `v${input.successor} is ${successor?.state ?? (input.successor === number ? 'this version' : 'unknown')}` }] });
      }
      return { retiredAt: new Date(), successorVersion: input.successor } as TMove;
    });
  }

  private async move(
    ctx: RequestContext,
    workspaceId: string,
    slug: string,
    number: number,
    state: ApiVersionState,
    action: string,
    changes: (manager: EntityManager, product: TProduct) => Promise<TMove>,
  ): Promise<TDto> {
    return this.store.transaction(async (manager) => {
      const product = await this.product(manager, workspaceId, slug, true);
      const before = await this.version(manager, product, number, true);
      assertMove(before.state, state);
      const after = await this.store.moveVersion(manager, product, before, state, await changes(manager, product));
      await this.recordMove(manager, ctx, workspaceId, action, before, after);
      return this.kind.toDto(after);
    });
  }

  private recordMove(manager: EntityManager, ctx: RequestContext, workspaceId: string, action: string, before: TVersion, after: TVersion): Promise<void> {
    const { resourceType, actionPrefix, toDto } = this.kind;
    return this.audit.record(manager, ctx, { action: `${actionPrefix}.${action}`, workspaceId, resourceType, resourceId: before.id, before: toDto(before), after: toDto(after) });
  }
}
