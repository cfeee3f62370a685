import type { z } from 'zod';
import { ErrorCode, PorticoError } from '../../common/errors';

/** Parses a request body with `schema`, or answers 400 VALIDATION_FAILED listing every issue. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  throw invalid(`invalid request body: ${issues[0].path || '(body)'} ${issues[0].message}`, issues);
}

export function invalid(message: string, issues: ReadonlyArray<Record<string, unknown>>): PorticoError {
  return new PorticoError(ErrorCode.VALIDATION_FAILED, message, { status: 400, details: { issues } });
}

export function notFound(what: string): PorticoError {
  return new PorticoError(ErrorCode.NOT_FOUND, `${what} not found`, { status: 404 });
}

export function conflict(message: string, details?: Record<string, unknown>): PorticoError {
  return new PorticoError(ErrorCode.CONFLICT, message, { status: 409, details });
}

export function forbidden(message: string, details?: Record<string, unknown>): PorticoError {
  return new PorticoError(ErrorCode.FORBIDDEN, message, { status: 403, details });
}

export function unprocessable(message: string, details?: Record<string, unknown>): PorticoError {
  return new PorticoError(ErrorCode.VALIDATION_FAILED, message, { status: 422, details });
}

/** Postgres unique violation (23505). */
export function isUniqueViolation(error: unknown): boolean {
  const candidate = error as { code?: string; driverError?: { code?: string } };
  return candidate?.code === '23505' || candidate?.driverError?.code === '23505';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids from the URL reach SQL only when well-formed; anything else simply finds nothing. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
