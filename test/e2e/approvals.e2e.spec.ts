import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVAL_GATEWAY, type ApprovalGateway } from '../../src/approvals/approval-engine.contract';
import type { DirectlyRequestableKind } from '../../src/approvals/approval-kinds';
import { ErrorCode } from '../../src/common/errors';
import { UsagePolicySnapshot } from '../../src/usage/enforcement/usage-policy-snapshot';
import { verifyWebhookSignature } from '../../src/webhooks/webhook-signature';
import { createMember, createWorkspace, type TestUser } from '../support/auth-helpers';
import { type FakeWebhookReceiver, startWebhookReceiver } from '../support/fakes/webhook-receiver';
import { startTestApp, type TestApp } from '../support/test-app';

type Method = 'GET' | 'POST' | 'PUT';

/** A kind the spec registers for itself: filing it through the API records a row, approving it marks the row. */
const NOTE_KIND = 'e2e_note';

describe('approvals through the admin API', () => {
  let subject: TestApp;
  let receiver: FakeWebhookReceiver;
  let secret: string;
  let workspaceId: string;
  let otherWorkspaceId: string;
  let developer: TestUser;
  let approver: TestUser;
  let admin: TestUser;
  let viewer: TestUser;
  let budgetId: string;

  const call = async (method: Method, path: string, user: TestUser, payload?: unknown, workspace = workspaceId) => {
    const response = await subject.app.inject({ method, url: `/admin/workspaces/${workspace}${path}`, headers: user.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
    return { status: response.statusCode, body: response.body ? response.json() : undefined };
  };
  const fileIncrease = (limitUsd: number, user = developer) => call('POST', '/approvals', user, { kind: 'budget_increase', subject: { budgetId, limitUsd }, reason: 'launch week' });
  const toDecide = async (user: TestUser): Promise<string[]> => (await call('GET', '/approvals?toDecide=true', user)).body.items.map((item: { id: string }) => item.id);
  const auditOf = async (resourceId: string): Promise<{ action: string; actor_id: string }[]> =>
    subject.app.get(DataSource).query(`SELECT action, actor_id FROM audit_entries WHERE resource_id = $1 ORDER BY seq`, [resourceId]);

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    subject = await startTestApp({ PORTICO_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true' });
    workspaceId = (await createWorkspace(subject.app)).id;
    otherWorkspaceId = (await createWorkspace(subject.app)).id;
    developer = await createMember(subject.app, workspaceId, 'developer');
    approver = await createMember(subject.app, workspaceId, 'approver');
    admin = await createMember(subject.app, workspaceId, 'admin');
    viewer = await createMember(subject.app, workspaceId, 'viewer');
    const endpoint = await call('POST', '/webhooks', admin, { url: receiver.url, eventTypes: ['approval.*'] });
    secret = endpoint.body.secret;
    budgetId = (await call('POST', '/budgets', admin, { scope: 'workspace', period: 'month', limitUsd: 10 })).body.id;

    const notes: DirectlyRequestableKind<{ text: string }> = {
      kind: NOTE_KIND,
      describe: (note) => `note "${note.text}"`,
      prepareRequest: async (_manager, _workspaceId, input) => ({ subject: { text: String((input as { text?: unknown }).text) }, subjectKey: `note:${String((input as { text?: unknown }).text)}` }),
      onApproved: async (manager, request) => {
        await manager.query(`INSERT INTO e2e_notes (request_id, text) VALUES ($1, $2)`, [request.id, request.subject.text]);
      },
    };
    await subject.app.get(DataSource).query(`CREATE TABLE e2e_notes (request_id uuid PRIMARY KEY, text text NOT NULL)`);
    subject.app.get<ApprovalGateway>(APPROVAL_GATEWAY).registerKind(notes);
  });
  afterAll(async () => {
    await subject?.close();
    await receiver?.close();
  });

  it('files a budget increase, lists it to those who may decide it, lets an approver approve it, and raises the budget everywhere', async () => {
    const filed = await fileIncrease(25);
    expect(filed.status).toBe(201);
    const request = filed.body;
    expect(request).toMatchObject({
      kind: 'budget_increase',
      state: 'pending',
      subject: { budgetId, limitUsd: 25 },
      subjectKey: `budget:${budgetId}`,
      summary: `budget ${budgetId} → $25`,
      requestedBy: `user:${developer.id}`,
      reason: 'launch week',
      requiredApprovals: 1,
      approvals: 0,
      decisions: [],
      autoApproved: false,
    });

    expect(await toDecide(approver)).toContain(request.id);
    expect(await toDecide(admin)).toContain(request.id);
    expect(await toDecide(developer)).toEqual([]);
    expect(await toDecide(viewer)).toEqual([]);
    expect((await call('GET', '/approvals?mine=true', developer)).body.items.map((item: { id: string }) => item.id)).toEqual([request.id]);
    expect((await call('GET', '/approvals?mine=true', approver)).body.items).toEqual([]);

    const byViewer = await call('POST', `/approvals/${request.id}/approve`, viewer, {});
    expect(byViewer).toMatchObject({ status: 403, body: { error: { code: ErrorCode.FORBIDDEN } } });
    expect((await call('POST', `/approvals/${request.id}/approve`, developer, {})).status).toBe(403);

    const approved = await call('POST', `/approvals/${request.id}/approve`, approver, { comment: 'go' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ state: 'approved', approvals: 1, decisions: [{ approver: `user:${approver.id}`, decision: 'approve', comment: 'go' }] });
    expect((await call('GET', `/budgets/${budgetId}`, viewer)).body.limitUsd).toBe(25);
    // The data plane's snapshot hears the change through NOTIFY and enforces the new limit.
    await expect.poll(() => subject.app.get(UsagePolicySnapshot, { strict: false }).budget(budgetId)?.limitNanoUsd, { timeout: 5_000 }).toBe(25e9);
    expect(await toDecide(admin)).not.toContain(request.id);

    expect((await call('POST', `/approvals/${request.id}/approve`, admin, {})).body.error.code).toBe(ErrorCode.APPROVAL_INVALID_TRANSITION);
    expect((await call('GET', `/approvals/${request.id}`, viewer)).body).toMatchObject({ state: 'approved', decidedAt: expect.any(String) });

    expect(await auditOf(request.id)).toEqual([
      { action: 'approval.create', actor_id: developer.id },
      { action: 'approval.approve', actor_id: approver.id },
    ]);
    expect(await auditOf(budgetId)).toEqual(expect.arrayContaining([{ action: 'budget.update', actor_id: `approval:${request.id}` }]));

    const received = await receiver.waitForRequests(3);
    expect(received.map((hook) => JSON.parse(hook.body).type).sort()).toEqual(['approval.budget_increase.approved', 'approval.budget_increase.decision', 'approval.budget_increase.pending']);
    for (const hook of received) {
      expect(verifyWebhookSignature(secret, hook.headers, hook.body, 300)).toMatchObject({ valid: true });
      expect(JSON.parse(hook.body).data.request).toMatchObject({ id: request.id, kind: 'budget_increase', subject: { budgetId, limitUsd: 25 } });
    }
  });

  it('refuses a second pending request for the same budget, unknown kinds, bad subjects and decreases', async () => {
    const first = await fileIncrease(40);
    expect(first.status).toBe(201);
    const second = await fileIncrease(50, admin);
    expect(second).toMatchObject({ status: 409, body: { error: { code: ErrorCode.APPROVAL_ALREADY_PENDING } } });

    expect((await call('POST', '/approvals', developer, { kind: 'teleport', subject: {} })).body.error.code).toBe(ErrorCode.APPROVAL_KIND_UNKNOWN);
    expect((await call('POST', '/approvals', developer, { kind: 'budget_increase', subject: { budgetId, limitUsd: -1 } })).status).toBe(422);
    expect((await call('POST', '/approvals', developer, { kind: 'budget_increase', subject: { budgetId } })).status).toBe(422);
    expect((await call('POST', '/approvals', developer, { kind: 'budget_increase', subject: { budgetId, limitUsd: 5 } })).status).toBe(422);
    expect((await call('POST', '/approvals', viewer, { kind: 'budget_increase', subject: { budgetId, limitUsd: 99 } })).status).toBe(403);
    const otherAdmin = await createMember(subject.app, otherWorkspaceId, 'admin');
    const foreignBudget = (await call('POST', '/budgets', otherAdmin, { scope: 'workspace', period: 'day', limitUsd: 1 }, otherWorkspaceId)).body.id;
    const foreign = await call('POST', '/approvals', developer, { kind: 'budget_increase', subject: { budgetId: foreignBudget, limitUsd: 2 } });
    expect(foreign).toMatchObject({ status: 422, body: { error: { code: ErrorCode.VALIDATION_FAILED } } });

    expect((await call('POST', `/approvals/${first.body.id}/cancel`, viewer)).status).toBe(403);
    expect((await call('POST', `/approvals/${first.body.id}/cancel`, approver)).status).toBe(403);
    const cancelled = await call('POST', `/approvals/${first.body.id}/cancel`, developer);
    expect(cancelled.body.state).toBe('cancelled');
    expect((await call('POST', `/approvals/${first.body.id}/cancel`, developer)).body.error.code).toBe(ErrorCode.APPROVAL_INVALID_TRANSITION);
    expect((await call('GET', `/approvals/${first.body.id}`, admin, undefined, otherWorkspaceId)).status).toBe(404);

    const again = await fileIncrease(45);
    expect(again.status).toBe(201);
    expect((await call('POST', `/approvals/${again.body.id}/cancel`, admin)).body.state).toBe('cancelled');
    expect((await auditOf(again.body.id)).map((entry) => entry.action)).toEqual(['approval.create', 'approval.cancel']);
  });

  it('rejects with a required comment; one rejection closes the request', async () => {
    const request = (await fileIncrease(60)).body;
    expect((await call('POST', `/approvals/${request.id}/reject`, approver, {})).status).toBe(400);
    const rejected = await call('POST', `/approvals/${request.id}/reject`, approver, { comment: 'not this month' });
    expect(rejected.body).toMatchObject({ state: 'rejected', decisions: [{ decision: 'reject', comment: 'not this month' }] });
    expect((await call('GET', `/budgets/${budgetId}`, viewer)).body.limitUsd).toBe(25);
    expect((await call('GET', '/approvals?state=rejected', viewer)).body.items.map((item: { id: string }) => item.id)).toEqual([request.id]);
  });

  it('applies a policy of two distinct approvers, changeable only by someone who may approve the kind', async () => {
    expect((await call('GET', '/approval-policies/budget_increase', viewer)).body).toMatchObject({ requiredApprovals: 1, isDefault: true, allowSelfApproval: false });
    expect((await call('PUT', '/approval-policies/budget_increase', developer, { requiredApprovals: 2 })).status).toBe(403);
    expect((await call('PUT', '/approval-policies/budget_increase', approver, { requiredApprovals: 2 })).status).toBe(403);
    expect((await call('PUT', '/approval-policies/nothing_like_this', admin, {})).body.error.code).toBe(ErrorCode.APPROVAL_KIND_UNKNOWN);
    const policy = await call('PUT', '/approval-policies/budget_increase', admin, { requiredApprovals: 2 });
    expect(policy).toMatchObject({ status: 200, body: { kind: 'budget_increase', requiredApprovals: 2, approverPermission: 'approvals:approve', isDefault: false } });
    expect(await auditOf('budget_increase')).toEqual([{ action: 'approval_policy.update', actor_id: admin.id }]);

    const request = (await fileIncrease(30)).body;
    expect(request.requiredApprovals).toBe(2);
    expect((await call('POST', `/approvals/${request.id}/approve`, approver, {})).body).toMatchObject({ state: 'pending', approvals: 1 });
    expect((await call('POST', `/approvals/${request.id}/approve`, approver, {})).body.error.code).toBe(ErrorCode.APPROVAL_ALREADY_DECIDED);
    expect(await toDecide(approver)).not.toContain(request.id);
    expect(await toDecide(admin)).toContain(request.id);
    expect((await call('POST', `/approvals/${request.id}/approve`, admin, {})).body).toMatchObject({ state: 'approved', approvals: 2 });
    expect((await call('GET', `/budgets/${budgetId}`, viewer)).body.limitUsd).toBe(30);
  });

  it('keeps budgets nested: an approval that would lift a budget above the one containing it fails and leaves the request pending', async () => {
    const inner = (await call('POST', '/budgets', admin, { scope: 'user', scopeId: developer.id, period: 'month', limitUsd: 10 })).body.id;
    const request = (await call('POST', '/approvals', developer, { kind: 'budget_increase', subject: { budgetId: inner, limitUsd: 100 } })).body;
    await call('PUT', '/approval-policies/budget_increase', admin, { requiredApprovals: 1 });
    const refused = await call('POST', `/approvals/${request.id}/approve`, approver, {});
    expect(refused).toMatchObject({ status: 422, body: { error: { code: ErrorCode.VALIDATION_FAILED, details: { conflictingBudgetId: budgetId } } } });
    expect((await call('GET', `/approvals/${request.id}`, viewer)).body).toMatchObject({ state: 'pending', approvals: 0, decisions: [] });
    expect((await call('GET', `/budgets/${inner}`, viewer)).body.limitUsd).toBe(10);
    expect((await call('POST', `/approvals/${request.id}/reject`, approver, { comment: 'raise the workspace first' })).body.state).toBe('rejected');
  });

  it("keeps the requester's own request out of their toDecide list under four eyes, and refuses their approval", async () => {
    await call('PUT', `/approval-policies/${NOTE_KIND}`, admin, {});
    const filed = await call('POST', '/approvals', admin, { kind: NOTE_KIND, subject: { text: 'hello' } });
    expect(filed.status).toBe(201);
    expect(await toDecide(admin)).not.toContain(filed.body.id);
    expect(await toDecide(approver)).toContain(filed.body.id);
    expect((await call('POST', `/approvals/${filed.body.id}/approve`, admin, {})).body.error.code).toBe(ErrorCode.APPROVAL_SELF_APPROVAL);
    expect((await call('POST', `/approvals/${filed.body.id}/approve`, approver, {})).body.state).toBe('approved');
    expect(await subject.app.get(DataSource).query(`SELECT text FROM e2e_notes WHERE request_id = $1`, [filed.body.id])).toEqual([{ text: 'hello' }]);
  });

  it('applies at once, recorded as auto-approved, when the policy turns approval off', async () => {
    await call('PUT', `/approval-policies/${NOTE_KIND}`, admin, { enabled: false });
    const filed = await call('POST', '/approvals', developer, { kind: NOTE_KIND, subject: { text: 'no wait' } });
    expect(filed).toMatchObject({ status: 201, body: { state: 'approved', autoApproved: true } });
    expect(await subject.app.get(DataSource).query(`SELECT text FROM e2e_notes WHERE request_id = $1`, [filed.body.id])).toEqual([{ text: 'no wait' }]);
    expect((await auditOf(filed.body.id)).map((entry) => entry.action)).toEqual(['approval.auto_approved']);
  });

  it('pages newest first with a cursor', async () => {
    const first = await call('GET', '/approvals?limit=2', viewer);
    expect(first.body.items).toHaveLength(2);
    const rest = await call('GET', `/approvals?limit=100&cursor=${first.body.nextCursor}`, viewer);
    const all = await call('GET', '/approvals?limit=100', viewer);
    expect([...first.body.items, ...rest.body.items].map((item: { id: string }) => item.id)).toEqual(all.body.items.map((item: { id: string }) => item.id));
    expect(rest.body.nextCursor).toBeNull();
    expect((await call('GET', '/approvals?state=nonsense', viewer)).status).toBe(400);
  });
});
