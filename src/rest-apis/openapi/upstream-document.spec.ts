import { describe, expect, it } from 'vitest';
import { petstoreDocument } from '../__fixtures__/petstore';
import { OperationMatcher } from './operation-matcher';
import { checkUpstreamDocument } from './upstream-document';

describe('upstream OpenAPI documents', () => {
  it('accepts a valid 3.1 document and lists its operations', async () => {
    const verdict = await checkUpstreamDocument(petstoreDocument());
    expect(verdict.ok).toBe(true);
    if (!verdict.ok) return;
    expect(verdict.operations.map((operation) => `${operation.method} ${operation.path}`)).toEqual([
      'get /pets',
      'post /pets',
      'get /pets/mine',
      'get /pets/{petId}',
      'delete /pets/{petId}',
      'get /stream',
      'post /echo',
    ]);
  });

  it('accepts 3.0 documents', async () => {
    const document = { ...petstoreDocument(), openapi: '3.0.3' };
    expect((await checkUpstreamDocument(document)).ok).toBe(true);
  });

  it("reports the parser's problems, one by one with their place", async () => {
    const document = petstoreDocument() as { paths: Record<string, Record<string, unknown>>; info: Record<string, unknown> };
    delete document.info.title;
    document.paths['/pets']!.get = { operationId: 'listPets', responses: 'none' };
    const verdict = await checkUpstreamDocument(document);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.problems).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'info', message: expect.stringContaining('title') })]));
    expect(verdict.problems, JSON.stringify(verdict.problems)).toEqual(expect.arrayContaining([expect.objectContaining({ path: expect.stringMatching(/^paths\.\/pets\.get/) })]));
  });

  it('refuses Swagger 2.0, non-objects, documents without operations and dangling $refs', async () => {
    expect(await checkUpstreamDocument({ swagger: '2.0', info: { title: 'x', version: '1' }, paths: {} })).toMatchObject({ ok: false, problems: [{ path: 'openapi' }] });
    expect(await checkUpstreamDocument([])).toMatchObject({ ok: false, problems: [{ path: '' }] });
    expect(await checkUpstreamDocument({ openapi: '3.1.0', info: { title: 'x', version: '1' }, paths: {} })).toMatchObject({ ok: false, problems: [{ path: 'paths' }] });
    const dangling = petstoreDocument() as { components: { schemas: Record<string, unknown> } };
    delete dangling.components.schemas.Pet;
    expect((await checkUpstreamDocument(dangling)).ok).toBe(false);
  });

  it('refuses external $refs without reading them (no file, no URL)', async () => {
    const document = petstoreDocument() as { components: { schemas: Record<string, unknown> } };
    document.components.schemas.Pet = { $ref: 'file:///etc/passwd' };
    expect(await checkUpstreamDocument(document)).toEqual({ ok: false, problems: [{ path: 'components.schemas.Pet.$ref', message: expect.stringContaining('only references inside the document') }] });
  });
});

describe('operation matching', () => {
  const matcher = new OperationMatcher([
    { method: 'get', path: '/pets/{petId}', operationId: 'getPet', summary: null },
    { method: 'get', path: '/pets/mine', operationId: 'myPets', summary: null },
    { method: 'post', path: '/pets', operationId: 'createPet', summary: null },
    { method: 'get', path: '/', operationId: 'root', summary: null },
  ]);

  it('matches templated and literal paths, the more literal first', () => {
    expect(matcher.match('GET', '/pets/42')?.operationId).toBe('getPet');
    expect(matcher.match('GET', '/pets/mine')?.operationId).toBe('myPets');
    expect(matcher.match('POST', '/pets')?.operationId).toBe('createPet');
    expect(matcher.match('GET', '/')?.operationId).toBe('root');
  });

  it('declares nothing else: other methods, deeper paths, empty parameters', () => {
    expect(matcher.match('DELETE', '/pets/42')).toBeUndefined();
    expect(matcher.match('GET', '/pets/42/owner')).toBeUndefined();
    expect(matcher.match('GET', '/pets/')).toBeUndefined();
    expect(matcher.match('GET', '/pets')).toBeUndefined();
    expect(matcher.allows('/pets')).toEqual(['POST']);
  });
});
