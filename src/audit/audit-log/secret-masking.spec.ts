import { describe, expect, it } from 'vitest';
import { isSecretName, MASKED, maskSecrets } from './secret-masking';

describe('isSecretName', () => {
  it.each(['password', 'passwordHash', 'password_hash', 'clientSecret', 'client_secret', 'secret', 'token', 'refreshToken', 'access_token', 'apiKey', 'api_key', 'APIKey', 'keyHash', 'key_hash', 'credential', 'credentials', 'privateKey', 'private_key', 'masterKey', 'authorization', 'Cookie', 'key'])(
    '%s is a secret',
    (name) => expect(isSecretName(name)).toBe(true),
  );

  it.each(['apiKeyId', 'credentialHint', 'credentialId', 'tokenExpiresAt', 'passwordChangedAt', 'maxTokens', 'inputTokens', 'keyId', 'name', 'scopes', 'publicKeyPrefix', 'issuerUrl', 'role'])(
    '%s is not a secret',
    (name) => expect(isSecretName(name)).toBe(false),
  );
});

describe('maskSecrets', () => {
  it('masks secret members at any depth, whole objects and lists included, and keeps the rest', () => {
    const masked = maskSecrets({
      name: 'openai',
      credential: 'sk-live-123',
      config: { clientSecret: 'abc', issuer: 'https://idp', nested: [{ password: 'p', user: 'u' }] },
      credentials: [{ id: 1, value: 'x' }],
      passwordHash: null,
      hasCredential: true,
    });
    expect(masked).toEqual({
      name: 'openai',
      credential: MASKED,
      config: { clientSecret: MASKED, issuer: 'https://idp', nested: [{ password: MASKED, user: 'u' }] },
      credentials: MASKED,
      passwordHash: null,
      hasCredential: true,
    });
  });

  it('masks values that look like secrets whatever their name', () => {
    expect(maskSecrets({ prefix: 'ptk_abc123_…', note: 'ptk_abc123_0123456789abcdef', header: 'Bearer eyJ', pem: '-----BEGIN RSA PRIVATE KEY-----\n…', other: 'sk-proj-aaaaaaaaaaaaaaaaaaaa', plain: 'skeleton' })).toEqual({
      prefix: 'ptk_abc123_…',
      note: MASKED,
      header: MASKED,
      pem: MASKED,
      other: MASKED,
      plain: 'skeleton',
    });
  });
});
