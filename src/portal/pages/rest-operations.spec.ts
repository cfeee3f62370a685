import { describe, expect, it } from 'vitest';
import type { RestApiProductView, RestApiVersionView } from '../../prompt-apis/api-product-catalog';
import { petstoreDocument } from '../../rest-apis/__fixtures__/petstore';
import { operationsOf } from '../../rest-apis/openapi/upstream-document';
import { PORTAL_JS } from './assets';
import { PAGE_HEADERS } from './html';
import { restApiPage } from './rest-api-page';
import { examplePath, operationExamples } from './rest-operations';

type Json = Record<string, any>;

/** The pet store with what real documents carry: referenced parameters, query strings, examples, a recursive schema. */
function richDocument(): Json {
  const document = petstoreDocument() as Json;
  document.paths['/pets'].get.parameters = [
    { $ref: '#/components/parameters/Limit' },
    { name: 'species', in: 'query', required: true, schema: { type: 'string', enum: ['cat', 'dog'] }, description: 'Which animals' },
  ];
  document.paths['/pets/{petId}'].get.parameters = [{ name: 'petId', in: 'path', required: true, example: 'rex & co', schema: { type: 'string' } }];
  document.paths['/pets/{petId}'].get.description = 'One pet by id';
  document.paths['/trees'] = {
    post: {
      operationId: 'plantTree',
      requestBody: { required: true, content: { 'text/plain': { schema: { type: 'string' } }, 'application/merge-patch+json': { schema: { $ref: '#/components/schemas/Node' } } } },
      responses: { '201': { description: 'Planted' } },
    },
    put: { operationId: 'replaceTree', requestBody: { content: { 'application/json': { examples: { small: { value: { name: 'oak' } } } } } }, responses: { '200': { description: 'ok' } } },
  };
  document.components.parameters = { Limit: { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, default: 20 } } };
  document.components.schemas.Node = { type: 'object', properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } } };
  return document;
}

function version(document: Json): RestApiVersionView {
  return { number: 3, state: 'published', baseUrl: 'http://10.0.0.1:8080/api', document, operations: operationsOf(document), publishedAt: new Date(0), deprecatedAt: null, sunsetAt: null, successorVersion: null };
}

function product(document: Json, overrides: Partial<RestApiProductView> = {}): RestApiProductView {
  return { kind: 'rest', id: '00000000-0000-4000-8000-0000000000cc', workspaceId: '00000000-0000-4000-8000-0000000000ff', slug: 'pets', title: 'Pets', description: null, tags: [], visibility: 'public', versions: [version(document)], currentVersion: 3, ...overrides };
}

const byId = (document: Json) => Object.fromEntries(operationExamples(version(document)).map((operation) => [operation.operationId, operation]));

describe('REST operation examples', () => {
  it('collects path and query parameters (path-item ones too, through $refs) with example values', () => {
    const operations = byId(richDocument());
    expect(operations.listPets!.parameters).toEqual([
      { name: 'limit', in: 'query', required: false, type: 'integer', description: null, example: '20' },
      { name: 'species', in: 'query', required: true, type: 'string', description: 'Which animals', example: 'cat' },
    ]);
    expect(operations.deletePet!.parameters).toEqual([expect.objectContaining({ name: 'petId', in: 'path', required: true, example: 'example petId' })]);
    expect(operations.getPet!.parameters).toHaveLength(1);
    expect(operations.getPet!.description).toBe('One pet by id');
  });

  it('builds the example path with encoded path values and only the required query parameters', () => {
    const operations = byId(richDocument());
    expect(examplePath(operations.getPet!)).toBe('/pets/rex%20%26%20co');
    expect(examplePath(operations.listPets!)).toBe('/pets?species=cat');
    expect(examplePath(operations.myPets!)).toBe('/pets/mine');
  });

  it('generates a JSON body from the schema, preferring a JSON media type and the document own examples', () => {
    const operations = byId(richDocument());
    expect(operations.createPet!.body).toEqual({ contentType: 'application/json', required: false, example: JSON.stringify({ name: 'example name', tag: 'example tag' }, null, 2) });
    expect(operations.plantTree!.body!.contentType).toBe('application/merge-patch+json');
    expect(JSON.parse(operations.plantTree!.body!.example)).toEqual({ name: 'example name', children: [{}] });
    expect(JSON.parse(operations.replaceTree!.body!.example)).toEqual({ name: 'oak' });
    expect(operations.echo!.body).toBeNull();
  });
});

describe('the REST API page', () => {
  it('documents each operation with curl and fetch against /rest/<slug>/v<n> and the key header', () => {
    const page = restApiPage(product(richDocument()), 'http://portico.test');
    expect(page).toContain('curl -sS -X GET &#39;http://portico.test/rest/pets/v3/pets?species=cat&#39;');
    expect(page).toContain('curl -sS -X POST http://portico.test/rest/pets/v3/pets \\\n  -H &quot;Authorization: Bearer $PORTICO_API_KEY&quot; \\\n  -H &#39;Content-Type: application/json&#39;');
    expect(page).toContain('fetch(&quot;http://portico.test/rest/pets/v3/pets/rex%20%26%20co&quot;');
    expect(page).toContain('Authorization: `Bearer ${process.env.PORTICO_API_KEY}`');
    expect(page).toContain('id="request-access"');
    expect(page).not.toContain('10.0.0.1');
  });

  it('has a try-it console with one fieldset per operation, the first GET selected, parameters prefilled', () => {
    const page = restApiPage(product(richDocument()), 'http://portico.test');
    expect(page).toContain('id="try" data-base="/rest/pets/v3"');
    expect(page).toMatch(/<option value="0" selected>GET \/pets · List pets<\/option>/);
    expect(page).toContain('data-method="POST" data-path="/pets" hidden');
    expect(page).toContain('data-in="query" data-name="species" required value="cat"');
    expect(page).toContain('data-in="query" data-name="limit" placeholder="20"');
    expect(page).toContain('data-content-type="application/merge-patch+json" data-json="yes"');
    expect(page.match(/<fieldset class="try-fields"/g)).toHaveLength(operationsOf(richDocument()).length);
    expect(page).toContain('id="try-send"');
    expect(page).toContain('id="try-headers"');
  });

  it('escapes whatever the upstream document says, and keeps no inline script under the strict CSP', () => {
    const document = richDocument();
    document.paths['/pets'].get.summary = '<script>alert(1)</script>';
    document.paths['/pets/{petId}'].get.description = '"><img src=x onerror=alert(2)>';
    document.paths['/pets'].get.parameters[1].name = '"><svg onload=alert(3)>';
    document.paths['/pets'].post.requestBody = { content: { 'application/json': { example: { note: '</textarea><script>alert(4)</script>' } } } };
    const page = restApiPage(product(document, { title: '<b>t</b>' }), 'http://portico.test');
    expect(page).not.toMatch(/<script>alert|<img|<svg|<\/textarea><script|<b>t/);
    expect(page).toContain('&lt;/textarea&gt;&lt;script&gt;alert(4)');
    expect(page.match(/<script/g)).toHaveLength(1);
    expect(page).toContain('<script src="/portal/assets/portal.js" defer></script>');
    expect(PAGE_HEADERS['content-security-policy']).toContain("script-src 'self';");
    expect(PAGE_HEADERS['content-security-policy']).not.toContain('unsafe');
  });

  it('offers no trace operation in the console (browsers refuse to send it) but still documents it', () => {
    const document = petstoreDocument() as Json;
    document.paths['/pets'].trace = { operationId: 'tracePets', responses: { '200': { description: 'ok' } } };
    const page = restApiPage(product(document), 'http://portico.test');
    expect(page).toContain('data-operation="tracePets"');
    expect(page).not.toContain('data-method="TRACE"');
  });

  it('ships a script that parses and never writes HTML', () => {
    expect(() => new Function(PORTAL_JS)).not.toThrow();
    expect(PORTAL_JS).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
  });
});
