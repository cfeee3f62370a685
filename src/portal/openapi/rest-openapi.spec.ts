import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import type { RestApiProductView, RestApiVersionView } from '../../prompt-apis/api-product-catalog';
import { petstoreDocument } from '../../rest-apis/__fixtures__/petstore';
import { operationsOf } from '../../rest-apis/openapi/upstream-document';
import { apiPage } from '../pages/api-page';
import { catalogPage } from '../pages/catalog-page';
import { fixtureProduct } from '../portal-fixtures';
import { openApiDocument } from './openapi-document';

function restVersion(number: number, overrides: Partial<RestApiVersionView> = {}): RestApiVersionView {
  const document = petstoreDocument();
  return { number, state: 'published', baseUrl: 'http://10.0.0.1:8080/api', document, operations: operationsOf(document), publishedAt: new Date(0), deprecatedAt: null, sunsetAt: null, successorVersion: null, ...overrides };
}

const petstore: RestApiProductView = {
  kind: 'rest',
  id: '00000000-0000-4000-8000-0000000000cc',
  workspaceId: '00000000-0000-4000-8000-0000000000ff',
  slug: 'pet-store',
  title: 'Pet store',
  description: 'Pets <b>for all</b>',
  tags: ['pets'],
  visibility: 'public',
  versions: [restVersion(1, { state: 'deprecated', deprecatedAt: new Date('2026-11-01T00:00:00Z'), sunsetAt: new Date('2027-01-01T00:00:00Z') }), restVersion(2)],
  currentVersion: 2,
};

describe('REST APIs in the portal', () => {
  it('merges every callable version under /rest/<slug>/v<n> beside prompt APIs, still a valid OpenAPI 3.1 document', async () => {
    const document = openApiDocument([fixtureProduct(), petstore], { serverUrl: 'http://portico.test' }) as { paths: Record<string, Record<string, { operationId?: string; deprecated?: boolean; security?: unknown; responses: Record<string, unknown> }>>; components: { schemas: Record<string, unknown> } };
    await SwaggerParser.validate(structuredClone(document) as never);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/apis/summarise', '/rest/pet-store/v1/pets', '/rest/pet-store/v2/pets/{petId}']));
    expect(document.paths['/rest/pet-store/v2/pets']!.get!.operationId).toBe('rest_pet_store_v2_listPets');
    expect(document.paths['/rest/pet-store/v1/pets']!.get!.deprecated).toBe(true);
    expect(document.paths['/rest/pet-store/v2/pets']!.get!.security).toBeUndefined();
    expect(document.paths['/rest/pet-store/v2/pets']!.get!.responses['403']).toEqual({ $ref: '#/components/responses/Error403' });
    expect(document.components.schemas).toHaveProperty('PetStoreV2_Pet');
    expect(JSON.stringify(document)).not.toContain('10.0.0.1');
  });

  it("serves one API's document with Portico's /rest/<slug>/v<current> as its server", async () => {
    const document = openApiDocument([petstore], { serverUrl: 'http://portico.test', title: 'Pet store' }) as { servers: { url: string }[]; paths: Record<string, unknown> };
    await SwaggerParser.validate(structuredClone(document) as never);
    expect(document.servers).toEqual([{ url: 'http://portico.test/rest/pet-store/v2', description: 'v2' }]);
    expect(Object.keys(document.paths)).toContain('/pets/{petId}');
  });

  it('lists REST APIs in the catalog and shows their operations on their page, escaped', () => {
    const catalog = catalogPage([fixtureProduct(), petstore], {});
    expect(catalog).toContain('<code>/rest/pet-store</code>');
    const page = apiPage(petstore, 'http://portico.test');
    expect(page).toContain('data-operation="getPet"');
    expect(page).toContain('<code>/rest/pet-store/v2/pets/{petId}</code>');
    expect(page).toContain('curl -sS -X GET http://portico.test/rest/pet-store/v2/pets');
    expect(page).toContain('id="request-access"');
    expect(page).not.toContain('<b>for all');
    expect(page).not.toContain('10.0.0.1');
  });
});
