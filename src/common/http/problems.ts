import { z } from 'zod';
import { ErrorCode, PorticoError } from '../errors';

/**
 * The control plane's usual refusals, and request-body parsing with zod: one place, so every
 * module answers the same codes and statuses.
 */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown, status = 400): z.infer<T> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  throw invalid(`invalid request body: ${issues[0].path || '(body)'} ${issues[0].message}`, issues, status);
}

export function invalid(message: string, issues: ReadonlyArray<Record<string, unknown>>, status = 400): PorticoError {
  return new PorticoError(ErrorCode.VALIDATION_FAILED, message, { status, details: { issues } });
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

/** Postgres unique violation (23505), e.g. a duplicate slug, name or e-mail. */
export function isUniqueViolation(error: unknown): boolean {
  const candidate = error as { code?: string; driverError?: { code?: string } };
  return candidate?.code === '23505' || candidate?.driverError?.code === '23505';
}

/**
 * Postgres refusing a character it cannot store in text (U+0000 is the usual one, 22021), or cannot
 * convert (22P05). Such a value can only have come from the request, so it is the caller's 400.
 */
export function isUnstorableCharacter(error: unknown): boolean {
  const candidate = error as { code?: string; driverError?: { code?: string } };
  const code = candidate?.driverError?.code ?? candidate?.code;
  return code === '22021' || code === '22P05';
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Ids from the URL reach SQL only when well-formed; anything else simply finds nothing. */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

/** An e-mail address, trimmed and lower-cased the way `users.email` stores it. */
export const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(320));
