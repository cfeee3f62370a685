import type { RestOperationView } from '../../prompt-apis/api-product-catalog';

interface CompiledOperation {
  readonly operation: RestOperationView;
  readonly pattern: RegExp;
  /** Literal characters in the template: a more literal template wins (`/pets/mine` over `/pets/{id}`). */
  readonly literalLength: number;
}

/**
 * Matches a request's method and path (below `/rest/<slug>/v<n>`) against the operations of an
 * OpenAPI document. A path parameter matches one non-empty segment; query strings are not part of
 * the match. Built once per published version, so the request path only runs regular expressions.
 */
export class OperationMatcher {
  private readonly compiled: CompiledOperation[];

  constructor(operations: readonly RestOperationView[]) {
    this.compiled = operations
      .map((operation) => ({ operation, pattern: templatePattern(operation.path), literalLength: operation.path.replace(/\{[^}]*\}/g, '').length }))
      .sort((a, b) => b.literalLength - a.literalLength);
  }

  match(method: string, path: string): RestOperationView | undefined {
    const lower = method.toLowerCase();
    const normalised = path === '' ? '/' : path;
    return this.compiled.find((entry) => entry.operation.method === lower && entry.pattern.test(normalised))?.operation;
  }

  /** Whether any operation answers this path (with another method): 405 rather than 404. */
  allows(path: string): string[] {
    const normalised = path === '' ? '/' : path;
    return [...new Set(this.compiled.filter((entry) => entry.pattern.test(normalised)).map((entry) => entry.operation.method.toUpperCase()))];
  }
}

function templatePattern(template: string): RegExp {
  const source = template
    .split(/(\{[^}]*\})/)
    .map((part) => (part.startsWith('{') && part.endsWith('}') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}/?$`);
}
