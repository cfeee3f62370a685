import type { IncomingHttpHeaders } from 'node:http';
import type { ApiKeyCheck, ApiKeyRecord } from '../auth/api-keys/api-key-registry';
import { keyAllows, type ScopeTarget } from '../auth/api-keys/api-key-scopes';
import { presentedCredential } from '../auth/presented-credential';
import { DataPlaneError } from './data-plane-error';

/** What the authenticator needs from the key registry: an in-memory check, no database. */
export interface KeyChecker {
  check(rawKey: string, now?: number): ApiKeyCheck;
}

/**
 * Authenticates and authorises data-plane calls (`/v1/...`, `/apis/...`). Plain class, no Nest:
 * one SHA-256 and one map lookup per request (inside `ApiKeyRegistry.check`), then a scope check
 * against pre-compiled patterns. Every refusal is a `DataPlaneError`.
 *
 * @example
 * const key = authenticator.authenticate(request.headers);
 * authenticator.authorize(key, { kind: 'model', name: body.model });
 */
export class DataPlaneAuthenticator {
  constructor(private readonly keys: KeyChecker) {}

  /** The key from `Authorization: Bearer <key>` or `x-api-key: <key>`, checked; throws 401 otherwise. */
  authenticate(headers: IncomingHttpHeaders, now = Date.now()): ApiKeyRecord {
    const presented = presentedCredential(headers);
    if (!presented) {
      throw unauthenticated('No API key provided. Send it as "Authorization: Bearer <key>" or "x-api-key: <key>".');
    }
    const result = this.keys.check(presented, now);
    if (result.ok) return result.key;
    if (result.reason === 'expired') throw unauthenticated(`The API key ${redact(presented)} has expired. Ask for a new key or rotate it.`);
    throw unauthenticated(`Incorrect API key provided: ${redact(presented)}. The key is unknown or revoked.`);
  }

  /** Throws 403 unless the key's scopes reach `target`. */
  authorize(key: ApiKeyRecord, target: ScopeTarget): void {
    if (keyAllows(key.scopes, target)) return;
    throw scopeDenied(target);
  }

  /** `authenticate` then `authorize`, for callers that know the target from the URL alone. */
  authenticateFor(headers: IncomingHttpHeaders, target: ScopeTarget, now = Date.now()): ApiKeyRecord {
    const key = this.authenticate(headers, now);
    this.authorize(key, target);
    return key;
  }
}

/** Enough to recognise a key in a log or an error, never enough to use it. */
function redact(key: string): string {
  const match = /^(ptk_[A-Za-z0-9_-]{12})_/.exec(key);
  return match ? `${match[1]}_…` : key.length > 8 ? `${key.slice(0, 4)}…${key.slice(-2)}` : '…';
}

function unauthenticated(message: string): DataPlaneError {
  return new DataPlaneError(401, 'authentication', 'invalid_api_key', message);
}

function scopeDenied(target: ScopeTarget): DataPlaneError {
  switch (target.kind) {
    case 'model':
      return new DataPlaneError(403, 'permission', 'model_not_allowed', `This API key may not use the model "${target.name}".`, 'model');
    case 'route':
      return new DataPlaneError(403, 'permission', 'model_not_allowed', `This API key may not use the route "${target.name}".`, 'model');
    case 'api':
      return new DataPlaneError(403, 'permission', 'insufficient_scope', `This API key may not call the API "${target.name}".`);
    case 'list_models':
      return new DataPlaneError(403, 'permission', 'insufficient_scope', 'This API key may not list models (it needs read:models or an invoke scope).');
  }
}
