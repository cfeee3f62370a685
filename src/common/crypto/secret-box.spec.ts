import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../errors';
import { maskSecret, SecretBox } from './secret-box';

const keyA = Buffer.alloc(32, 1);
const keyB = Buffer.alloc(32, 2);

describe('SecretBox', () => {
  it('round-trips and never contains the plaintext', () => {
    const box = new SecretBox(keyA);
    const sealed = box.seal('sk-live-abcdefghijklmnop', 'provider_accounts.credential');
    expect(sealed).not.toContain('abcdefghijklmnop');
    expect(sealed.startsWith(`v1.${box.keyId}.`)).toBe(true);
    expect(box.open(sealed, 'provider_accounts.credential')).toBe('sk-live-abcdefghijklmnop');
  });

  it('uses a fresh IV each time', () => {
    const box = new SecretBox(keyA);
    expect(box.seal('same', 'p')).not.toBe(box.seal('same', 'p'));
  });

  it('refuses another purpose, a tampered value and an unknown key, with a coded error', () => {
    const box = new SecretBox(keyA);
    const sealed = box.seal('secret', 'sso.client_secret');
    expect(() => box.open(sealed, 'provider_accounts.credential')).toThrow(expect.objectContaining({ code: ErrorCode.MASTER_KEY_MISMATCH }));
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3], 'base64url');
    body[0] ^= 1;
    parts[3] = body.toString('base64url');
    expect(() => box.open(parts.join('.'), 'sso.client_secret')).toThrow(expect.objectContaining({ code: ErrorCode.MASTER_KEY_MISMATCH }));
    expect(() => new SecretBox(keyB).open(sealed, 'sso.client_secret')).toThrow(expect.objectContaining({ code: ErrorCode.MASTER_KEY_MISMATCH }));
  });

  it('opens values sealed under a previous key during a rotation and marks them stale', () => {
    const old = new SecretBox(keyA).seal('secret', 'p');
    const rotating = new SecretBox(keyB, [keyA]);
    expect(rotating.open(old, 'p')).toBe('secret');
    expect(rotating.isStale(old)).toBe(true);
    expect(rotating.isStale(rotating.seal('secret', 'p'))).toBe(false);
  });
});

describe('maskSecret', () => {
  it.each([
    ['sk-proj-abcdefghijklmnopqrstuvwxyz1234', 'sk-…1234'],
    ['AKIAIOSFODNN7EXAMPLEKEY', '…EKEY'],
    ['short', '…rt'],
  ])('%s → %s', (secret, masked) => {
    expect(maskSecret(secret)).toBe(masked);
  });
});
