import { createHash, hash, randomBytes } from 'node:crypto';

/** Portico API keys read `ptk_<publicId>_<secret>`; only the SHA-256 of the whole key is stored. */
export const API_KEY_PREFIX = 'ptk_';

export interface ApiKeyMaterial {
  publicId: string;
  /** The full key, to be shown once and then forgotten. */
  key: string;
  hash: Buffer;
}

export function generateApiKey(): ApiKeyMaterial {
  const publicId = randomBytes(9).toString('base64url');
  const secret = randomBytes(32).toString('base64url');
  const key = `${API_KEY_PREFIX}${publicId}_${secret}`;
  return { publicId, key, hash: hashApiKey(key) };
}

/** A key supplied by the operator (e.g. `PORTICO_BOOTSTRAP_API_KEY`) keeps its value; it gets a fresh public id. */
export function importApiKey(key: string): ApiKeyMaterial {
  return { publicId: randomBytes(9).toString('base64url'), key, hash: hashApiKey(key) };
}

/**
 * A fast hash suffices: keys carry 256 bits of entropy, so there is nothing to brute-force,
 * and the data plane must verify a key in microseconds.
 */
export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** `hashApiKey` as base64, in one call (the data plane's lookup key: no intermediate Buffer per request). */
export function hashApiKeyBase64(key: string): string {
  return hash('sha256', key, 'base64');
}
