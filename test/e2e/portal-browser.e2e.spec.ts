import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium, pageFailures, sendUntil } from '../support/browser';
import { createMember, createServiceAccountKey, type TestUser } from '../support/auth-helpers';
import { REPO_ROOT } from '../support/portico-process';
import { findFreePort } from '../support/ports';
import { startTestApp, type TestApp } from '../support/test-app';


const BOOTSTRAP_KEY = 'e2e-portal-browser-bootstrap-key-0123456789';
const admin = { authorization: `Bearer ${BOOTSTRAP_KEY}`, 'content-type': 'application/json' };
const TEXT = 'Portico fronts many models behind one endpoint and publishes prompts as typed APIs.';

/**
 * The developer portal in headless Chromium, as an app developer uses it: find the API, read its
 * schema, request access with their key; an approver approves through the admin API; the try-it
 * console answers with the model's reply (mock provider).
 */
describe.skipIf(!chromiumAvailable)('the developer portal in headless Chromium', () => {
  let subject: TestApp;
  let base: string;
  let workspaceId: string;
  let approver: TestUser;
  let developerKey: string;
  let browser: Browser;

  const api = async (method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, headers: Record<string, string> = admin) => {
    const response = await fetch(`${base}${path}`, { method, headers: { ...headers, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text, json: () => JSON.parse(text) };
  };
  const expectOk = async (answer: Promise<{ status: number; body: string }>) => {
    const { status, body } = await answer;
    expect(status, body).toBeLessThan(300);
  };
  const publish = async (slug: string, title: string, tags: string[], template: string) => {
    const ws = `/admin/workspaces/${workspaceId}`;
    await expectOk(
      api('POST', `${ws}/prompts`, {
        slug: `${slug}-prompt`,
        name: title,
        version: {
          messages: [{ role: 'user', content: template }],
          model: 'mock/mock-chat',
          parameters: { max_tokens: 6 },
          inputSchema: {
            type: 'object',
            properties: { text: { type: 'string', minLength: 1, description: 'The text to work on' }, audience: { type: 'string', enum: ['children', 'experts'] } },
            required: ['text', 'audience'],
            additionalProperties: false,
          },
        },
      }),
    );
    await expectOk(api('POST', `${ws}/prompt-apis`, { slug, title, description: `${title}, as an API.`, tags, visibility: 'public' }));
    await expectOk(api('POST', `${ws}/prompt-apis/${slug}/versions`, { prompt: `${slug}-prompt`, promptVersion: 1, output: 'text' }));
    await expectOk(api('POST', `${ws}/prompt-apis/${slug}/versions/1/submit`, {}));
  };

  beforeAll(async () => {
    subject = await startTestApp({ PORTICO_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY });
    const port = await findFreePort();
    await subject.app.listen({ port, host: '127.0.0.1' });
    base = `http://127.0.0.1:${port}`;
    workspaceId = (await subject.app.get(DataSource).query(`SELECT workspace_id FROM api_keys LIMIT 1`))[0].workspace_id;
    await expectOk(api('PUT', `/admin/workspaces/${workspaceId}/approval-policies/api_publication`, { enabled: false }));
    await publish('summarise', 'Summarise a text', ['text', 'summaries'], 'Summarise for {{audience}}: {{text}}');
    await publish('translate', 'Translate to French', ['text', 'language'], 'Translate for {{audience}} into French: {{text}}');
    approver = await createMember(subject.app, workspaceId, 'approver');
    developerKey = (await createServiceAccountKey(subject.app, workspaceId, 'developer', ['admin', 'invoke:*'])).key;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await subject?.close();
  });

  it('find the API, read its schema, request access; once approved, try-it answers with the model', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const failures = pageFailures(page);

    await page.goto(`${base}/portal`);
    await expect.poll(() => page.locator('li.card').count(), { timeout: 5000 }).toBe(2);
    await page.getByLabel('Search').fill('summar');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/q=summar/);
    expect(await page.locator('li.card h2').allTextContents()).toEqual(['Summarise a text']);
    await page.getByRole('link', { name: 'Summarise a text' }).click();
    await page.waitForURL(`${base}/portal/apis/summarise`);

    expect(await page.locator('h1').textContent()).toBe('Summarise a text');
    const rows = await page.locator('table.schema tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent?.trim())));
    expect(rows).toEqual([
      ['text', 'string', 'yes', 'The text to work on'],
      ['audience', 'string, one of "children", "experts"', 'yes', ''],
    ]);
    const schema = JSON.parse((await page.locator('#input-schema').textContent()) ?? '{}');
    expect(schema).toMatchObject({ required: ['text', 'audience'], additionalProperties: false });
    expect(await page.locator('pre code.language-shell').textContent()).toContain(`curl -sS ${base}/apis/summarise`);

    await page.getByLabel('API key or access token').fill(developerKey);
    await page.getByLabel('Why you need it (optional)').fill('a help desk summariser');
    await page.getByRole('button', { name: 'Request access' }).click();
    await expect.poll(() => page.locator('#access-result').textContent(), { timeout: 5000 }).toContain('waiting for an approver');
    const subscriptionId = await page.locator('#access-result').getAttribute('data-subscription');

    const body = JSON.stringify({ text: TEXT, audience: 'children' });
    await page.getByLabel('Request body (JSON)').fill(body);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.locator('#try-status').textContent(), { timeout: 5000 }).toContain('subscription_pending');

    const subscription = await api('GET', `/admin/workspaces/${workspaceId}/subscriptions/${subscriptionId}`, undefined, { authorization: `Bearer ${approver.token}` });
    const approved = await api('POST', `/admin/workspaces/${workspaceId}/approvals/${subscription.json().approvalRequestId}/approve`, { comment: 'go ahead' }, { authorization: `Bearer ${approver.token}` });
    expect(approved.status, approved.body).toBe(200);

    expect(await sendUntil(page, '200 OK')).toContain('200 OK');
    const shown = await page.locator('#try-output').textContent();
    const direct = await api('POST', '/v1/chat/completions', { model: 'mock/mock-chat', max_tokens: 6, messages: [{ role: 'user', content: `Summarise for children: ${TEXT}` }] });
    expect(shown).toBe(direct.json().choices[0].message.content);
    expect(shown!.length).toBeGreaterThan(0);

    expect(failures.filter((failure) => !failure.includes('403'))).toEqual([]);
    const out = join(REPO_ROOT, 'test-results');
    mkdirSync(out, { recursive: true });
    await page.screenshot({ path: join(out, 'portal.png'), fullPage: true });
  });
});
