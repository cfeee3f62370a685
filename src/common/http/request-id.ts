import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';

/** A caller's id is kept when it is short and plain; anything else is replaced, never echoed. */
const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:\-]{1,128}$/;

export function resolveRequestId(incoming: string | string[] | undefined): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value && ACCEPTABLE_REQUEST_ID.test(value) ? value : randomUUID();
}
