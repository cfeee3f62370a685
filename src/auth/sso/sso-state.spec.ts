import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../common/errors';
import { assertSafeReturnTo, callbackUrl, createState, hashState, returnToOf } from './sso-state';

describe('SSO state', () => {
  it('is 256 random bits, optionally carrying returnTo, and hashes to 32 bytes', () => {
    const plain = createState(undefined);
    expect(plain).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(returnToOf(plain)).toBeUndefined();
    const carrying = createState('/console?tab=keys');
    expect(returnToOf(carrying)).toBe('/console?tab=keys');
    expect(hashState(carrying)).toHaveLength(32);
    expect(hashState(carrying).equals(hashState(plain))).toBe(false);
  });

  it('accepts only same-origin paths as returnTo', () => {
    for (const good of [undefined, '/', '/console', '/a/b?c=d#e']) expect(() => assertSafeReturnTo(good)).not.toThrow();
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', 'console', '/a b', `/${'x'.repeat(2000)}`]) {
      expect(() => assertSafeReturnTo(bad)).toThrow(expect.objectContaining({ code: ErrorCode.VALIDATION_FAILED, status: 400 }));
    }
  });

  it('derives the callback from the origin and refuses any other redirect_uri', () => {
    expect(callbackUrl('http://127.0.0.1:3000', undefined)).toBe('http://127.0.0.1:3000/auth/sso/callback');
    expect(callbackUrl('https://gw.example', 'https://gw.example/auth/sso/callback')).toBe('https://gw.example/auth/sso/callback');
    expect(() => callbackUrl('https://gw.example', 'https://evil.example/auth/sso/callback')).toThrow(expect.objectContaining({ code: ErrorCode.VALIDATION_FAILED }));
  });
});
