import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { fixtureProduct, fixtureVersion } from '../portal-fixtures';
import { openApiDocument } from './openapi-document';

const extract = fixtureProduct({
  id: '00000000-0000-4000-8000-0000000000bb',
  slug: 'extract-contact',
  title: 'Extract a contact',
  tags: ['json'],
  versions: [
    fixtureVersion({ number: 1, state: 'retired', successorVersion: 2 }),
    fixtureVersion({ number: 2, state: 'deprecated', sunsetAt: new Date('2027-01-01T00:00:00Z'), deprecatedAt: new Date('2026-11-01T00:00:00Z') }),
    fixtureVersion({
      number: 3,
      output: 'json',
      outputSchema: { type: 'object', properties: { name: { type: 'string' }, email: { type: ['string', 'null'], format: 'email' } }, required: ['name'] },
    }),
  ],
  currentVersion: 3,
});

describe('the OpenAPI 3.1 document of published APIs', () => {
  it('validates with swagger-parser, one operation per product and callable version', async () => {
    const document = openApiDocument([fixtureProduct(), extract], { serverUrl: 'http://localhost:3000' });
    const validated = await SwaggerParser.validate(structuredClone(document) as never);
    expect((validated as { openapi?: string }).openapi).toBe('3.1.0');
    const broken = structuredClone(document) as { paths: Record<string, { post: { responses: Record<string, unknown> } }> };
    broken.paths['/apis/summarise']!.post.responses['200'] = { content: {} };
    await expect(SwaggerParser.validate(broken as never)).rejects.toThrow();
    expect(Object.keys(document.paths as object).sort()).toEqual(['/apis/extract-contact', '/apis/extract-contact/v2', '/apis/extract-contact/v3', '/apis/summarise', '/apis/summarise/v1']);
  });

  it('carries the input schema as request body, the output as response, the bearer scheme and every refusal', async () => {
    const document = (await SwaggerParser.dereference(structuredClone(openApiDocument([extract], { serverUrl: 'http://localhost:3000' })) as never)) as unknown as {
      security: unknown;
      components: { securitySchemes: Record<string, unknown> };
      paths: Record<string, { post: { deprecated?: boolean; requestBody: { content: Record<string, { schema: Record<string, unknown> }> }; responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }>; headers?: object }> } }>;
    };
    expect(document.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.security).toEqual([{ apiKey: [] }]);
    const current = document.paths['/apis/extract-contact']!.post;
    const body = current.requestBody.content['application/json']!.schema as { properties: Record<string, unknown>; required: string[]; additionalProperties: boolean; $schema?: string };
    expect(Object.keys(body.properties)).toEqual(['text', 'style', 'words', 'stream']);
    expect(body).toMatchObject({ required: ['text'], additionalProperties: false });
    expect(body.$schema).toBeUndefined();
    const output = current.responses['200']!.content!['application/json']!.schema as { properties: { output: unknown } };
    expect(output.properties.output).toMatchObject({ type: 'object', required: ['name'] });
    expect(Object.keys(current.responses).sort()).toEqual(['200', '401', '403', '404', '410', '422', '429', '502']);
    expect(current.responses['429']!.headers).toHaveProperty('retry-after');
    const deprecated = document.paths['/apis/extract-contact/v2']!.post;
    expect(deprecated.deprecated).toBe(true);
    expect(deprecated.responses['200']!.headers).toHaveProperty('Sunset');
    expect((deprecated.responses['200']!.content!['application/json']!.schema as { properties: { output: unknown } }).properties.output).toEqual({ type: 'string' });
  });

  it('lists nothing without a callable version, and stays valid when empty', async () => {
    const unpublished = fixtureProduct({ currentVersion: null, versions: [fixtureVersion({ state: 'retired', successorVersion: 2 })] });
    const document = openApiDocument([unpublished], { serverUrl: 'http://localhost:3000' });
    expect(document.paths).toEqual({});
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy();
  });
});
