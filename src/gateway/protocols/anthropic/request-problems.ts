import { ANTHROPIC_REQUEST_ERROR_CODES, AnthropicRequestError } from './errors.js';

/** Everything wrong with one body, gathered so the caller learns it all in one 400. */
export class RequestProblems {
  private readonly invalid: Array<[string, string]> = [];
  private readonly unsupported: Array<[string, string]> = [];

  invalidAt(path: string, reason: string): void {
    this.invalid.push([path, reason]);
  }

  unsupportedAt(path: string, reason: string): void {
    this.unsupported.push([path, reason]);
  }

  throwIfAny(): void {
    const all = [...this.invalid, ...this.unsupported];
    if (all.length === 0) return;
    const code = this.invalid.length > 0 ? ANTHROPIC_REQUEST_ERROR_CODES.INVALID : ANTHROPIC_REQUEST_ERROR_CODES.UNSUPPORTED;
    throw new AnthropicRequestError(code, all.map(([path, reason]) => `${path}: ${reason}`), all[0][0]);
  }
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
