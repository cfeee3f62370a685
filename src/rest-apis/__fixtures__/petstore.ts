/** A small OpenAPI 3.1 document of a pet store, for specs. */
export function petstoreDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'Pet store', version: '1.0.0' },
    servers: [{ url: 'https://pets.internal' }],
    security: [{ upstreamKey: [] }],
    paths: {
      '/pets': {
        get: { operationId: 'listPets', summary: 'List pets', responses: { '200': { description: 'Pets', content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Pet' } } } } } } },
        post: {
          operationId: 'createPet',
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } },
          responses: { '201': { description: 'Created' }, default: { $ref: '#/components/responses/Problem' } },
        },
      },
      '/pets/mine': { get: { operationId: 'myPets', responses: { '200': { description: 'Mine' } } } },
      '/pets/{petId}': {
        parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'string' } }],
        get: { operationId: 'getPet', responses: { '200': { description: 'A pet', content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } } } },
        delete: { operationId: 'deletePet', responses: { '204': { description: 'Gone' } } },
      },
      '/stream': { get: { operationId: 'streamTicks', responses: { '200': { description: 'Chunks', content: { 'text/plain': { schema: { type: 'string' } } } } } } },
      '/echo': { post: { operationId: 'echo', responses: { '200': { description: 'The body back' } } } },
    },
    components: {
      schemas: { Pet: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, tag: { type: 'string' } } } },
      responses: { Problem: { description: 'A problem', content: { 'application/json': { schema: { type: 'object' } } } } },
      securitySchemes: { upstreamKey: { type: 'apiKey', in: 'header', name: 'x-upstream-key' } },
    },
  };
}
