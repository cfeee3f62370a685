/**
 * What every answer of a fuzzed request must look like, per surface: never a 5xx (unless the test
 * made the upstream fail), a request id, JSON, and an error body in the surface's own envelope.
 * `violations` returns what is wrong (empty when all is well), so a failing property says why.
 */
export type Surface = 'openai' | 'anthropic' | 'apis' | 'admin';

export interface ObservedResponse {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

export interface Expectations {
  /** 502/503/504 are allowed: the test made the upstream fail on purpose. */
  upstreamMayFail?: boolean;
  /** Statuses this input must produce (e.g. 413 for a body over the limit). */
  statusIn?: readonly number[];
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isStringOrNull = (value: unknown) => value === null || typeof value === 'string';

function openAiEnvelopeProblems(body: Record<string, unknown>): string[] {
  const error = body.error as Record<string, unknown> | undefined;
  if (!error || typeof error !== 'object') return ['no `error` object (OpenAI envelope)'];
  const problems: string[] = [];
  if (!isString(error.message)) problems.push('error.message is not a string');
  if (!isString(error.type)) problems.push('error.type is not a string');
  if (!('code' in error) || !isStringOrNull(error.code)) problems.push('error.code is missing or not string|null');
  if (!('param' in error) || !isStringOrNull(error.param)) problems.push('error.param is missing or not string|null');
  if (isString(error.code) && error.code.startsWith('PORTICO_ERR_')) problems.push(`error.code ${error.code} is the admin API's code, not a data-plane one`);
  return problems;
}

function anthropicEnvelopeProblems(body: Record<string, unknown>): string[] {
  const error = body.error as Record<string, unknown> | undefined;
  const problems: string[] = [];
  if (body.type !== 'error') problems.push('type is not "error" (Anthropic envelope)');
  if (!error || typeof error !== 'object') return [...problems, 'no `error` object (Anthropic envelope)'];
  if (!isString(error.type)) problems.push('error.type is not a string');
  if (!isString(error.message)) problems.push('error.message is not a string');
  return problems;
}

function adminEnvelopeProblems(body: Record<string, unknown>, response: ObservedResponse): string[] {
  const error = body.error as Record<string, unknown> | undefined;
  if (!error || typeof error !== 'object') return ['no `error` object (admin problem envelope)'];
  const problems: string[] = [];
  if (!isString(error.code) || !/^PORTICO_ERR_[A-Z_]+$/.test(error.code)) problems.push(`error.code ${String(error.code)} is not a PORTICO_ERR_* code`);
  if (!isString(error.message)) problems.push('error.message is not a string');
  if (error.status !== response.statusCode) problems.push(`error.status ${String(error.status)} differs from the HTTP status`);
  if (error.requestId !== response.headers['x-request-id']) problems.push('error.requestId differs from x-request-id');
  return problems;
}

export function violations(surface: Surface, response: ObservedResponse, expectations: Expectations = {}): string[] {
  const { statusCode } = response;
  const problems: string[] = [];
  const upstreamStatus = statusCode === 502 || statusCode === 503 || statusCode === 504;
  if (statusCode >= 500 && !(expectations.upstreamMayFail && upstreamStatus)) problems.push(`answered ${statusCode}`);
  if (expectations.statusIn && !expectations.statusIn.includes(statusCode)) problems.push(`answered ${statusCode}, expected one of ${expectations.statusIn.join('/')}`);
  if (!response.headers['x-request-id']) problems.push('no x-request-id header');
  const contentType = String(response.headers['content-type'] ?? '');
  // Successful answers may be a stream or an export (CSV, NDJSON); errors are always JSON.
  const exported = statusCode < 400 && /^(text\/event-stream|text\/csv|application\/x-ndjson)/.test(contentType);
  if (!exported && !contentType.startsWith('application/json') && !(statusCode === 204 && response.body === '')) problems.push(`content-type is "${contentType}", not JSON`);
  if (statusCode < 400) return problems;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(response.body) as Record<string, unknown>;
  } catch {
    return [...problems, `error body is not JSON: ${response.body.slice(0, 120)}`];
  }
  if (surface === 'anthropic') problems.push(...anthropicEnvelopeProblems(body));
  else if (surface === 'admin') problems.push(...adminEnvelopeProblems(body, response));
  else problems.push(...openAiEnvelopeProblems(body));
  return problems;
}

/** Throws (so fast-check records a failing case) when the response breaks a property; `label` says which request. */
export function assertWellFormed(surface: Surface, label: string, response: ObservedResponse, expectations: Expectations = {}): void {
  const found = violations(surface, response, expectations);
  if (found.length > 0) throw new Error(`${label} → ${response.statusCode}: ${found.join('; ')}\n  body: ${response.body.slice(0, 300)}`);
}

/** The surface whose envelope a data-plane URL answers in. */
export function surfaceOf(url: string): Surface {
  if (url.startsWith('/v1/messages')) return 'anthropic';
  if (url.startsWith('/v1')) return 'openai';
  if (url.startsWith('/apis')) return 'apis';
  return 'admin';
}
