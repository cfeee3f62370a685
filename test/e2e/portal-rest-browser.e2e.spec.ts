import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { petstoreDocument } from '../../src/rest-apis/__fixtures__/petstore';
import { chromiumAvailable, launchChromium, pageFailures, sendUntil } from '../support/browser';
import { createMember, createServiceAccountKey, type TestUser } from '../support/auth-helpers';
import { FakeRestUpstream, PETS_BODY } from '../support/fakes/rest-upstream';
import { REPO_ROOT } from '../support/portico-process';
import { findFreePort } from '../support/ports';
import { startTestApp, type TestApp } from '../support/test-app';


const BOOTSTRAP_KEY = 'e2e-portal-rest-browser-bootstrap-key-0123456789';
const admin = { authorization: `Bearer ${BOOTSTRAP_KEY}` };

/**
 * A REST API's portal page in headless Chromium: an owner registers a loopback upstream and an
 * approver publishes it (admin API); a developer opens its page, reads the generated examples,
 * requests access with their key; once approved, the try-it console calls operations through
 * `/rest/<slug>/v1/...` and shows the upstream's own answer, status and headers.
 */
describe.skipIf(!chromiumAvailable)('a REST API in the developer portal, in headless Chromium', () => {
  let subject: TestApp;
  let upstream: FakeRestUpstream;
  let base: string;
  let workspaceId: string;
  let approver: TestUser;
  let developerKey: string;
  let browser: Browser;
  let publicationRequestId: string;

  const api = async (method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = admin) => {
    const response = await fetch(`${base}${path}`, { method, headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text, json: () => JSON.parse(text) };
  };
  const approve = async (approvalRequestId: string) => {
    const approved = await api('POST', `/admin/workspaces/${workspaceId}/approvals/${approvalRequestId}/approve`, { comment: 'go ahead' }, { authorization: `Bearer ${approver.token}` });
    expect(approved.status, approved.body).toBe(200);
  };
  const pickOperation = async (page: Page, label: string) => {
    await page.getByLabel('Operation', { exact: true }).selectOption({ label });
    return page.locator('#try fieldset.try-fields:not([hidden])');
  };

  beforeAll(async () => {
    upstream = new FakeRestUpstream();
    const upstreamUrl = await upstream.start();
    subject = await startTestApp({ PORTICO_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY });
    const port = await findFreePort();
    await subject.app.listen({ port, host: '127.0.0.1' });
    base = `http://127.0.0.1:${port}`;
    workspaceId = (await subject.app.get(DataSource).query(`SELECT workspace_id FROM api_keys LIMIT 1`))[0].workspace_id;
    approver = await createMember(subject.app, workspaceId, 'approver');
    developerKey = (await createServiceAccountKey(subject.app, workspaceId, 'developer', ['admin', 'invoke:*'])).key;

    const created = await api('POST', `/admin/workspaces/${workspaceId}/rest-apis`, {
      slug: 'petstore',
      title: 'Pet store',
      description: 'The pets of the loopback shop.',
      tags: ['pets'],
      visibility: 'public',
      baseUrl: `${upstreamUrl}/api`,
      openapi: petstoreDocument(),
    });
    expect(created.status, created.body).toBe(201);
    const submitted = await api('POST', `/admin/workspaces/${workspaceId}/rest-apis/petstore/versions/1/submit`, { reason: 'first release' });
    expect(submitted.status, submitted.body).toBe(202);
    expect(submitted.json()).toMatchObject({ outcome: 'pending_approval', approvalRequest: { kind: 'rest_api_publication' } });
    publicationRequestId = submitted.json().approvalRequest.id;

    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await subject?.close();
    await upstream?.close();
  });

  it('read the operations and samples, request access; once approved, try-it shows the upstream answer', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const failures = pageFailures(page);

    expect((await api('GET', '/portal/apis/petstore')).status).toBe(404);
    await approve(publicationRequestId);
    await expect.poll(async () => (await api('GET', '/portal/apis/petstore')).status, { timeout: 5000 }).toBe(200);

    await page.goto(`${base}/portal`);
    await page.getByRole('link', { name: 'Pet store' }).click();
    await page.waitForURL(`${base}/portal/apis/petstore`);
    expect(await page.locator('h1').textContent()).toBe('Pet store');
    expect(await page.locator("table.schema").first().locator("tbody tr").count()).toBe(7);
    const createPet = page.locator('article.operation', { has: page.locator('h3', { hasText: 'POST /rest/petstore/v1/pets' }) }).first();
    expect(JSON.parse((await createPet.locator('h4 + pre code').textContent()) ?? '')).toEqual({ name: 'example name', tag: 'example tag' });
    await createPet.getByText('Code: curl, JavaScript').click();
    expect(await createPet.locator('code.language-shell').textContent()).toContain(`curl -sS -X POST ${base}/rest/petstore/v1/pets \\\n  -H "Authorization: Bearer $PORTICO_API_KEY"`);
    expect(await createPet.locator('code.language-javascript').textContent()).toContain(`fetch("${base}/rest/petstore/v1/pets"`);

    await page.getByLabel('API key or access token').fill(developerKey);
    await page.getByLabel('Why you need it (optional)').fill('a pet adoption site');
    await page.getByRole('button', { name: 'Request access' }).click();
    await expect.poll(() => page.locator('#access-result').textContent(), { timeout: 5000 }).toContain('waiting for an approver');
    const subscriptionId = await page.locator('#access-result').getAttribute('data-subscription');

    expect(await page.locator('#try-operation option:checked').textContent()).toBe('GET /pets · List pets');
    const onePet = await pickOperation(page, 'GET /pets/{petId}');
    await onePet.getByLabel('petId').fill('Rex & Tom');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.locator('#try-status').textContent(), { timeout: 5000 }).toContain('subscription_pending');
    const upstreamCallsBefore = upstream.requests.length;

    const subscription = await api('GET', `/admin/workspaces/${workspaceId}/subscriptions/${subscriptionId}`, undefined, { authorization: `Bearer ${approver.token}` });
    await approve(subscription.json().approvalRequestId);

    expect(await sendUntil(page, '200 OK')).toContain('200 OK');
    expect(JSON.parse((await page.locator('#try-output').textContent()) ?? '')).toEqual({ name: 'Rex & Tom' });
    expect(upstream.requests.slice(upstreamCallsBefore).map((request) => `${request.method} ${request.url}`)).toContain('GET /api/pets/Rex%20%26%20Tom');

    await pickOperation(page, 'GET /pets · List pets');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.locator('#try-output').textContent(), { timeout: 5000 }).toBe(JSON.stringify(JSON.parse(PETS_BODY.toString('utf8')), null, 2));
    const headers = await page.locator('#try-headers').evaluate((list) => Object.fromEntries([...list.querySelectorAll('dt')].map((term) => [term.textContent, term.nextElementSibling?.textContent])));
    expect(headers).toMatchObject({ 'content-type': 'application/json', etag: '"pets-1"', 'x-request-id': expect.any(String) });
    expect(headers).not.toHaveProperty('set-cookie');

    const missing = await pickOperation(page, 'GET /pets/{petId}');
    await missing.getByLabel('petId').fill('missing');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.locator('#try-status').textContent(), { timeout: 5000 }).toContain('404');
    expect(await page.locator('#try-status').getAttribute('data-state')).toBe('error');
    expect(JSON.parse((await page.locator('#try-output').textContent()) ?? '')).toEqual({ title: 'no such pet' });
    await missing.getByLabel('petId').fill('Rex');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.locator('#try-output').textContent(), { timeout: 5000 }).toContain('"Rex"');

    expect(failures.filter((failure) => !/40[34]/.test(failure))).toEqual([]);
    const out = join(REPO_ROOT, 'test-results');
    mkdirSync(out, { recursive: true });
    await page.screenshot({ path: join(out, 'portal-rest.png'), fullPage: true });
  });
});
