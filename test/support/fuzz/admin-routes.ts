import fc from 'fast-check';
import type { RouteInfo } from '../routes';
import { hostileQueryValue, hostileSegment, hostileText, wrongTypeValue } from './hostile-input';

/** The parts of the admin API's OpenAPI document (`/docs-json`) the fuzzers read: query filters and body schemas. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; requestBody?: { content?: Record<string, { schema?: SchemaRef }> } }>>;
  components?: { schemas?: Record<string, { properties?: Record<string, unknown> }> };
}
type SchemaRef = { $ref?: string; properties?: Record<string, unknown> };

/** A route with what the document says about it. */
export interface FuzzRoute extends RouteInfo {
  params: string[];
  queryNames: string[];
  bodyProperties: string[];
}

function operationOf(document: OpenApiDocument, route: RouteInfo) {
  const openApiPath = route.path.replace(/:(\w+)/g, '{$1}');
  return document.paths[openApiPath]?.[route.method.toLowerCase()];
}

export function describeRoutes(routes: RouteInfo[], document: OpenApiDocument): FuzzRoute[] {
  return routes.map((route) => {
    const operation = operationOf(document, route);
    const schema = operation?.requestBody?.content?.['application/json']?.schema;
    const resolved = schema?.$ref ? document.components?.schemas?.[schema.$ref.split('/').pop()!] : schema;
    return {
      ...route,
      params: [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1]!),
      queryNames: (operation?.parameters ?? []).filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name),
      bodyProperties: Object.keys(resolved?.properties ?? {}),
    };
  });
}

/** Fills `:params` from `values` (by name) or with `fallback`. */
export function fillPath(path: string, values: Record<string, string>, fallback: (name: string) => string): string {
  return path.replace(/:(\w+)/g, (_match, name: string) => values[name] ?? fallback(name));
}

/** Hostile values for every path parameter of a route, by name. */
export function hostileParams(route: FuzzRoute): fc.Arbitrary<Record<string, string>> {
  return fc.tuple(...route.params.map(() => hostileSegment)).map((values) => Object.fromEntries(route.params.map((name, index) => [name, values[index]!])));
}

/** A query string setting some of the route's documented filters (plus an unknown one) to SQL metacharacters, unicode or wrong types. */
export function hostileQuery(route: FuzzRoute): fc.Arbitrary<string> {
  const names = [...route.queryNames, 'unknownFilter', 'limit', 'cursor'];
  const value = fc.oneof(hostileQueryValue, fc.constantFrom('-1', '0', '1e309', 'NaN', '99999999999999999999', 'true', '', '2026-13-45', '%00', 'null', 'a,b', '[]'));
  return fc
    .uniqueArray(fc.tuple(fc.constantFrom(...names), value), { minLength: 1, maxLength: 4, selector: ([name]) => name })
    .map((pairs) => pairs.map(([name, text]) => `${encodeURIComponent(name)}=${text}`).join('&'))
    .chain((query) => fc.constantFrom(query, query.replace(/=([^&]*)/, '=$1&$&')));
}

/** A JSON body with the route's documented fields (some of them) set to right, wrong or hostile values. */
export function hostileBody(route: FuzzRoute): fc.Arbitrary<string> {
  const names = route.bodyProperties.length > 0 ? route.bodyProperties : ['name'];
  const plausible = fc.constantFrom<unknown>('x', 'viewer', 1, true, [], {}, '00000000-0000-4000-8000-000000000000', '2099-01-01T00:00:00Z');
  const value = fc.oneof(plausible, wrongTypeValue, hostileText);
  return fc.dictionary(fc.constantFrom(...names), value, { minKeys: 0, maxKeys: names.length }).map((body) => JSON.stringify(body));
}
