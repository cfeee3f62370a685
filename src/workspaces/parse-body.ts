import { z } from 'zod';
import { ErrorCode, PorticoError } from '../common/errors';

/** Parses a request body with `schema`, or answers 400 VALIDATION_FAILED listing every issue. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const first = issues[0];
  throw new PorticoError(ErrorCode.VALIDATION_FAILED, `invalid request body: ${first.path || '(body)'} ${first.message}`, {
    status: 400,
    details: { issues },
  });
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

/** Postgres unique violation (23505), e.g. a duplicate slug, name or e-mail. */
export function isUniqueViolation(error: unknown): boolean {
  const candidate = error as { code?: string; driverError?: { code?: string } };
  return candidate?.code === '23505' || candidate?.driverError?.code === '23505';
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** An e-mail address, trimmed and lower-cased the way `users.email` stores it. */
export const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(320));
