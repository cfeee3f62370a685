import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/common/errors';
import { PriceBook } from '../../src/usage/prices/price-book';
import { createMember, createWorkspace, type TestUser } from '../support/auth-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { call, firstRunAdmin } from './workspaces.support';

describe('prices admin API', () => {
  let subject: TestApp;
  let wsA: string;
  let wsB: string;
  let adminA: TestUser;
  let adminB: TestUser;
  let viewerA: TestUser;
  let superadmin: TestUser;
  const app = () => subject.app;
  const url = (workspaceId: string, rest = '') => `/admin/workspaces/${workspaceId}/prices${rest}`;
  const book = () => app().get(PriceBook);
  const mockChat = { pluginId: 'provider-mock', model: 'mock-chat', inputPerMTok: 0.5, outputPerMTok: 1.5, cachedInputPerMTok: 0.25 };

  beforeAll(async () => {
    subject = await startTestApp();
    wsA = (await createWorkspace(app())).id;
    wsB = (await createWorkspace(app())).id;
    adminA = await createMember(app(), wsA, 'admin');
    adminB = await createMember(app(), wsB, 'admin');
    viewerA = await createMember(app(), wsA, 'viewer');
    superadmin = await firstRunAdmin(subject);
  });
  afterAll(async () => {
    await subject?.close();
  });

  it('lists the seeded defaults in force, marked as defaults', async () => {
    const listed = await call(app(), 'GET', url(wsA), viewerA.headers);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ pluginId: 'provider-mock', model: 'mock-chat', inputPerMTok: 1, outputPerMTok: 2, source: 'default', workspaceId: null, createdBy: 'system' }),
        expect.objectContaining({ pluginId: 'provider-openai', model: 'gpt-4o-mini', inputPerMTok: 0.15, outputPerMTok: 0.6, cachedInputPerMTok: 0.075, source: 'default' }),
      ]),
    );
  });

  it('adds a workspace version that overrides the default for that workspace only, and the PriceBook follows', async () => {
    const created = await call(app(), 'POST', url(wsA), adminA.headers, mockChat);
    expect(created).toMatchObject({ status: 201, body: { ...mockChat, workspaceId: wsA, source: 'workspace', currency: 'USD', createdBy: `user:${adminA.id}` } });

    const inA = (await call(app(), 'GET', url(wsA), viewerA.headers)).body.filter((price: { model: string }) => price.model === 'mock-chat');
    expect(inA).toEqual([expect.objectContaining({ id: created.body.id, source: 'workspace' })]);
    const inB = (await call(app(), 'GET', url(wsB), adminB.headers)).body.filter((price: { model: string }) => price.model === 'mock-chat');
    expect(inB).toEqual([expect.objectContaining({ source: 'default', inputPerMTok: 1 })]);

    await expect.poll(() => book().priceAt(wsA, 'provider-mock', 'mock-chat')?.id).toBe(created.body.id);
    expect(book().priceAt(wsB, 'provider-mock', 'mock-chat')).toMatchObject({ workspaceId: null, inputPerMTok: 1 });
  });

  it("never shows another workspace's versions, in the list or the history", async () => {
    await call(app(), 'POST', url(wsB), adminB.headers, { ...mockChat, model: 'mock-chat-large', inputPerMTok: 4 });
    const history = await call(app(), 'GET', url(wsA, '/history?pluginId=provider-mock&model=mock-chat-large'), viewerA.headers);
    expect(history.status).toBe(200);
    expect(history.body.map((price: { source: string }) => price.source)).toEqual(['default']);
    expect((await call(app(), 'GET', url(wsA), adminA.headers)).body.some((price: { workspaceId: string | null }) => price.workspaceId === wsB)).toBe(false);
    // Outside your workspaces the guard answers as if the workspace did not exist.
    expect((await call(app(), 'GET', url(wsB), adminA.headers)).status).toBe(404);
    expect((await call(app(), 'POST', url(wsB), adminA.headers, mockChat)).status).toBe(404);
  });

  it('keeps history: a future version is listed but not in force yet', async () => {
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const future = await call(app(), 'POST', url(wsA), adminA.headers, { ...mockChat, inputPerMTok: 0.4, effectiveFrom: later });
    expect(future.status).toBe(201);
    const history = (await call(app(), 'GET', url(wsA, '/history?model=mock-chat'), viewerA.headers)).body;
    expect(history.map((price: { inputPerMTok: number; source: string }) => [price.source, price.inputPerMTok])).toEqual([
      ['workspace', 0.4],
      ['workspace', 0.5],
      ['default', 1],
    ]);
    const inForce = (await call(app(), 'GET', url(wsA), viewerA.headers)).body.find((price: { model: string }) => price.model === 'mock-chat');
    expect(inForce.inputPerMTok).toBe(0.5);
    await expect.poll(() => book().priceAt(wsA, 'provider-mock', 'mock-chat', new Date(Date.now() + 7_200_000))?.inputPerMTok).toBe(0.4);
  });

  it('refuses a viewer (403), bad prices and backdating (400/422), and unknown plugins (422)', async () => {
    expect((await call(app(), 'POST', url(wsA), viewerA.headers, mockChat)).status).toBe(403);
    const negative = await call(app(), 'POST', url(wsA), adminA.headers, { ...mockChat, inputPerMTok: -1 });
    expect(negative).toMatchObject({ status: 400, body: { error: { code: ErrorCode.VALIDATION_FAILED } } });
    const tooPrecise = await call(app(), 'POST', url(wsA), adminA.headers, { ...mockChat, outputPerMTok: 0.1234567 });
    expect(tooPrecise.status).toBe(400);
    const backdated = await call(app(), 'POST', url(wsA), adminA.headers, { ...mockChat, effectiveFrom: new Date(Date.now() - 120_000).toISOString() });
    expect(backdated).toMatchObject({ status: 422, body: { error: { code: ErrorCode.VALIDATION_FAILED } } });
    const unknown = await call(app(), 'POST', url(wsA), adminA.headers, { ...mockChat, pluginId: 'provider-nope' });
    expect(unknown).toMatchObject({ status: 422, body: { error: { code: ErrorCode.VALIDATION_FAILED } } });
  });

  it('lets only a superadmin add a default version, which every workspace without an override sees', async () => {
    const embed = { pluginId: 'provider-mock', model: 'mock-embed', inputPerMTok: 0.2, outputPerMTok: 0 };
    expect((await call(app(), 'POST', '/admin/prices', adminA.headers, embed)).status).toBe(403);
    const created = await call(app(), 'POST', '/admin/prices', superadmin.headers, embed);
    expect(created).toMatchObject({ status: 201, body: { ...embed, workspaceId: null, source: 'default', createdBy: `user:${superadmin.id}` } });
    const inB = (await call(app(), 'GET', url(wsB), adminB.headers)).body.find((price: { model: string }) => price.model === 'mock-embed');
    expect(inB).toMatchObject({ id: created.body.id, inputPerMTok: 0.2 });
    await expect.poll(() => book().priceAt(wsA, 'provider-mock', 'mock-embed')?.id).toBe(created.body.id);
  });

  it('documents the prices endpoints in a valid OpenAPI document', async () => {
    const document = (await app().inject({ method: 'GET', url: '/docs-json' })).json();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/admin/workspaces/{workspaceId}/prices', '/admin/workspaces/{workspaceId}/prices/history', '/admin/prices']),
    );
    expect(document.components.schemas.PriceDto.properties.source.enum).toEqual(['workspace', 'default']);
    await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeDefined();
  });
});
