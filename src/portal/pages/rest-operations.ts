import type { RestApiVersionView, RestOperationView } from '../../prompt-apis/api-product-catalog';
import type { JsonSchema } from '../../prompts/templates/prompt-variables';
import { exampleOf, typeOf } from '../openapi/schema-example';

type Json = Record<string, unknown>;

/** One path or query parameter of an operation, with a value to show and prefill. */
export interface RestParameterExample {
  readonly name: string;
  readonly in: 'path' | 'query';
  readonly required: boolean;
  readonly type: string;
  readonly description: string | null;
  /** As it goes into the URL, before percent-encoding. */
  readonly example: string;
}

/** A request body of an operation: its media type and an example, already serialised. */
export interface RestBodyExample {
  readonly contentType: string;
  readonly required: boolean;
  readonly example: string;
}

/** One declared operation with what the portal needs to document it and to try it. */
export interface RestOperationExample extends RestOperationView {
  readonly description: string | null;
  readonly parameters: readonly RestParameterExample[];
  readonly body: RestBodyExample | null;
}

const MAX_REF_HOPS = 20;

/**
 * Every declared operation of a version with example path and query values and a request body
 * generated from its OpenAPI document (the document's own examples first, else from the schema).
 * Only references inside the document are followed; a recursive schema is cut at its first repeat.
 */
export function operationExamples(version: RestApiVersionView): RestOperationExample[] {
  const document = version.document as Json;
  const paths = (document.paths ?? {}) as Record<string, Json>;
  return version.operations.map((operation) => {
    const item = resolve(document, paths[operation.path] ?? {});
    const declared = resolve(document, (item[operation.method] ?? {}) as Json);
    return {
      ...operation,
      description: typeof declared.description === 'string' ? declared.description : null,
      parameters: parametersOf(document, item, declared),
      body: bodyOf(document, declared.requestBody),
    };
  });
}

/** The URL path of an operation with every `{name}` replaced by its (percent-encoded) example. */
export function examplePath(operation: RestOperationExample): string {
  const values = new Map(operation.parameters.filter((parameter) => parameter.in === 'path').map((parameter) => [parameter.name, parameter.example]));
  const path = operation.path.replace(/\{([^}]+)\}/g, (_match, name: string) => encodeURIComponent(values.get(name) ?? name));
  const query = new URLSearchParams(operation.parameters.filter((parameter) => parameter.in === 'query' && parameter.required).map((parameter): [string, string] => [parameter.name, parameter.example]));
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

/** Path-item parameters, overridden by the operation's own of the same name and place. */
function parametersOf(document: Json, item: Json, operation: Json): RestParameterExample[] {
  const byKey = new Map<string, Json>();
  for (const list of [item.parameters, operation.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      const parameter = resolve(document, entry as Json);
      if (typeof parameter.name === 'string' && (parameter.in === 'path' || parameter.in === 'query')) byKey.set(`${parameter.in}:${parameter.name}`, parameter);
    }
  }
  return [...byKey.values()].map((parameter) => {
    const schema = dereference(document, parameter.schema ?? {}) as JsonSchema;
    const value = 'example' in parameter ? parameter.example : firstExample(parameter.examples) ?? exampleOf(schema, parameter.name as string);
    return {
      name: parameter.name as string,
      in: parameter.in as 'path' | 'query',
      required: parameter.in === 'path' || parameter.required === true,
      type: typeOf(schema),
      description: typeof parameter.description === 'string' ? parameter.description : null,
      example: typeof value === 'string' ? value : JSON.stringify(value ?? ''),
    };
  });
}

function bodyOf(document: Json, requestBody: unknown): RestBodyExample | null {
  if (typeof requestBody !== 'object' || requestBody === null) return null;
  const body = resolve(document, requestBody as Json);
  const content = Object.entries((body.content ?? {}) as Record<string, Json>);
  if (content.length === 0) return null;
  const [contentType, media] = content.find(([type]) => isJson(type)) ?? content[0]!;
  const value = 'example' in media ? media.example : firstExample(media.examples) ?? exampleOf(dereference(document, media.schema ?? {}) as JsonSchema, 'body');
  const example = isJson(contentType) ? JSON.stringify(value, null, 2) : typeof value === 'string' ? value : JSON.stringify(value);
  return { contentType, required: body.required === true, example };
}

export function isJson(contentType: string): boolean {
  return /^application\/([\w.-]+\+)?json\b/i.test(contentType.trim());
}

/** OpenAPI's `examples` map (`{name: {value}}`, maybe by `$ref`, here only inline) or a JSON Schema `examples` array. */
function firstExample(examples: unknown): unknown {
  if (Array.isArray(examples)) return examples[0];
  if (typeof examples !== 'object' || examples === null) return undefined;
  const first = Object.values(examples as Record<string, Json>)[0];
  return first && typeof first === 'object' && 'value' in first ? first.value : undefined;
}

/** The object a `$ref` points at (hop by hop), or the object itself. */
function resolve(document: Json, value: Json): Json {
  let current: unknown = value;
  for (let hops = 0; hops < MAX_REF_HOPS && isRef(current); hops++) current = pointer(document, current.$ref);
  return typeof current === 'object' && current !== null && !isRef(current) ? (current as Json) : {};
}

/** A schema with every internal `$ref` replaced by its target; a reference back into itself keeps only its `type`. */
function dereference(document: Json, value: unknown, trail: readonly string[] = []): unknown {
  if (Array.isArray(value)) return value.map((entry) => dereference(document, entry, trail));
  if (typeof value !== 'object' || value === null) return value;
  if (isRef(value)) {
    const target = pointer(document, value.$ref);
    if (trail.includes(value.$ref) || trail.length >= MAX_REF_HOPS) return typeof target === 'object' && target !== null && 'type' in target ? { type: (target as Json).type } : {};
    return dereference(document, target, [...trail, value.$ref]);
  }
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, dereference(document, entry, trail)]));
}

function isRef(value: unknown): value is { $ref: string } {
  return typeof value === 'object' && value !== null && typeof (value as Json).$ref === 'string';
}

/** A JSON Pointer inside the document (`#/components/schemas/Pet`); anything else resolves to nothing. */
function pointer(document: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let current: unknown = document;
  for (const segment of ref.slice(2).split('/')) {
    const key = decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof current !== 'object' || current === null || !Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = (current as Json)[key];
  }
  return current;
}
