import type { AnyApiProductView, ApiProductVersionView, ApiProductView, RestApiProductView } from '../../prompt-apis/api-product-catalog';
import type { JsonSchema } from '../../prompts/templates/prompt-variables';
import { currentVersionOf, isRestApi } from '../catalog/portal-catalog';
import { restDocumentPart, restNamePrefix } from './rest-openapi';
import { exampleOf } from './schema-example';

/** An OpenAPI 3.1 document (JSON). */
export type OpenApiDocument = Record<string, unknown>;

const ERROR_RESPONSES: Record<string, string> = {
  '401': 'No API key, or an unknown, expired or revoked one',
  '403': "The key's app holds no active subscription to this API (`subscription_required`), or its request still waits for approval (`subscription_pending`)",
  '404': 'No such API (`api_not_found`) or version (`api_version_not_found`); on REST APIs also an operation the API does not declare (`operation_not_found`)',
  '410': 'The version is retired (`api_version_retired`); the error names the version to move to',
  '422': 'The body does not match the input schema (`input_invalid`); `error.issues` lists each problem',
  '429': 'A rate limit or budget is exhausted; retry after `retry-after` seconds',
  '502': 'The model failed (`upstream_error`), or its answer did not match the output schema after one repair attempt (`output_invalid`); on REST APIs the upstream could not be reached (`upstream_unavailable`)',
};

/**
 * The OpenAPI 3.1 document of published APIs. Prompt APIs: per product `POST /apis/<slug>` (its
 * current version) and `POST /apis/<slug>/v<n>` per callable version, the input schema as request
 * body, the output (text, or JSON against the output schema) as response. REST APIs: the
 * operations of each callable version's own document under `/rest/<slug>/v<n>`. Bearer API keys,
 * and the data plane's error envelope for each refusal. The titled document of a single REST API
 * (its own page's) keeps the upstream's paths, with the server `…/rest/<slug>/v<current>`.
 */
export function openApiDocument(products: readonly AnyApiProductView[], options: { serverUrl: string; title?: string }): OpenApiDocument {
  // One API's own document (the portal names it after the API): a REST API keeps its upstream's paths.
  const only = products.length === 1 && options.title !== undefined ? products[0] : undefined;
  if (only && isRestApi(only)) return restApiDocument(only, options);
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = { Error: errorSchema(), Usage: usageSchema() };
  const components: Record<string, Record<string, unknown>> = {};
  const tags = new Map<string, string>();
  for (const product of products) {
    if (isRestApi(product)) {
      if (!currentVersionOf(product)) continue;
      tags.set(product.slug, product.title);
      for (const version of product.versions) {
        if (version.state === 'retired') continue;
        const part = restDocumentPart(product, version, { path: `/rest/${product.slug}/v${version.number}`, name: restNamePrefix(product, version), id: `rest_${product.slug.replace(/-/g, '_')}_v${version.number}_` });
        Object.assign(paths, part.paths);
        for (const [type, entries] of Object.entries(part.components)) components[type] = { ...(components[type] ?? {}), ...entries };
      }
      continue;
    }
    const current = currentVersionOf(product);
    if (!current || paths[`/apis/${product.slug}`]) continue;
    tags.set(product.slug, product.title);
    for (const version of product.versions) {
      if (version.state === 'retired') continue;
      schemas[schemaName(product, version, 'Input')] = requestSchema(version.inputSchema);
      schemas[schemaName(product, version, 'Output')] = responseSchema(version);
      paths[`/apis/${product.slug}/v${version.number}`] = { post: operation(product, version, `${operationId(product)}_v${version.number}`) };
    }
    paths[`/apis/${product.slug}`] = { post: operation(product, current, operationId(product)) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: options.title ?? 'Portico APIs',
      version: '1',
      description:
        'Prompt APIs and REST APIs published through Portico. Call them with an API key whose app holds an active subscription (request one in the developer portal). ' +
        'A REST API answers under `/rest/<slug>/v<n>/…`, and under `/rest/<slug>/…` for its current version.',
    },
    servers: [{ url: options.serverUrl }],
    security: [{ apiKey: [] }],
    tags: [...tags].map(([name, description]) => ({ name, description })),
    paths,
    components: sharedComponents({ ...(components.schemas ?? {}), ...schemas }, components),
  };
}

/** One REST API on its own: the upstream's paths, served from `<origin>/rest/<slug>/v<current>`. */
function restApiDocument(product: RestApiProductView, options: { serverUrl: string; title?: string }): OpenApiDocument {
  const current = currentVersionOf(product)!;
  const part = restDocumentPart(product, current, { path: '', name: restNamePrefix(product, current), id: '' });
  const info = (current.document.info ?? {}) as Record<string, unknown>;
  return {
    openapi: '3.1.0',
    info: {
      title: options.title ?? product.title,
      version: typeof info.version === 'string' ? info.version : String(current.number),
      description: [product.description ?? '', `Version ${current.number} (${current.state}) of the REST API \`${product.slug}\`, fronted by Portico: call it with a Portico API key whose app holds an active subscription.`]
        .filter(Boolean)
        .join('\n\n'),
    },
    servers: [{ url: `${options.serverUrl}/rest/${product.slug}/v${current.number}`, description: `v${current.number}` }],
    security: [{ apiKey: [] }],
    tags: [{ name: product.slug, description: product.title }],
    paths: part.paths,
    components: sharedComponents({ ...(part.components.schemas ?? {}), Error: errorSchema() }, part.components),
  };
}

function sharedComponents(schemas: Record<string, unknown>, others: Record<string, Record<string, unknown>>): Record<string, unknown> {
  return {
    ...others,
    securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'A Portico API key (`Authorization: Bearer pk_…`); `x-api-key` is accepted too' } },
    schemas,
    responses: { ...(others.responses ?? {}), ...Object.fromEntries(Object.entries(ERROR_RESPONSES).map(([status, description]) => [`Error${status}`, errorResponse(status, description)])) },
  };
}

function operation(product: ApiProductView, version: ApiProductVersionView, id: string): Record<string, unknown> {
  const input = { $ref: `#/components/schemas/${schemaName(product, version, 'Input')}` };
  const output = { $ref: `#/components/schemas/${schemaName(product, version, 'Output')}` };
  const lifecycleHeaders = version.state === 'deprecated' ? deprecationHeaders() : undefined;
  return {
    operationId: id,
    summary: product.title,
    description: [product.description ?? '', `Version ${version.number} (${version.state}); prompt \`${version.promptSlug}\` v${version.promptVersion}.`].filter(Boolean).join('\n\n'),
    tags: [product.slug],
    ...(version.state === 'deprecated' ? { deprecated: true } : {}),
    requestBody: { required: true, content: { 'application/json': { schema: input, example: exampleOf(version.inputSchema) } } },
    responses: {
      '200': {
        description: version.output === 'json' ? 'The model\'s answer as JSON, validated against the output schema' : "The model's answer as text",
        ...(lifecycleHeaders ? { headers: lifecycleHeaders } : {}),
        content: {
          'application/json': { schema: output, example: responseExample(version) },
          'text/event-stream': { schema: { type: 'string', description: 'With `stream: true`: server-sent events, chunk by chunk' } },
        },
      },
      ...Object.fromEntries(Object.keys(ERROR_RESPONSES).map((status) => [status, { $ref: `#/components/responses/Error${status}` }])),
    },
  };
}

function requestSchema(inputSchema: JsonSchema): JsonSchema {
  const schema: JsonSchema = { ...inputSchema };
  delete schema.$schema;
  delete schema.$id;
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  if (schema.type === 'object' || schema.properties) {
    schema.properties = { ...properties, ...(properties.stream ? {} : { stream: { type: 'boolean', default: false, description: 'Answer as server-sent events' } }) };
  }
  return schema;
}

function responseSchema(version: ApiProductVersionView): JsonSchema {
  const output = version.output === 'json' ? stripped(version.outputSchema ?? { description: 'Any JSON value' }) : { type: 'string' };
  return {
    type: 'object',
    required: ['output', 'usage', 'requestId', 'version'],
    properties: {
      output,
      usage: { $ref: '#/components/schemas/Usage' },
      requestId: { type: 'string', description: 'Also in the `x-request-id` header' },
      version: { type: 'integer', description: 'The API version that answered' },
      prompt: { type: 'object', properties: { slug: { type: 'string' }, version: { type: 'integer' } }, description: 'The prompt version behind it' },
    },
  };
}

export function responseExample(version: ApiProductVersionView): Record<string, unknown> {
  return {
    output: version.output === 'json' ? exampleOf(version.outputSchema ?? { type: 'object' }, 'output') : "The model's answer.",
    usage: { promptTokens: 42, completionTokens: 17, totalTokens: 59 },
    requestId: 'req_0123456789',
    version: version.number,
    prompt: { slug: version.promptSlug, version: version.promptVersion },
  };
}

function stripped(schema: JsonSchema): JsonSchema {
  const copy = { ...schema };
  delete copy.$schema;
  delete copy.$id;
  return copy;
}

function usageSchema(): JsonSchema {
  return {
    type: 'object',
    properties: { promptTokens: { type: 'integer' }, completionTokens: { type: 'integer' }, totalTokens: { type: 'integer' } },
  };
}

function errorSchema(): JsonSchema {
  return {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['message', 'type', 'code'],
        properties: {
          message: { type: 'string' },
          type: { type: 'string', examples: ['invalid_request_error', 'permission_error', 'rate_limit_error', 'server_error'] },
          code: { type: ['string', 'null'], examples: ['subscription_required'] },
          param: { type: ['string', 'null'] },
          issues: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
          successor: { type: 'integer', description: 'On 410: the version to call instead' },
        },
      },
    },
  };
}

function errorResponse(status: string, description: string): Record<string, unknown> {
  return {
    description,
    ...(status === '429' ? { headers: { 'retry-after': { description: 'Seconds to wait', schema: { type: 'integer' } } } } : {}),
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  };
}

function deprecationHeaders(): Record<string, unknown> {
  return {
    Deprecation: { description: 'When the version was deprecated (RFC 9745)', schema: { type: 'string' } },
    Sunset: { description: 'When the version stops answering (RFC 8594)', schema: { type: 'string' } },
  };
}

function schemaName(product: ApiProductView, version: ApiProductVersionView, suffix: string): string {
  const base = product.slug.replace(/(^|-)([a-z0-9])/g, (_match, _dash, letter: string) => letter.toUpperCase());
  return `${base}V${version.number}${suffix}`;
}

function operationId(product: ApiProductView): string {
  return `call_${product.slug.replace(/-/g, '_')}`;
}
