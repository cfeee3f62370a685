import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ApprovalRequestView, ApprovalState } from './approval-engine.contract';
import { asPermission, type StoredApprovalPolicy } from './approval-policy';

export interface ApprovalRequestRow extends ApprovalRequestView<unknown> {
  /** Filed while the kind's policy required no approval: approved on arrival. */
  readonly autoApproved: boolean;
  readonly updatedAt: Date;
  readonly decidedAt: Date | null;
}

export type ApprovalVerdict = 'approve' | 'reject';

export interface ApprovalDecisionRow {
  readonly requestId: string;
  readonly approver: string;
  readonly decision: ApprovalVerdict;
  readonly comment: string | null;
  readonly decidedAt: Date;
}

export interface NewApprovalRequest {
  readonly workspaceId: string;
  readonly kind: string;
  readonly subject: unknown;
  readonly subjectKey: string;
  readonly requestedBy: string;
  readonly reason: string | null;
}

/** Who may decide what, resolved by the service from casbin: the repository only filters by it. */
export interface DecidableBy {
  readonly subject: string;
  /** Kinds with a stored policy whose approver permission the caller holds. */
  readonly kinds: readonly string[];
  /** Every kind with a stored policy in the workspace (the others follow the default). */
  readonly policyKinds: readonly string[];
  /** Whether the caller holds the default approver permission. */
  readonly defaultAllowed: boolean;
  /** Kinds whose policy lets the requester decide their own request. */
  readonly selfAllowedKinds: readonly string[];
}

export interface RequestFilter {
  readonly state?: ApprovalState;
  readonly kind?: string;
  readonly requestedBy?: string;
  readonly decidableBy?: DecidableBy;
}

interface RequestRecord {
  id: string;
  workspace_id: string;
  kind: string;
  subject: unknown;
  subject_key: string;
  state: ApprovalState;
  auto_approved: boolean;
  requested_by: string;
  reason: string | null;
  expires_at: Date | null;
  created_at: Date;
  updated_at: Date;
  decided_at: Date | null;
}

interface DecisionRecord {
  request_id: string;
  approver: string;
  decision: ApprovalVerdict;
  comment: string | null;
  decided_at: Date;
}

interface PolicyRecord {
  kind: string;
  enabled: boolean;
  required_approvals: number;
  approver_permission: string;
  allow_self_approval: boolean;
  expires_after_seconds: number | null;
}

const REQUEST = `id, workspace_id, kind, subject, subject_key, state, auto_approved, requested_by, reason, expires_at, created_at, updated_at, decided_at`;
const OVERDUE = `(expires_at IS NOT NULL AND expires_at <= now()) AS overdue`;
const DECISION = `request_id, approver, decision, comment, decided_at`;
const POLICY = `kind, enabled, required_approvals, approver_permission, allow_self_approval, expires_after_seconds`;

/** The only code that touches `approval_requests`, `approval_decisions` and `approval_policies`. */
@Injectable()
export class ApprovalsRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Files a pending request; undefined when one is already pending for the kind and subject key. */
  async insertPending(manager: EntityManager, values: NewApprovalRequest, expiresAfterSeconds: number | null): Promise<ApprovalRequestRow | undefined> {
    const rows: RequestRecord[] = await manager.query(
      `INSERT INTO approval_requests (workspace_id, kind, subject, subject_key, requested_by, reason, expires_at)
       VALUES ($1, $2, $3::jsonb, $4, $5, $6, now() + make_interval(secs => $7::integer))
       ON CONFLICT (workspace_id, kind, subject_key) WHERE state = 'pending' DO NOTHING
       RETURNING ${REQUEST}`,
      [values.workspaceId, values.kind, JSON.stringify(values.subject), values.subjectKey, values.requestedBy, values.reason, expiresAfterSeconds],
    );
    return rows[0] && toRequest(rows[0]);
  }

  /** A request approved on arrival (its kind needs no approval in the workspace), kept as history. */
  async insertAutoApproved(manager: EntityManager, values: NewApprovalRequest): Promise<ApprovalRequestRow> {
    const rows: RequestRecord[] = await manager.query(
      `INSERT INTO approval_requests (workspace_id, kind, subject, subject_key, requested_by, reason, state, auto_approved, decided_at)
       VALUES ($1, $2, $3::jsonb, $4, $5, $6, 'approved', true, now())
       RETURNING ${REQUEST}`,
      [values.workspaceId, values.kind, JSON.stringify(values.subject), values.subjectKey, values.requestedBy, values.reason],
    );
    return toRequest(rows[0]!);
  }

  /**
   * The pending request for a subject as committed now, without locking it: a filer that holds its
   * own rows (the prompt it promotes) must not wait for a decision that waits for those rows.
   * `overdue` when its expiry passed before the sweeper saw it.
   */
  async pendingFor(manager: EntityManager, workspaceId: string, kind: string, subjectKey: string): Promise<{ request: ApprovalRequestRow; overdue: boolean } | undefined> {
    const rows: (RequestRecord & { overdue: boolean })[] = await manager.query(
      `SELECT ${REQUEST}, ${OVERDUE} FROM approval_requests WHERE workspace_id = $1 AND kind = $2 AND subject_key = $3 AND state = 'pending'`,
      [workspaceId, kind, subjectKey],
    );
    return rows[0] && { request: toRequest(rows[0]), overdue: rows[0].overdue };
  }

  /** Locks a request if it is still pending and overdue and nobody else holds it (`SKIP LOCKED`). */
  async lockOverdue(manager: EntityManager, workspaceId: string, id: string): Promise<ApprovalRequestRow | undefined> {
    const rows: RequestRecord[] = await manager.query(
      `SELECT ${REQUEST} FROM approval_requests WHERE workspace_id = $1 AND id = $2 AND state = 'pending' AND expires_at <= now() FOR UPDATE SKIP LOCKED`,
      [workspaceId, id],
    );
    return rows[0] && toRequest(rows[0]);
  }

  /** Locks one request of the workspace: every decision on it waits here, then reads its latest state. */
  async lock(manager: EntityManager, workspaceId: string, id: string): Promise<{ request: ApprovalRequestRow; overdue: boolean } | undefined> {
    const rows: (RequestRecord & { overdue: boolean })[] = await manager.query(
      `SELECT ${REQUEST}, ${OVERDUE} FROM approval_requests WHERE workspace_id = $1 AND id = $2 FOR UPDATE`,
      [workspaceId, id],
    );
    return rows[0] && { request: toRequest(rows[0]), overdue: rows[0].overdue };
  }

  async find(workspaceId: string, id: string): Promise<ApprovalRequestRow | undefined> {
    const rows: RequestRecord[] = await this.dataSource.query(`SELECT ${REQUEST} FROM approval_requests WHERE workspace_id = $1 AND id = $2`, [workspaceId, id]);
    return rows[0] && toRequest(rows[0]);
  }

  /** Moves a pending request to a final state; undefined when it was not pending. */
  async finish(manager: EntityManager, workspaceId: string, id: string, state: Exclude<ApprovalState, 'pending'>): Promise<ApprovalRequestRow | undefined> {
    const rows: [RequestRecord[], number] = await manager.query(
      `UPDATE approval_requests SET state = $3, decided_at = now(), updated_at = now() WHERE workspace_id = $1 AND id = $2 AND state = 'pending' RETURNING ${REQUEST}`,
      [workspaceId, id, state],
    );
    return rows[0][0] && toRequest(rows[0][0]);
  }

  /** One pending request past its expiry that no other process holds, locked (`SKIP LOCKED`). */
  async claimOverdue(manager: EntityManager, asOf: Date | null, skip: readonly string[]): Promise<ApprovalRequestRow | undefined> {
    const rows: RequestRecord[] = await manager.query(
      `SELECT ${REQUEST} FROM approval_requests
       WHERE state = 'pending' AND expires_at <= coalesce($1::timestamptz, now()) AND NOT (id = ANY($2::uuid[]))
       ORDER BY expires_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [asOf, skip],
    );
    return rows[0] && toRequest(rows[0]);
  }

  /** Records one approver's decision; undefined when that approver already decided this request. */
  async insertDecision(manager: EntityManager, request: ApprovalRequestRow, approver: string, decision: ApprovalVerdict, comment: string | null): Promise<ApprovalDecisionRow | undefined> {
    const rows: DecisionRecord[] = await manager.query(
      `INSERT INTO approval_decisions (request_id, workspace_id, approver, decision, comment) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (request_id, approver) DO NOTHING RETURNING ${DECISION}`,
      [request.id, request.workspaceId, approver, decision, comment],
    );
    return rows[0] && toDecision(rows[0]);
  }

  async countApprovals(manager: EntityManager, requestId: string): Promise<number> {
    const [row]: { count: number }[] = await manager.query(`SELECT count(*)::int AS count FROM approval_decisions WHERE request_id = $1 AND decision = 'approve'`, [requestId]);
    return row!.count;
  }

  async decisionsOf(workspaceId: string, requestIds: readonly string[]): Promise<ApprovalDecisionRow[]> {
    if (requestIds.length === 0) return [];
    const rows: DecisionRecord[] = await this.dataSource.query(
      `SELECT ${DECISION} FROM approval_decisions WHERE workspace_id = $1 AND request_id = ANY($2::uuid[]) ORDER BY decided_at, id`,
      [workspaceId, requestIds],
    );
    return rows.map(toDecision);
  }

  /** Newest first; `after` is the id of the last request of the previous page. */
  async page(workspaceId: string, filter: RequestFilter, after: string | null, limit: number): Promise<ApprovalRequestRow[]> {
    const params: unknown[] = [workspaceId];
    const where = ['r.workspace_id = $1'];
    const bind = (value: unknown) => `$${params.push(value)}`;
    if (filter.state) where.push(`r.state = ${bind(filter.state)}`);
    if (filter.kind) where.push(`r.kind = ${bind(filter.kind)}`);
    if (filter.requestedBy) where.push(`r.requested_by = ${bind(filter.requestedBy)}`);
    const decider = filter.decidableBy;
    if (decider) {
      const subject = bind(decider.subject);
      where.push(
        `r.state = 'pending'`,
        `(r.expires_at IS NULL OR r.expires_at > now())`,
        `(r.kind = ANY(${bind(decider.kinds)}::text[]) OR (${bind(decider.defaultAllowed)}::boolean AND NOT r.kind = ANY(${bind(decider.policyKinds)}::text[])))`,
        `(r.requested_by <> ${subject} OR r.kind = ANY(${bind(decider.selfAllowedKinds)}::text[]))`,
        `NOT EXISTS (SELECT 1 FROM approval_decisions d WHERE d.request_id = r.id AND d.approver = ${subject})`,
      );
    }
    if (after) {
      where.push(`(r.created_at, r.id) < (SELECT c.created_at, c.id FROM approval_requests c WHERE c.workspace_id = $1 AND c.id = ${bind(after)})`);
    }
    const rows: RequestRecord[] = await this.dataSource.query(
      `SELECT ${REQUEST.split(', ').map((column) => `r.${column}`).join(', ')} FROM approval_requests r
       WHERE ${where.join(' AND ')} ORDER BY r.created_at DESC, r.id DESC LIMIT ${bind(limit)}`,
      params,
    );
    return rows.map(toRequest);
  }

  async policy(manager: EntityManager, workspaceId: string, kind: string): Promise<StoredApprovalPolicy | undefined> {
    const rows: PolicyRecord[] = await manager.query(`SELECT ${POLICY} FROM approval_policies WHERE workspace_id = $1 AND kind = $2`, [workspaceId, kind]);
    return rows[0] && toPolicy(rows[0]);
  }

  findPolicy(workspaceId: string, kind: string): Promise<StoredApprovalPolicy | undefined> {
    return this.policy(this.dataSource.manager, workspaceId, kind);
  }

  async policies(workspaceId: string): Promise<StoredApprovalPolicy[]> {
    const rows: PolicyRecord[] = await this.dataSource.query(`SELECT ${POLICY} FROM approval_policies WHERE workspace_id = $1 ORDER BY kind`, [workspaceId]);
    return rows.map(toPolicy);
  }

  async savePolicy(manager: EntityManager, workspaceId: string, policy: StoredApprovalPolicy, updatedBy: string): Promise<StoredApprovalPolicy> {
    const rows: PolicyRecord[] = await manager.query(
      `INSERT INTO approval_policies (workspace_id, kind, enabled, required_approvals, approver_permission, allow_self_approval, expires_after_seconds, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (workspace_id, kind) DO UPDATE SET enabled = EXCLUDED.enabled, required_approvals = EXCLUDED.required_approvals,
         approver_permission = EXCLUDED.approver_permission, allow_self_approval = EXCLUDED.allow_self_approval,
         expires_after_seconds = EXCLUDED.expires_after_seconds, updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING ${POLICY}`,
      [workspaceId, policy.kind, policy.enabled, policy.requiredApprovals, policy.approverPermission, policy.allowSelfApproval, policy.expiresAfterSeconds, updatedBy],
    );
    return toPolicy(rows[0]!);
  }

  /** Serialises policy changes of one kind in one workspace (the row may not exist yet). */
  async lockPolicy(manager: EntityManager, workspaceId: string, kind: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`approval_policy:${workspaceId}:${kind}`]);
  }
}

function toRequest(row: RequestRecord): ApprovalRequestRow {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    kind: row.kind,
    subject: row.subject,
    subjectKey: row.subject_key,
    state: row.state,
    autoApproved: row.auto_approved,
    requestedBy: row.requested_by,
    reason: row.reason,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    decidedAt: row.decided_at,
  };
}

function toDecision(row: DecisionRecord): ApprovalDecisionRow {
  return { requestId: row.request_id, approver: row.approver, decision: row.decision, comment: row.comment, decidedAt: row.decided_at };
}

function toPolicy(row: PolicyRecord): StoredApprovalPolicy {
  return {
    kind: row.kind,
    enabled: row.enabled,
    requiredApprovals: row.required_approvals,
    approverPermission: asPermission(row.approver_permission),
    allowSelfApproval: row.allow_self_approval,
    expiresAfterSeconds: row.expires_after_seconds,
  };
}
