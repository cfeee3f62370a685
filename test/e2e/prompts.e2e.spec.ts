import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PromptSnapshot } from '../../src/prompts/runtime/prompt-snapshot';
import { createMember, type TestUser } from '../support/auth-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

const BOOTSTRAP_KEY = 'e2e-prompts-bootstrap-key-0123456789abc';
const admin = { authorization: `Bearer ${BOOTSTRAP_KEY}` };

const summarise = {
  messages: [
    { role: 'system', content: 'You summarise for {{audience}}.{{#strict}} Never exceed {{limit}} words.{{/strict}}' },
    { role: 'user', content: 'Summarise: {{text}}' },
  ],
  model: 'mock/mock-chat',
  parameters: { temperature: 0.2, max_tokens: 64 },
  inputSchema: {
    type: 'object',
    properties: {
      audience: { enum: ['experts', 'children'] },
      strict: { type: 'boolean' },
      limit: { type: 'integer', minimum: 1 },
      text: { type: 'string', minLength: 1 },
    },
    required: ['audience', 'text'],
    additionalProperties: false,
  },
  commitMessage: 'first draft',
};

/** The prompt registry's admin API: prompts, immutable versions, diffs, render previews, labels and promotions. */
describe('prompt registry admin API', () => {
  let subject: TestApp;
  let workspaceId: string;
  let base: string;

  const call = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = admin) => {
    const response = await subject.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
    if (method !== 'GET' && response.statusCode < 300) await subject.app.get(PromptSnapshot, { strict: false }).reloadAll();
    return response;
  };

  beforeAll(async () => {
    subject = await startTestApp({ PORTICO_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY });
    const rows: { workspace_id: string }[] = await subject.app.get(DataSource).query(`SELECT workspace_id FROM api_keys LIMIT 1`);
    workspaceId = rows[0]!.workspace_id;
    base = `/admin/workspaces/${workspaceId}/prompts`;
  });
  afterAll(async () => {
    await subject?.close();
  });

  describe('prompts and versions', () => {
    it('creates a prompt with version 1, lists, reads, renames and deletes it', async () => {
      const created = await call('POST', base, { slug: 'crud', name: 'CRUD', description: 'for the test', version: summarise });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({ slug: 'crud', name: 'CRUD', latestVersion: 1, labels: [], createdBy: expect.stringMatching(/^sa:/) });
      expect((await call('POST', base, { slug: 'crud', name: 'again' })).statusCode).toBe(409);
      expect((await call('GET', base)).json().map((prompt: { slug: string }) => prompt.slug)).toContain('crud');
      const renamed = await call('PATCH', `${base}/crud`, { name: 'Renamed', description: null });
      expect(renamed.json()).toMatchObject({ name: 'Renamed', description: null, latestVersion: 1 });
      expect((await call('GET', `${base}/crud`)).json().name).toBe('Renamed');
      expect((await call('DELETE', `${base}/crud`)).statusCode).toBe(204);
      expect((await call('GET', `${base}/crud`)).statusCode).toBe(404);
      expect((await call('GET', `${base}/crud/versions`)).statusCode).toBe(404);
    });

    it('saves versions 1, 2, … with their author and refuses a stale base version (409)', async () => {
      expect((await call('POST', base, { slug: 'versioned', name: 'Versioned' })).json().latestVersion).toBe(0);
      const first = await call('POST', `${base}/versioned/versions`, { ...summarise, baseVersion: 0 });
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json()).toMatchObject({ version: 1, model: 'mock/mock-chat', parameters: { temperature: 0.2, max_tokens: 64 }, commitMessage: 'first draft', author: expect.stringMatching(/^sa:/) });
      const second = await call('POST', `${base}/versioned/versions`, { ...summarise, parameters: { temperature: 0.9 }, commitMessage: 'warmer', baseVersion: 1 });
      expect(second.json().version).toBe(2);
      const stale = await call('POST', `${base}/versioned/versions`, { ...summarise, baseVersion: 1 });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error).toMatchObject({ code: 'PORTICO_ERR_PROMPT_VERSION_CONFLICT', details: { latestVersion: 2 } });
      const listed = await call('GET', `${base}/versioned/versions`);
      expect(listed.json().map((version: { version: number; commitMessage: string }) => [version.version, version.commitMessage])).toEqual([
        [1, 'first draft'],
        [2, 'warmer'],
      ]);
      expect((await call('GET', `${base}/versioned/versions/2`)).json()).toMatchObject({ version: 2, parameters: { temperature: 0.9 } });
      expect((await call('GET', `${base}/versioned/versions/7`)).statusCode).toBe(404);
      expect((await call('GET', `${base}/versioned/versions/x`)).statusCode).toBe(404);
    });

    it('never changes a saved version: no route does, and the database refuses an UPDATE', async () => {
      await call('POST', base, { slug: 'immutable', name: 'Immutable', version: summarise });
      for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
        const response = await call(method, `${base}/immutable/versions/1`, method === 'DELETE' ? undefined : { commitMessage: 'rewritten' });
        expect(response.statusCode, method).toBe(404);
      }
      const dataSource = subject.app.get(DataSource);
      const update = dataSource.query(`UPDATE prompt_versions SET commit_message = 'rewritten' WHERE number = 1 AND prompt_id = (SELECT id FROM prompts WHERE slug = 'immutable' AND workspace_id = $1)`, [workspaceId]);
      await expect(update).rejects.toThrow(/prompt versions are immutable/);
      expect((await call('GET', `${base}/immutable/versions/1`)).json().commitMessage).toBe('first draft');
    });

    it('refuses templates that read undeclared variables, use partials or do not parse (400, every problem)', async () => {
      await call('POST', base, { slug: 'strict', name: 'Strict' });
      const undeclared = await call('POST', `${base}/strict/versions`, {
        ...summarise,
        messages: [{ role: 'user', content: 'Hi {{name}}, about {{topic}}: {{text}}' }],
      });
      expect(undeclared.statusCode).toBe(400);
      expect(undeclared.json().error.code).toBe('PORTICO_ERR_PROMPT_TEMPLATE_INVALID');
      expect(undeclared.json().error.details.issues).toEqual([
        { path: 'messages[0].content', message: '{{name}} is not declared in inputSchema.properties' },
        { path: 'messages[0].content', message: '{{topic}} is not declared in inputSchema.properties' },
      ]);
      const partial = await call('POST', `${base}/strict/versions`, { ...summarise, messages: [{ role: 'user', content: '{{> header}} {{text}}' }] });
      expect(partial.json().error.details.issues).toEqual([{ path: 'messages[0].content', message: 'partials are not supported ({{> header}})' }]);
      const broken = await call('POST', `${base}/strict/versions`, { ...summarise, messages: [{ role: 'user', content: '{{#text}} never closed' }] });
      expect(broken.statusCode).toBe(400);
      const notAnObject = await call('POST', `${base}/strict/versions`, { ...summarise, inputSchema: { type: 'string' } });
      expect(notAnObject.json().error.details.issues[0].path).toBe('inputSchema.type');
      expect((await call('GET', `${base}/strict`)).json().latestVersion).toBe(0);
    });

    it('infers an input schema when a version has none', async () => {
      await call('POST', base, { slug: 'inferred', name: 'Inferred' });
      const saved = await call('POST', `${base}/inferred/versions`, { messages: [{ role: 'user', content: 'Hello {{name}}' }], model: 'mock/mock-chat' });
      expect(saved.json().inputSchema).toEqual({ type: 'object', properties: { name: { type: ['string', 'number', 'boolean'] } }, required: ['name'], additionalProperties: false });
    });
  });

  describe('render and diff', () => {
    beforeAll(async () => {
      await call('POST', base, { slug: 'renderable', name: 'Renderable', version: summarise });
      await call('POST', `${base}/renderable/versions`, {
        ...summarise,
        messages: [summarise.messages[0], { role: 'user', content: 'Summarise briefly:\n{{text}}' }],
        parameters: { temperature: 0.5, max_tokens: 64, seed: 7 },
        commitMessage: 'briefer',
      });
    });

    it('renders the latest version, a version or a label, without HTML escaping', async () => {
      const rendered = await call('POST', `${base}/renderable/render`, { variables: { audience: 'experts', strict: true, limit: 50, text: 'Tom & "Jerry" <3' } });
      expect(rendered.statusCode, rendered.body).toBe(200);
      expect(rendered.json()).toEqual({
        prompt: 'renderable',
        version: 2,
        label: null,
        model: 'mock/mock-chat',
        parameters: { temperature: 0.5, max_tokens: 64, seed: 7 },
        messages: [
          { role: 'system', content: 'You summarise for experts. Never exceed 50 words.' },
          { role: 'user', content: 'Summarise briefly:\nTom & "Jerry" <3' },
        ],
      });
      const first = await call('POST', `${base}/renderable/render`, { version: 1, variables: { audience: 'children', text: 'x' } });
      expect(first.json().messages[1].content).toBe('Summarise: x');
      await call('PUT', `${base}/renderable/labels/staging`, { version: 1 });
      expect((await call('POST', `${base}/renderable/render`, { label: 'staging', variables: { audience: 'children', text: 'x' } })).json()).toMatchObject({ version: 1, label: 'staging' });
      expect((await call('POST', `${base}/renderable/render`, { label: 'nope', variables: {} })).statusCode).toBe(404);
    });

    it('answers 422 listing each missing or ill-typed variable', async () => {
      const response = await call('POST', `${base}/renderable/render`, { variables: { audience: 'aliens', strict: 'yes', limit: 0, extra: 1 } });
      expect(response.statusCode).toBe(422);
      const error = response.json().error;
      expect(error.code).toBe('PORTICO_ERR_PROMPT_VARIABLES_INVALID');
      expect(error.details.issues).toEqual(
        expect.arrayContaining([
          { path: 'text', message: 'is required' },
          { path: 'audience', message: 'must be one of "experts", "children"' },
          { path: 'strict', message: 'must be boolean' },
          { path: 'limit', message: 'must be >= 1' },
          { path: 'extra', message: 'is not a declared variable' },
        ]),
      );
      expect(error.details.issues).toHaveLength(5);
      for (const issue of error.details.issues) expect(error.message).toContain(`${issue.path} ${issue.message}`);
    });

    it('diffs two versions: template lines and parameter fields', async () => {
      const diff = await call('GET', `${base}/renderable/diff?from=1&to=2`);
      expect(diff.statusCode, diff.body).toBe(200);
      expect(diff.json()).toMatchObject({ from: 1, to: 2, linesAdded: 2, linesRemoved: 1 });
      expect(diff.json().patch).toContain('-Summarise: {{text}}');
      expect(diff.json().patch).toContain('+Summarise briefly:');
      expect(diff.json().fields).toEqual([
        { path: 'parameters.seed', to: 7 },
        { path: 'parameters.temperature', from: 0.2, to: 0.5 },
      ]);
      expect((await call('GET', `${base}/renderable/diff`)).json()).toMatchObject({ from: 1, to: 2 });
      expect((await call('GET', `${base}/renderable/diff?from=1&to=9`)).statusCode).toBe(404);
      expect((await call('GET', `${base}/renderable/diff?from=abc`)).statusCode).toBe(400);
    });
  });

  describe('labels and promotions', () => {
    let author: TestUser;
    let secondApprover: TestUser;
    let thirdApprover: TestUser;

    beforeAll(async () => {
      author = await createMember(subject.app, workspaceId, 'admin');
      secondApprover = await createMember(subject.app, workspaceId, 'approver');
      thirdApprover = await createMember(subject.app, workspaceId, 'admin');
      const created = await call('POST', base, { slug: 'promoted', name: 'Promoted', version: summarise }, author.headers);
      expect(created.statusCode, created.body).toBe(201);
      await call('POST', `${base}/promoted/versions`, { ...summarise, commitMessage: 'v2' }, author.headers);
      await call('POST', `${base}/promoted/versions`, { ...summarise, commitMessage: 'v3' }, author.headers);
    });

    it('moves a staging label at once (200), splits by weight, and audits every move', async () => {
      const moved = await call('PUT', `${base}/promoted/labels/staging`, { version: 2 }, author.headers);
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json()).toMatchObject({ outcome: 'moved', approvalRequest: null, label: { name: 'staging', protected: false, targets: [{ version: 2, weight: 100 }] } });
      const split = await call('PUT', `${base}/promoted/labels/canary`, { versions: [{ version: 2, weight: 90 }, { version: 3, weight: 10 }] }, author.headers);
      expect(split.json().label.targets).toMatchObject([{ version: 2, weight: 90 }, { version: 3, weight: 10 }]);
      expect((await call('PUT', `${base}/promoted/labels/canary`, { versions: [{ version: 2, weight: 90 }, { version: 3, weight: 20 }] })).statusCode).toBe(400);
      expect((await call('PUT', `${base}/promoted/labels/canary`, { version: 9 })).statusCode).toBe(422);
      expect((await call('PUT', `${base}/promoted/labels/Not%20A%20Slug`, { version: 1 })).statusCode).toBe(400);
      const rollback = await call('PUT', `${base}/promoted/labels/staging`, { version: 1 }, author.headers);
      expect(rollback.json().label.targets).toMatchObject([{ version: 1, weight: 100 }]);
      const labels = await call('GET', `${base}/promoted/labels`);
      expect(labels.json().map((label: { name: string }) => label.name)).toEqual(['canary', 'staging']);
      const audited: { after: { targets: { version: number }[] } }[] = await subject.app
        .get(DataSource)
        .query(`SELECT after FROM audit_entries WHERE action = 'prompt_label.move' AND workspace_id = $1 AND after ->> 'name' = 'staging' AND after ->> 'prompt' = 'promoted' ORDER BY seq`, [workspaceId]);
      expect(audited.map((entry) => entry.after.targets[0]!.version)).toEqual([2, 1]);
    });

    it('files an approval to move production (202); the author cannot approve it, another approver can; the label moves exactly once', async () => {
      const requested = await call('PUT', `${base}/promoted/labels/production`, { version: 3, reason: 'ship v3' }, author.headers);
      expect(requested.statusCode, requested.body).toBe(202);
      const request = requested.json().approvalRequest;
      expect(requested.json()).toMatchObject({ outcome: 'pending_approval', label: null });
      expect(request).toMatchObject({ kind: 'prompt_promotion', state: 'pending', reason: 'ship v3', requestedBy: `user:${author.id}`, subject: { slug: 'promoted', label: 'production' } });
      const again = await call('PUT', `${base}/promoted/labels/production`, { version: 3 }, author.headers);
      expect(again.json().approvalRequest.id).toBe(request.id);
      expect((await call('GET', `${base}/promoted/labels`)).json().find((label: { name: string }) => label.name === 'production')).toBeUndefined();

      const own = await call('POST', `/admin/workspaces/${workspaceId}/approvals/${request.id}/approve`, {}, author.headers);
      expect(own.statusCode).toBe(403);
      expect(own.json().error.code).toBe('PORTICO_ERR_APPROVAL_SELF_APPROVAL');
      expect((await call('GET', `${base}/promoted/labels`)).json().find((label: { name: string }) => label.name === 'production')).toBeUndefined();

      const [first, second] = await Promise.all([
        call('POST', `/admin/workspaces/${workspaceId}/approvals/${request.id}/approve`, { comment: 'lgtm' }, secondApprover.headers),
        call('POST', `/admin/workspaces/${workspaceId}/approvals/${request.id}/approve`, { comment: 'lgtm too' }, thirdApprover.headers),
      ]);
      expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409]);
      const production = (await call('GET', `${base}/promoted/labels`)).json().find((label: { name: string }) => label.name === 'production');
      expect(production).toMatchObject({ protected: true, targets: [{ version: 3, weight: 100 }], updatedBy: `approval:${request.id}` });
      const moves: unknown[] = await subject.app
        .get(DataSource)
        .query(`SELECT 1 FROM audit_entries WHERE action = 'prompt_label.move' AND after ->> 'approvalRequestId' = $1`, [request.id]);
      expect(moves).toHaveLength(1);
    });

    it('rolls production back through another approval', async () => {
      const requested = await call('PUT', `${base}/promoted/labels/production`, { version: 1 }, author.headers);
      expect(requested.statusCode).toBe(202);
      expect(requested.json().label.targets).toMatchObject([{ version: 3 }]);
      const approved = await call('POST', `/admin/workspaces/${workspaceId}/approvals/${requested.json().approvalRequest.id}/approve`, {}, secondApprover.headers);
      expect(approved.statusCode, approved.body).toBe(200);
      const production = (await call('GET', `${base}/promoted/labels`)).json().find((label: { name: string }) => label.name === 'production');
      expect(production.targets).toMatchObject([{ version: 1, weight: 100 }]);
    });

    it("keeps a version's author from approving its promotion even when someone else filed it", async () => {
      const requested = await call('PUT', `${base}/promoted/labels/production`, { version: 3, reason: 'v3 again' }, thirdApprover.headers);
      expect(requested.statusCode, requested.body).toBe(202);
      const request = requested.json().approvalRequest;
      const byAuthor = await call('POST', `/admin/workspaces/${workspaceId}/approvals/${request.id}/approve`, {}, author.headers);
      expect(byAuthor.statusCode).toBe(403);
      expect(byAuthor.json().error.code).toBe('PORTICO_ERR_APPROVAL_SELF_APPROVAL');
      const approved = await call('POST', `/admin/workspaces/${workspaceId}/approvals/${request.id}/approve`, {}, secondApprover.headers);
      expect(approved.statusCode, approved.body).toBe(200);
      const production = (await call('GET', `${base}/promoted/labels`)).json().find((label: { name: string }) => label.name === 'production');
      expect(production.targets).toMatchObject([{ version: 3, weight: 100 }]);
    });

    it('moves production at once (200) when the workspace policy turns prompt_promotion approvals off', async () => {
      const policy = await call('PUT', `/admin/workspaces/${workspaceId}/approval-policies/prompt_promotion`, { enabled: false });
      expect(policy.statusCode, policy.body).toBe(200);
      try {
        const moved = await call('PUT', `${base}/promoted/labels/production`, { version: 2 }, author.headers);
        expect(moved.statusCode, moved.body).toBe(200);
        expect(moved.json()).toMatchObject({ outcome: 'moved', label: { targets: [{ version: 2 }] }, approvalRequest: null });
      } finally {
        await call('PUT', `/admin/workspaces/${workspaceId}/approval-policies/prompt_promotion`, { enabled: true });
      }
    });

    it('lets viewers read prompts and labels but not write them', async () => {
      const viewer = await createMember(subject.app, workspaceId, 'viewer');
      expect((await call('GET', `${base}/promoted/labels`, undefined, viewer.headers)).statusCode).toBe(200);
      expect((await call('POST', `${base}/promoted/render`, { version: 1, variables: { audience: 'experts', text: 't' } }, viewer.headers)).statusCode).toBe(200);
      expect((await call('PUT', `${base}/promoted/labels/staging`, { version: 1 }, viewer.headers)).statusCode).toBe(403);
      expect((await call('POST', `${base}/promoted/versions`, summarise, viewer.headers)).statusCode).toBe(403);
      expect((await call('POST', `${base}/promoted/try`, { version: 1, variables: { audience: 'experts', text: 't' } }, viewer.headers)).statusCode).toBe(403);
    });
  });

  it('documents every prompt route in Swagger', async () => {
    const document = (await subject.app.inject({ method: 'GET', url: '/docs-json' })).json();
    const path = '/admin/workspaces/{workspaceId}/prompts';
    const expected: [string, string][] = [
      [path, 'get'],
      [path, 'post'],
      [`${path}/{slug}`, 'get'],
      [`${path}/{slug}`, 'patch'],
      [`${path}/{slug}`, 'delete'],
      [`${path}/{slug}/versions`, 'get'],
      [`${path}/{slug}/versions`, 'post'],
      [`${path}/{slug}/versions/{version}`, 'get'],
      [`${path}/{slug}/diff`, 'get'],
      [`${path}/{slug}/labels`, 'get'],
      [`${path}/{slug}/labels/{label}`, 'put'],
      [`${path}/{slug}/render`, 'post'],
      [`${path}/{slug}/try`, 'post'],
      [`${path}/{slug}/analytics`, 'get'],
    ];
    for (const [route, method] of expected) {
      const operation = document.paths[route]?.[method];
      expect(operation, `${method} ${route}`).toBeDefined();
      expect(operation.summary, `${method} ${route}`).toBeTruthy();
      expect(operation.tags).toEqual(['prompts']);
    }
    expect(document.paths[`${path}/{slug}/versions/{version}`].put).toBeUndefined();
    expect(document.components.schemas.CreateVersionDto.properties.inputSchema).toBeDefined();
    expect(document.paths[`${path}/{slug}/labels/{label}`].put.responses['202']).toBeDefined();
  });
});
