import type { IncomingHttpHeaders } from 'node:http';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * The credential a caller presents, on the admin API and the data plane alike:
 * `Authorization: Bearer <token or key>`, else `x-api-key: <key>`.
 */
export function presentedCredential(headers: IncomingHttpHeaders): string | undefined {
  const authorization = headers.authorization;
  if (authorization) {
    const match = BEARER.exec(authorization);
    if (match) return match[1];
  }
  const apiKey = headers['x-api-key'];
  const value = Array.isArray(apiKey) ? apiKey[0] : apiKey;
  return value ? value.trim() || undefined : undefined;
}
