/** What a secret is replaced with in an audit entry. */
export const MASKED = '***';

/** Words that make a member a secret wherever they appear in its name (`clientSecret`, `refresh_token`, `passwordHash`). */
const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'passphrase',
  'secret',
  'secrets',
  'token',
  'credential',
  'credentials',
  'private',
  'privatekey',
  'apikey',
  'keyhash',
  'authorization',
  'cookie',
  'cookies',
]);

/** Two words that together name a secret (`apiKey`, `key_hash`, `masterKey`). */
const SECRET_PAIRS = new Set(['api key', 'key hash', 'master key', 'access key', 'signing key', 'encryption key', 'session key', 'private key']);

/**
 * Last words that name something about a secret, not the secret: `apiKeyId`, `credentialHint`,
 * `tokenExpiresAt`, `passwordChangedAt`. Plural `tokens` (a count) is not the word `token`.
 */
const DESCRIPTIVE_LAST_WORDS = new Set(['id', 'ids', 'hint', 'hints', 'count', 'at', 'prefix', 'type', 'kind']);

/** Values that are secrets whatever they are called: whole Portico keys (not their `ptk_<id>_…` prefix), bearer headers, PEM blocks, OpenAI-style keys. */
const SECRET_VALUE = /^(ptk_[A-Za-z0-9]+_[A-Za-z0-9_-]{8,}|Bearer\s|Basic\s|-----BEGIN [A-Z ]*PRIVATE KEY|sk-[A-Za-z0-9_-]{16,})/;

export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Whether a member called `name` holds a secret. The bare name `key` does (a minted key, shown once). */
export function isSecretName(name: string): boolean {
  const words = nameWords(name);
  if (words.length === 0) return false;
  if (words.length === 1 && words[0] === 'key') return true;
  if (DESCRIPTIVE_LAST_WORDS.has(words[words.length - 1])) return false;
  if (words.some((word) => SECRET_WORDS.has(word))) return true;
  return words.slice(1).some((word, index) => SECRET_PAIRS.has(`${words[index]} ${word}`));
}

/**
 * A copy of a JSON value with every secret replaced by `***`, at any depth: members whose name
 * says secret (their whole value, even an object or a list) and strings that look like one.
 * `null` and booleans stay (`hasCredential: true`, "no password" remain visible).
 */
export function maskSecrets(value: unknown): unknown {
  if (typeof value === 'string') return SECRET_VALUE.test(value) ? MASKED : value;
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([name, member]) => [name, hidesSecret(name, member) ? MASKED : maskSecrets(member)]),
    );
  }
  return value;
}

function hidesSecret(name: string, value: unknown): boolean {
  return value !== null && typeof value !== 'boolean' && isSecretName(name);
}
