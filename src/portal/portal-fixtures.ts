import type { ApiProductVersionView, ApiProductView } from '../prompt-apis/api-product-catalog';

/** API products as the catalog answers them, for the portal's unit specs. */
export function fixtureVersion(overrides: Partial<ApiProductVersionView> = {}): ApiProductVersionView {
  return {
    number: 1,
    state: 'published',
    promptId: '00000000-0000-4000-8000-000000000001',
    promptSlug: 'summariser',
    promptVersion: 3,
    inputSchema: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: {
        text: { type: 'string', description: 'What to summarise', maxLength: 4000 },
        style: { type: 'string', enum: ['short', 'bullets'] },
        words: { type: 'integer', minimum: 10 },
      },
      required: ['text'],
      additionalProperties: false,
    },
    output: 'text',
    outputSchema: null,
    publishedAt: new Date('2026-11-01T00:00:00Z'),
    deprecatedAt: null,
    sunsetAt: null,
    successorVersion: null,
    ...overrides,
  };
}

export function fixtureProduct(overrides: Partial<ApiProductView> = {}): ApiProductView {
  return {
    id: '00000000-0000-4000-8000-0000000000aa',
    workspaceId: '00000000-0000-4000-8000-0000000000ff',
    slug: 'summarise',
    title: 'Summarise a text',
    description: 'Short summaries of long texts.',
    tags: ['text', 'nlp'],
    visibility: 'public',
    versions: [fixtureVersion()],
    currentVersion: 1,
    ...overrides,
  };
}
