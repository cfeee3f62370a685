import type { RestApiProductView, RestApiVersionView } from '../../prompt-apis/api-product-catalog';

type Json = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** Portico's own refusals, added to an operation where the upstream's document says nothing of that status. */
const PORTICO_RESPONSES = ['401', '403', '404', '410', '429', '502'];
const COMPONENT_TYPES = ['schemas', 'responses', 'parameters', 'examples', 'requestBodies', 'headers', 'links', 'callbacks', 'pathItems'];

/** The operations of one REST API version as Portico serves them, ready to merge into a document. */
export interface RestDocumentPart {
  readonly paths: Json;
  /** By component type, then (prefixed) name. */
  readonly components: Record<string, Json>;
}

/**
 * One version's upstream document rewritten for callers of Portico: paths under `pathPrefix`
 * (`/rest/<slug>/v<n>` in the merged document, nothing in the API's own one), component names and
 * `$ref`s under `namePrefix` and operation ids under `idPrefix` (so several APIs merge without
 * clashes), the upstream's own security and servers replaced by Portico's key, and Portico's
 * refusals documented beside the upstream's answers.
 */
export function restDocumentPart(product: RestApiProductView, version: RestApiVersionView, prefixes: { path: string; name: string; id: string }): RestDocumentPart {
  const source = rewriteRefs(version.document, prefixes.name) as Json;
  const components: Record<string, Json> = {};
  const upstreamComponents = (source.components ?? {}) as Record<string, Json>;
  for (const type of COMPONENT_TYPES) {
    const entries = Object.entries(upstreamComponents[type] ?? {});
    if (entries.length > 0) components[type] = Object.fromEntries(entries.map(([name, value]) => [`${prefixes.name}${name}`, value]));
  }
  const paths: Json = {};
  for (const [path, item] of Object.entries((source.paths ?? {}) as Record<string, Json>)) {
    const rewritten: Json = {};
    for (const [field, value] of Object.entries(item ?? {})) {
      if (field === 'servers') continue;
      rewritten[field] = METHODS.includes(field) ? operationFor(product, version, value as Json, prefixes.id) : value;
    }
    paths[`${prefixes.path}${path}`] = rewritten;
  }
  return { paths, components };
}

function operationFor(product: RestApiProductView, version: RestApiVersionView, operation: Json, idPrefix: string): Json {
  const { security: _security, servers: _servers, ...rest } = operation;
  const responses = { ...((rest.responses ?? {}) as Json) };
  for (const status of PORTICO_RESPONSES) responses[status] ??= { $ref: `#/components/responses/Error${status}` };
  return {
    ...rest,
    ...(typeof rest.operationId === 'string' ? { operationId: `${idPrefix}${rest.operationId}` } : {}),
    tags: [product.slug],
    ...(version.state === 'deprecated' ? { deprecated: true } : {}),
    responses,
  };
}

/** Every `$ref: '#/components/<type>/<name>'` of the document, pointed at the prefixed name. */
function rewriteRefs(value: unknown, namePrefix: string): unknown {
  if (Array.isArray(value)) return value.map((entry) => rewriteRefs(entry, namePrefix));
  if (typeof value !== 'object' || value === null) return value;
  const out: Json = {};
  for (const [key, entry] of Object.entries(value as Json)) {
    out[key] = key === '$ref' && typeof entry === 'string' && namePrefix ? entry.replace(/^#\/components\/([^/]+)\//, `#/components/$1/${namePrefix}`) : rewriteRefs(entry, namePrefix);
  }
  return out;
}

/** `PetStoreV2_`: a component-name prefix unique per API version. */
export function restNamePrefix(product: RestApiProductView, version: RestApiVersionView): string {
  return `${product.slug.replace(/(^|-)([a-z0-9])/g, (_match, _dash, letter: string) => letter.toUpperCase())}V${version.number}_`;
}
