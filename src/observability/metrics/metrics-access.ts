import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * Who may scrape `/metrics`: anyone when no token is configured, otherwise only a caller sending
 * `Authorization: Bearer <token>`. Both sides are hashed before the constant-time comparison, so
 * neither the content nor the length of the token leaks through timing.
 */
export class MetricsAccess {
  private readonly expected: Buffer | undefined;

  constructor(token: string | undefined) {
    this.expected = token === undefined ? undefined : digest(token);
  }

  get protected(): boolean {
    return this.expected !== undefined;
  }

  allows(headers: IncomingHttpHeaders): boolean {
    if (this.expected === undefined) return true;
    const presented = BEARER.exec(headers.authorization ?? '')?.[1];
    return presented !== undefined && timingSafeEqual(digest(presented), this.expected);
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
