import SwaggerParser from '@apidevtools/swagger-parser';
import type { RestOperationView } from '../../prompt-apis/api-product-catalog';

/** One problem a registered OpenAPI document has, as the parser reported it. */
export interface DocumentProblem {
  readonly path: string;
  readonly message: string;
}

export type DocumentVerdict = { readonly ok: true; readonly operations: RestOperationView[] } | { readonly ok: false; readonly problems: DocumentProblem[] };

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * Validates an upstream's OpenAPI 3.0/3.1 document with swagger-parser (schema and spec rules),
 * resolving only internal `$ref`s: a registered document never makes Portico read a file or a URL.
 * Swagger 2.0 is refused; a document must declare at least one operation.
 */
export async function checkUpstreamDocument(document: unknown): Promise<DocumentVerdict> {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return refused('', 'the OpenAPI document must be a JSON object');
  const version = (document as Record<string, unknown>).openapi;
  if (typeof version !== 'string' || !/^3\.[01]\.\d+$/.test(version)) return refused('openapi', 'must be an OpenAPI 3.0.x or 3.1.x document (`"openapi": "3.1.0"`)');
  const external = externalRefs(document, []);
  if (external.length > 0) return { ok: false, problems: external.slice(0, 50) };
  try {
    await SwaggerParser.validate(structuredClone(document) as never, { resolve: { external: false }, dereference: { circular: 'ignore' } });
  } catch (error) {
    return { ok: false, problems: problemsOf(error) };
  }
  const operations = operationsOf(document as Record<string, unknown>);
  if (operations.length === 0) return refused('paths', 'declares no operation: Portico forwards only the operations a document declares');
  return { ok: true, operations };
}

/** Every operation of a (valid) document, in document order. */
export function operationsOf(document: Record<string, unknown>): RestOperationView[] {
  const operations: RestOperationView[] = [];
  for (const [path, item] of Object.entries((document.paths ?? {}) as Record<string, Record<string, unknown>>)) {
    for (const method of METHODS) {
      const operation = item?.[method] as Record<string, unknown> | undefined;
      if (!operation) continue;
      operations.push({
        method,
        path,
        operationId: typeof operation.operationId === 'string' ? operation.operationId : null,
        summary: typeof operation.summary === 'string' ? operation.summary : null,
      });
    }
  }
  return operations;
}

/** A registered document stands alone: the portal serves it and the proxy matches it without fetching anything. */
function externalRefs(value: unknown, at: string[]): DocumentProblem[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, entry]) => {
    if (key === '$ref' && typeof entry === 'string' && !entry.startsWith('#')) return [{ path: [...at, key].join('.'), message: `'${entry.slice(0, 200)}': only references inside the document ('#/…') are allowed` }];
    return externalRefs(entry, [...at, key]);
  });
}

function refused(path: string, message: string): DocumentVerdict {
  return { ok: false, problems: [{ path, message }] };
}

/** Ajv's errors (schema rules) one by one; otherwise the parser's own message (spec rules, bad `$ref`s). */
function problemsOf(error: unknown): DocumentProblem[] {
  const details = (error as { details?: unknown }).details;
  if (Array.isArray(details) && details.length > 0) {
    const seen = new Set<string>();
    return details
      .map((detail: { instancePath?: string; message?: string; params?: Record<string, unknown> }) => ({
        path: (detail.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.').replace(/~1/g, '/').replace(/~0/g, '~'),
        message: [detail.message ?? 'is invalid', detail.params && 'additionalProperty' in detail.params ? `: '${String(detail.params.additionalProperty)}'` : ''].join(''),
      }))
      .filter((problem) => !seen.has(`${problem.path}|${problem.message}`) && Boolean(seen.add(`${problem.path}|${problem.message}`)))
      .slice(0, 50);
  }
  const message = error instanceof Error ? error.message : String(error);
  return [{ path: '', message: message.split('\n').filter(Boolean).slice(0, 3).join(' ') }];
}
