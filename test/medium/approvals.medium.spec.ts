import { randomBytes, randomUUID } from 'node:crypto';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApprovalKindHandler } from '../../src/approvals/approval-engine.contract';
import { ApprovalKindRegistry } from '../../src/approvals/approval-kinds';
import { ApprovalService } from '../../src/approvals/approval.service';
import { type ApprovalRequestRow, ApprovalsRepository } from '../../src/approvals/approvals.repository';
import { AuditTrail } from '../../src/audit/audit-log/audit-trail';
import { AuthorizationService } from '../../src/auth/authz/authorization.service';
import { PolicyRepository } from '../../src/auth/authz/policy.repository';
import type { RequestContext } from '../../src/auth/principal';
import { PgChangeBus } from '../../src/common/change-bus/pg-change-bus';
import { SecretBox } from '../../src/common/crypto/secret-box';
import { ErrorCode } from '../../src/common/errors';
import { unprocessable } from '../../src/common/http/problems';
import { connectDataSource } from '../../src/database/data-source';
import { runPendingMigrations } from '../../src/database/migration-runner';
import { WebhookDeliveriesRepository } from '../../src/webhooks/webhook-deliveries.repository';
import { WebhookEndpointsRepository } from '../../src/webhooks/webhook-endpoints.repository';
import { WebhookOutbox } from '../../src/webhooks/webhook-outbox';
import { newSecret } from '../../src/webhooks/webhook-secrets';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const silent = pino({ level: 'silent' });
const KIND = 'test_change';

interface Change {
  name: string;
  /** The side effect throws (a coded 422), as a module's would when its precondition no longer holds. */
  fail?: boolean;
}

/**
 * A kind whose side effect is a row in `test_effects`: written in the deciding transaction, so
 * counting rows counts committed side effects.
 */
const testKind: ApprovalKindHandler<Change> = {
  kind: KIND,
  describe: (subject) => `change ${subject.name}`,
  async onApproved(manager, request) {
    if (request.subject.fail) throw unprocessable('the change cannot be applied any more');
    await manager.query(`INSERT INTO test_effects (request_id, effect) VALUES ($1, 'applied')`, [request.id]);
  },
  async onClosed(manager, request) {
    await manager.query(`INSERT INTO test_effects (request_id, effect) VALUES ($1, $2)`, [request.id, request.state]);
  },
};

interface Engine {
  dataSource: DataSource;
  service: ApprovalService;
}

describe('the approval engine on a real Postgres', () => {
  let database: TestDatabase;
  let bus: PgChangeBus;
  let authz: AuthorizationService;
  let authzSource: DataSource;
  let main: Engine;
  let other: Engine;
  let workspaceId: string;
  let requester: RequestContext;
  let approverA: RequestContext;
  let approverB: RequestContext;
  let viewer: RequestContext;

  const engine = async (): Promise<Engine> => {
    const dataSource = await connectDataSource({ url: database.url, poolSize: 8 });
    const outbox = new WebhookOutbox(new WebhookEndpointsRepository(dataSource), new WebhookDeliveriesRepository(dataSource));
    const service = new ApprovalService(new ApprovalsRepository(dataSource), new ApprovalKindRegistry(), authz, new AuditTrail(), outbox);
    service.registerKind(testKind);
    return { dataSource, service };
  };
  const member = async (role: string): Promise<RequestContext> => {
    const [{ id }] = await main.dataSource.query(`INSERT INTO users (email, display_name) VALUES ($1, 'member') RETURNING id`, [`${role}-${randomBytes(4).toString('hex')}@example.com`]);
    await main.dataSource.transaction((manager) => new PolicyRepository().setRole(manager, `user:${id}`, workspaceId, role));
    await authz.reload();
    return { requestId: `req-${randomBytes(4).toString('hex')}`, ip: '127.0.0.1', principal: { kind: 'user', id, subject: `user:${id}`, isSuperadmin: false, via: 'access_token' } };
  };
  const submit = (subject: Change, options: { ctx?: RequestContext; key?: string; service?: ApprovalService; source?: DataSource } = {}) =>
    (options.source ?? main.dataSource).transaction((manager) =>
      (options.service ?? main.service).submit(manager, options.ctx ?? requester, { workspaceId, kind: KIND, subject, subjectKey: options.key ?? `change:${subject.name}`, reason: 'because' }),
    );
  const filed = async (subject: Change, options: Parameters<typeof submit>[1] = {}): Promise<ApprovalRequestRow> => {
    const outcome = await submit(subject, options);
    if (!outcome.required) throw new Error('expected a pending request');
    return outcome.request as ApprovalRequestRow;
  };
  const setPolicy = (values: { required?: number; enabled?: boolean; self?: boolean; expiresAfterSeconds?: number | null; permission?: string }) =>
    main.dataSource.query(
      `INSERT INTO approval_policies (workspace_id, kind, enabled, required_approvals, allow_self_approval, expires_after_seconds, approver_permission, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'test')`,
      [workspaceId, KIND, values.enabled ?? true, values.required ?? 1, values.self ?? false, values.expiresAfterSeconds === undefined ? 3600 : values.expiresAfterSeconds, values.permission ?? 'approvals:approve'],
    );
  const effects = async (requestId: string): Promise<string[]> =>
    (await main.dataSource.query(`SELECT effect FROM test_effects WHERE request_id = $1 ORDER BY at`, [requestId])).map((row: { effect: string }) => row.effect);
  const stateOf = async (requestId: string): Promise<string> => (await main.dataSource.query(`SELECT state FROM approval_requests WHERE id = $1`, [requestId]))[0].state;
  const decisions = async (requestId: string) => main.dataSource.query(`SELECT approver, decision FROM approval_decisions WHERE request_id = $1 ORDER BY decided_at`, [requestId]);
  const auditActions = async (requestId: string): Promise<string[]> =>
    (await main.dataSource.query(`SELECT action FROM audit_entries WHERE resource_id = $1 ORDER BY seq`, [requestId])).map((row: { action: string }) => row.action);
  const eventTypes = async (requestId: string): Promise<string[]> =>
    (await main.dataSource.query(`SELECT type FROM webhook_events WHERE body::jsonb -> 'data' -> 'request' ->> 'id' = $1 ORDER BY created_at, type`, [requestId])).map((row: { type: string }) => row.type);
  const codeOf = (promise: Promise<unknown>) => promise.then(() => 'ok', (error: { code?: string }) => error.code ?? String(error));

  beforeAll(async () => {
    database = await createTestDatabase();
    const migrator = await connectDataSource({ url: database.url, poolSize: 1 });
    await runPendingMigrations(migrator);
    await migrator.query(`CREATE TABLE test_effects (request_id uuid NOT NULL, effect text NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())`);
    await migrator.query(`CREATE TABLE test_locks (id integer PRIMARY KEY)`);
    await migrator.query(`INSERT INTO test_locks VALUES (1)`);
    await migrator.destroy();
    bus = new PgChangeBus(database.url, silent);
    await bus.start();
    authzSource = await connectDataSource({ url: database.url, poolSize: 2 });
    authz = new AuthorizationService(authzSource, bus, silent);
    await authz.start();
    main = await engine();
    other = await engine();
  });
  afterAll(async () => {
    authz?.stop();
    await bus?.stop();
    for (const source of [main?.dataSource, other?.dataSource, authzSource]) await source?.destroy();
    await database?.drop();
  });
  beforeEach(async () => {
    [{ id: workspaceId }] = await main.dataSource.query(`INSERT INTO workspaces (slug, name) VALUES ($1, 'W') RETURNING id`, [`w-${randomBytes(4).toString('hex')}`]);
    const { sealed } = newSecret(new SecretBox(randomBytes(32)));
    await main.dataSource.transaction((manager) =>
      new WebhookEndpointsRepository(main.dataSource).insert(manager, workspaceId, { url: 'https://hooks.example.com/x', description: '', eventTypes: ['approval.*'], enabled: true }, { ...sealed, previousSecretEnc: null, previousSecretExpiresAt: null }),
    );
    requester = await member('approver');
    approverA = await member('approver');
    approverB = await member('admin');
    viewer = await member('viewer');
  });

  describe('four eyes', () => {
    it('refuses the requester, lets a second approver approve, and applies the change once with its audit entries and webhooks', async () => {
      const request = await filed({ name: 'greeting' });
      expect(request).toMatchObject({ state: 'pending', requestedBy: requester.principal.subject, kind: KIND, subject: { name: 'greeting' } });
      expect(request.expiresAt!.getTime() - request.createdAt.getTime()).toBe(7 * 86_400_000);

      expect(await codeOf(main.service.approve(requester, workspaceId, request.id, null))).toBe(ErrorCode.APPROVAL_SELF_APPROVAL);
      expect(await codeOf(main.service.reject(requester, workspaceId, request.id, 'no'))).toBe(ErrorCode.APPROVAL_SELF_APPROVAL);
      expect(await codeOf(main.service.approve(viewer, workspaceId, request.id, null))).toBe(ErrorCode.FORBIDDEN);
      expect(await decisions(request.id)).toEqual([]);

      const approved = await main.service.approve(approverA, workspaceId, request.id, 'looks right');
      expect(approved).toMatchObject({ state: 'approved', decidedAt: expect.any(Date) });
      expect(await effects(request.id)).toEqual(['applied']);
      expect(await auditActions(request.id)).toEqual(['approval.create', 'approval.approve']);
      expect(await eventTypes(request.id)).toEqual(expect.arrayContaining([`approval.${KIND}.pending`, `approval.${KIND}.decision`, `approval.${KIND}.approved`]));
      expect(await eventTypes(request.id)).toHaveLength(3);

      expect(await codeOf(main.service.approve(approverB, workspaceId, request.id, null))).toBe(ErrorCode.APPROVAL_INVALID_TRANSITION);
      expect(await effects(request.id)).toEqual(['applied']);
    });

    it('lets the requester decide only when the policy allows self-approval', async () => {
      await setPolicy({ self: true });
      const request = await filed({ name: 'solo' });
      expect((await main.service.approve(requester, workspaceId, request.id, null)).state).toBe('approved');
    });

    it("asks for the policy's permission, not only approvals:approve", async () => {
      await setPolicy({ permission: 'budgets:write' });
      const request = await filed({ name: 'spend' });
      expect(await codeOf(main.service.approve(approverA, workspaceId, request.id, null))).toBe(ErrorCode.FORBIDDEN);
      expect((await main.service.approve(approverB, workspaceId, request.id, null)).state).toBe('approved');
    });
  });

  describe('concurrency', () => {
    it('runs the side effect exactly once when two approvals arrive at the same instant (policy: 1 approval)', async () => {
      for (let round = 0; round < 10; round++) {
        const request = await filed({ name: `race-${round}` });
        const outcomes = await Promise.all([
          codeOf(main.service.approve(approverA, workspaceId, request.id, null)),
          codeOf(other.service.approve(approverB, workspaceId, request.id, null)),
        ]);
        expect(outcomes.sort()).toEqual(['PORTICO_ERR_APPROVAL_INVALID_TRANSITION', 'ok']);
        expect(await effects(request.id)).toEqual(['applied']);
        expect(await decisions(request.id)).toHaveLength(1);
        expect(await eventTypes(request.id)).toEqual(expect.arrayContaining([`approval.${KIND}.approved`]));
        expect((await eventTypes(request.id)).filter((type) => type.endsWith('.approved'))).toHaveLength(1);
      }
    });

    it('needs two distinct approvers when the policy says 2; the same approver twice counts once, even at the same instant', async () => {
      await setPolicy({ required: 2 });
      const request = await filed({ name: 'two-keys' });

      const twice = await Promise.all([
        codeOf(main.service.approve(approverA, workspaceId, request.id, 'first')),
        codeOf(other.service.approve(approverA, workspaceId, request.id, 'again')),
      ]);
      expect(twice.sort()).toEqual(['PORTICO_ERR_APPROVAL_ALREADY_DECIDED', 'ok']);
      expect(await stateOf(request.id)).toBe('pending');
      expect(await effects(request.id)).toEqual([]);

      expect((await main.service.approve(approverB, workspaceId, request.id, null)).state).toBe('approved');
      expect(await effects(request.id)).toEqual(['applied']);
      expect(await decisions(request.id)).toEqual([
        { approver: approverA.principal.subject, decision: 'approve' },
        { approver: approverB.principal.subject, decision: 'approve' },
      ]);
      expect((await eventTypes(request.id)).filter((type) => type.endsWith('.decision'))).toHaveLength(2);
    });

    it('approves exactly once when two distinct approvers complete a two-approval policy at the same instant', async () => {
      await setPolicy({ required: 2 });
      for (let round = 0; round < 5; round++) {
        const request = await filed({ name: `pair-${round}` });
        const outcomes = await Promise.all([
          codeOf(main.service.approve(approverA, workspaceId, request.id, null)),
          codeOf(other.service.approve(approverB, workspaceId, request.id, null)),
        ]);
        expect(outcomes).toEqual(['ok', 'ok']);
        expect(await stateOf(request.id)).toBe('approved');
        expect(await effects(request.id)).toEqual(['applied']);
      }
    });
  });

  describe('lock order', () => {
    it("files a subject while the filer holds a row that the pending request's approval is waiting for, without a deadlock", async () => {
      const locking: ApprovalKindHandler<Change> = {
        ...testKind,
        kind: 'test_locking',
        async onApproved(manager, request) {
          await manager.query(`SELECT 1 FROM test_locks WHERE id = 1 FOR UPDATE`);
          await manager.query(`INSERT INTO test_effects (request_id, effect) VALUES ($1, 'applied')`, [request.id]);
        },
      };
      main.service.registerKind(locking);
      const input = { workspaceId, kind: 'test_locking', subject: { name: 'row' }, subjectKey: 'row:1' };
      const pending = await main.dataSource.transaction((manager) => main.service.submit(manager, requester, input));
      const requestId = (pending as { request: { id: string } }).request.id;

      const filer = await main.dataSource.createQueryRunner();
      await filer.connect();
      await filer.startTransaction();
      try {
        await filer.query(`SELECT 1 FROM test_locks WHERE id = 1 FOR UPDATE`);
        const approving = main.service.approve(approverA, workspaceId, requestId, null);
        await expect
          .poll(async () => (await main.dataSource.query(`SELECT count(*)::int AS count FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%test_locks%'`))[0].count, { timeout: 5_000 })
          .toBe(1);
        const again = await main.service.submit(filer.manager, approverB, input);
        expect(again).toMatchObject({ required: true, request: { id: requestId } });
        await filer.commitTransaction();
        expect((await approving).state).toBe('approved');
      } finally {
        if (filer.isTransactionActive) await filer.rollbackTransaction();
        await filer.release();
      }
      expect(await effects(requestId)).toEqual(['applied']);
    });
  });

  describe('one pending request per subject key', () => {
    it('returns the pending request to a second submission, also when submissions race, and files anew once it is decided', async () => {
      const first = await filed({ name: 'label' });
      const again = await filed({ name: 'label' }, { ctx: approverA });
      expect(again.id).toBe(first.id);

      const racing = await Promise.all(Array.from({ length: 6 }, (_, index) => filed({ name: 'racy' }, index % 2 ? { service: other.service, source: other.dataSource } : {})));
      expect(new Set(racing.map((request) => request.id)).size).toBe(1);
      const [{ count }] = await main.dataSource.query(`SELECT count(*)::int AS count FROM approval_requests WHERE subject_key = 'change:racy'`);
      expect(count).toBe(1);

      await main.service.reject(approverA, workspaceId, first.id, 'not now');
      const next = await filed({ name: 'label' });
      expect(next.id).not.toBe(first.id);
      expect(await effects(first.id)).toEqual(['rejected']);
    });

    it('is enforced by the database, not only by the engine', async () => {
      const request = await filed({ name: 'db-guard' });
      await expect(
        main.dataSource.query(`INSERT INTO approval_requests (workspace_id, kind, subject, subject_key, requested_by) VALUES ($1, $2, '{}', $3, 'user:x')`, [workspaceId, KIND, request.subjectKey]),
      ).rejects.toMatchObject({ code: '23505' });
      await main.service.cancel(requester, workspaceId, request.id);
      await expect(main.dataSource.query(`UPDATE approval_requests SET state = 'pending', decided_at = NULL WHERE id = $1`, [request.id])).rejects.toThrow(/final state/);
    });
  });

  describe('closing without approval', () => {
    it('rejects on any rejection, even when more approvals are required, and runs onClosed', async () => {
      await setPolicy({ required: 2 });
      const request = await filed({ name: 'risky' });
      await main.service.approve(approverA, workspaceId, request.id, null);
      const rejected = await main.service.reject(approverB, workspaceId, request.id, 'too risky');
      expect(rejected.state).toBe('rejected');
      expect(await effects(request.id)).toEqual(['rejected']);
      expect(await auditActions(request.id)).toEqual(['approval.create', 'approval.approve', 'approval.reject']);
      expect(await eventTypes(request.id)).toEqual(expect.arrayContaining([`approval.${KIND}.rejected`]));
    });

    it('lets the requester cancel, and someone with approvals:write cancel anyone\'s, but not an approver or a viewer', async () => {
      const own = await filed({ name: 'mine' });
      expect((await main.service.cancel(requester, workspaceId, own.id)).state).toBe('cancelled');
      expect(await effects(own.id)).toEqual(['cancelled']);

      const theirs = await filed({ name: 'theirs' });
      expect(await codeOf(main.service.cancel(approverA, workspaceId, theirs.id))).toBe(ErrorCode.FORBIDDEN);
      expect(await codeOf(main.service.cancel(viewer, workspaceId, theirs.id))).toBe(ErrorCode.FORBIDDEN);
      expect((await main.service.cancel(approverB, workspaceId, theirs.id)).state).toBe('cancelled');
      expect(await codeOf(main.service.cancel(requester, workspaceId, theirs.id))).toBe(ErrorCode.APPROVAL_INVALID_TRANSITION);
      expect(await auditActions(theirs.id)).toEqual(['approval.create', 'approval.cancel']);
    });

    it('finds nothing in another workspace', async () => {
      const request = await filed({ name: 'scoped' });
      expect(await codeOf(main.service.approve(approverA, randomUUID(), request.id, null))).toBe(ErrorCode.NOT_FOUND);
      expect(await codeOf(main.service.cancel(requester, randomUUID(), request.id))).toBe(ErrorCode.NOT_FOUND);
    });
  });

  describe('expiry', () => {
    it('expires overdue requests once across two sweeping processes, as the system, and runs onClosed', async () => {
      await setPolicy({ expiresAfterSeconds: 60 });
      const requests = await Promise.all(Array.from({ length: 12 }, (_, index) => filed({ name: `old-${index}` })));
      const kept = await filed({ name: 'young' });
      await main.dataSource.query(`UPDATE approval_requests SET expires_at = now() + interval '1 hour' WHERE id = $1`, [kept.id]);

      const expiredRows = async () => (await main.dataSource.query(`SELECT count(*)::int AS count FROM approval_requests WHERE state = 'expired'`))[0].count;
      const before = await expiredRows();
      expect((await main.service.expireDue()).expired).toBe(0);
      const inTwoMinutes = new Date(Date.now() + 120_000);
      const [a, b] = await Promise.all([main.service.expireDue(inTwoMinutes), other.service.expireDue(inTwoMinutes)]);
      expect(a.expired + b.expired).toBe((await expiredRows()) - before);
      expect([...a.failed, ...b.failed]).toEqual([]);

      for (const request of requests) {
        expect(await stateOf(request.id)).toBe('expired');
        expect(await effects(request.id)).toEqual(['expired']);
        expect(await auditActions(request.id)).toEqual(['approval.create', 'approval.expire']);
        expect((await eventTypes(request.id)).filter((type) => type === `approval.${KIND}.expired`)).toHaveLength(1);
      }
      const [actor] = await main.dataSource.query(`SELECT actor_kind, actor_id FROM audit_entries WHERE resource_id = $1 AND action = 'approval.expire'`, [requests[0]!.id]);
      expect(actor).toEqual({ actor_kind: 'system', actor_id: 'approval-expiry' });
      expect(await stateOf(kept.id)).toBe('pending');
    });

    it('expires an overdue request the sweeper has not reached when someone tries to decide it, and refuses the decision', async () => {
      const request = await filed({ name: 'late' });
      await main.dataSource.query(`UPDATE approval_requests SET expires_at = now() - interval '1 second' WHERE id = $1`, [request.id]);
      expect(await codeOf(main.service.approve(approverA, workspaceId, request.id, null))).toBe(ErrorCode.APPROVAL_INVALID_TRANSITION);
      expect(await stateOf(request.id)).toBe('expired');
      expect(await decisions(request.id)).toEqual([]);

      const fresh = await filed({ name: 'late' });
      expect(fresh.id).not.toBe(request.id);
    });

    it('keeps a request pending and reports it when its onClosed fails, and expires the others', async () => {
      const failing: ApprovalKindHandler<Change> = { ...testKind, kind: 'test_flaky', onClosed: async () => Promise.reject(new Error('clean-up failed')) };
      main.service.registerKind(failing);
      const flaky = await main.dataSource.transaction((manager) => main.service.submit(manager, requester, { workspaceId, kind: 'test_flaky', subject: { name: 'f' }, subjectKey: 'f' }));
      const normal = await filed({ name: 'normal' });
      const outcome = await main.service.expireDue(new Date(Date.now() + 8 * 86_400_000));
      const flakyId = (flaky as { request: { id: string } }).request.id;
      expect(outcome.failed.map((failure) => failure.id)).toEqual([flakyId]);
      expect(await stateOf(flakyId)).toBe('pending');
      expect(await stateOf(normal.id)).toBe('expired');
    });
  });

  describe('side effects', () => {
    it('rolls the decision back when the side effect fails: still pending, no decision, no audit entry, no webhook', async () => {
      const request = await filed({ name: 'broken', fail: true });
      expect(await codeOf(main.service.approve(approverA, workspaceId, request.id, null))).toBe(ErrorCode.VALIDATION_FAILED);
      expect(await stateOf(request.id)).toBe('pending');
      expect(await decisions(request.id)).toEqual([]);
      expect(await auditActions(request.id)).toEqual(['approval.create']);
      expect(await eventTypes(request.id)).toEqual([`approval.${KIND}.pending`]);
      expect((await main.service.reject(approverA, workspaceId, request.id, 'cannot apply')).state).toBe('rejected');
    });

    it("applies at once in the caller's transaction when the policy requires no approval, and audits it", async () => {
      await setPolicy({ enabled: false });
      const outcome = await submit({ name: 'free' });
      expect(outcome).toEqual({ required: false });
      const [row] = await main.dataSource.query(`SELECT id, state, auto_approved FROM approval_requests WHERE subject_key = 'change:free' AND workspace_id = $1`, [workspaceId]);
      expect(row).toMatchObject({ state: 'approved', auto_approved: true });
      expect(await effects(row.id)).toEqual(['applied']);
      expect(await auditActions(row.id)).toEqual(['approval.auto_approved']);
      expect(await eventTypes(row.id)).toEqual([`approval.${KIND}.approved`]);

      // The caller's transaction fails afterwards: the change, its record and its audit entry go with it.
      await expect(
        main.dataSource.transaction(async (manager) => {
          await main.service.submit(manager, requester, { workspaceId, kind: KIND, subject: { name: 'undone' }, subjectKey: 'change:undone' });
          throw new Error('the caller failed');
        }),
      ).rejects.toThrow('the caller failed');
      const [{ count }] = await main.dataSource.query(`SELECT count(*)::int AS count FROM approval_requests WHERE subject_key = 'change:undone'`);
      expect(count).toBe(0);
    });

    it('refuses kinds nobody registered', async () => {
      const outcome = main.dataSource.transaction((manager) => main.service.submit(manager, requester, { workspaceId, kind: 'nobody_knows', subject: {}, subjectKey: 'k' }));
      expect(await codeOf(outcome)).toBe(ErrorCode.APPROVAL_KIND_UNKNOWN);
    });
  });
});
