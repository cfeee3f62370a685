import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../auth/principal';

/**
 * The contract between the approval engine (`src/approvals`) and the modules that need approvals
 * (prompt promotions, API publications, subscriptions, budget increases, …). The engine implements
 * {@link ApprovalGateway}; a module registers one {@link ApprovalKindHandler} per kind at startup.
 */

export type ApprovalState = 'pending' | 'approved' | 'rejected' | 'cancelled' | 'expired';

/** An approval request as handlers and callers see it. */
export interface ApprovalRequestView<TSubject = unknown> {
  readonly id: string;
  readonly workspaceId: string;
  /** e.g. `prompt_promotion`, `api_publication`, `subscription`, `budget_increase`. */
  readonly kind: string;
  /** What is to be approved, as the requesting module described it (JSON, no secrets). */
  readonly subject: TSubject;
  /** A stable key for the subject (e.g. `prompt:<id>:label:production`): at most one pending request per kind and key. */
  readonly subjectKey: string;
  readonly state: ApprovalState;
  /** `user:<id>` or `sa:<id>`. */
  readonly requestedBy: string;
  readonly reason: string | null;
  readonly createdAt: Date;
  readonly expiresAt: Date | null;
}

/** What a module does when a request of its kind is decided. Runs in the deciding transaction. */
export interface ApprovalKindHandler<TSubject = unknown> {
  readonly kind: string;
  /** Human-readable one-liner for lists and webhooks, e.g. "prompt 'greeting' v3 → production". */
  describe(subject: TSubject): string;
  /**
   * Who else, besides the requester, counts as "self" under four eyes (`user:<id>` / `sa:<id>`),
   * e.g. the authors of the versions a promotion publishes: they may not approve it either.
   */
  interestedParties?(subject: TSubject): readonly string[];
  /**
   * The side effect of approval (the label moves, the subscription activates). Called exactly once,
   * inside the same transaction as the decision that completed the approval; throwing rolls the
   * decision back (the request stays pending) and the error reaches the approver.
   */
  onApproved(manager: EntityManager, request: ApprovalRequestView<TSubject>): Promise<void>;
  /** Optional clean-up when a request ends without approval (rejected, cancelled or expired). */
  onClosed?(manager: EntityManager, request: ApprovalRequestView<TSubject>): Promise<void>;
}

export interface SubmitApproval<TSubject = unknown> {
  readonly workspaceId: string;
  readonly kind: string;
  readonly subject: TSubject;
  readonly subjectKey: string;
  readonly reason?: string | null;
}

/** The outcome of {@link ApprovalGateway.submit}. */
export type SubmitOutcome<TSubject = unknown> =
  /** The workspace's policy requires no approval for this kind: the handler's `onApproved` already ran in `manager`. */
  | { readonly required: false }
  /** A pending request was filed (or the existing pending one for the same kind and subject key returned). */
  | { readonly required: true; readonly request: ApprovalRequestView<TSubject> };

export interface ApprovalGateway {
  registerKind<TSubject>(handler: ApprovalKindHandler<TSubject>): void;
  /**
   * Files an approval request inside the caller's transaction, per the workspace's policy for the
   * kind. When no approval is required, applies the change at once (calls `onApproved` in `manager`)
   * and still records it in the audit log.
   */
  submit<TSubject>(manager: EntityManager, ctx: RequestContext, input: SubmitApproval<TSubject>): Promise<SubmitOutcome<TSubject>>;
}

/** Injection token of the engine (the implementation is the approvals module's `ApprovalService`). */
export const APPROVAL_GATEWAY = Symbol('ApprovalGateway');
