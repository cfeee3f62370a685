import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../common/errors';
import { classifyRejection, generateRefreshToken, hashRefreshToken, refreshExpiry, rejectionError } from './refresh-token-rules';

const now = new Date('2026-01-10T12:00:00Z');
const later = new Date('2026-02-01T00:00:00Z');
const earlier = new Date('2026-01-01T00:00:00Z');

describe('refresh token rules', () => {
  it('generates 256-bit tokens and keeps only their SHA-256', () => {
    const a = generateRefreshToken();
    const b = generateRefreshToken();
    expect(a.token).toMatch(/^prt_[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toHaveLength(32);
    expect(a.hash.equals(hashRefreshToken(a.token))).toBe(true);
  });

  it('expires a session 30 days after its last rotation', () => {
    expect(refreshExpiry(now).toISOString()).toBe('2026-02-09T12:00:00.000Z');
  });

  it('calls an unknown token unknown', () => {
    expect(classifyRejection(null, now)).toBe('unknown');
  });

  it('calls a used token reused, even when it is also revoked or expired', () => {
    expect(classifyRejection({ usedAt: earlier, revokedAt: null, expiresAt: later }, now)).toBe('reused');
    expect(classifyRejection({ usedAt: earlier, revokedAt: earlier, expiresAt: earlier }, now)).toBe('reused');
  });

  it('calls a revoked or expired unused token invalid', () => {
    expect(classifyRejection({ usedAt: null, revokedAt: earlier, expiresAt: later }, now)).toBe('revoked');
    expect(classifyRejection({ usedAt: null, revokedAt: null, expiresAt: now }, now)).toBe('expired');
  });

  it('treats a valid-looking token that lost a rotation race as a replay', () => {
    expect(classifyRejection({ usedAt: null, revokedAt: null, expiresAt: later }, now)).toBe('reused');
  });

  it('maps a replay to REFRESH_TOKEN_REUSED and the rest to REFRESH_TOKEN_INVALID, all 401', () => {
    expect(rejectionError('reused')).toMatchObject({ code: ErrorCode.REFRESH_TOKEN_REUSED, status: 401 });
    for (const rejection of ['unknown', 'revoked', 'expired'] as const) {
      expect(rejectionError(rejection)).toMatchObject({ code: ErrorCode.REFRESH_TOKEN_INVALID, status: 401 });
    }
  });
});
