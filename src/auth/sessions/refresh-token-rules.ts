import { createHash, randomBytes } from 'node:crypto';
import { ErrorCode, PorticoError } from '../../common/errors';

/** A session lives 30 days after its last refresh (sliding). */
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60;
const PREFIX = 'prt_';

export interface GeneratedRefreshToken {
  token: string;
  hash: Buffer;
}

/** 256 random bits; only the SHA-256 is stored. */
export function generateRefreshToken(): GeneratedRefreshToken {
  const token = PREFIX + randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export function refreshExpiry(now: Date): Date {
  return new Date(now.getTime() + REFRESH_TOKEN_TTL_SECONDS * 1000);
}

/** What the database knows about a token that could not be rotated. */
export interface StoredRefreshToken {
  usedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date;
}

export type RefreshRejection = 'unknown' | 'reused' | 'revoked' | 'expired';

/**
 * Why a presented token was not rotated. A token already used is a replay (someone holds a copy),
 * whatever else is true of it: that is the one case that must kill the whole family.
 */
export function classifyRejection(stored: StoredRefreshToken | null, now: Date): RefreshRejection {
  if (!stored) return 'unknown';
  if (stored.usedAt) return 'reused';
  if (stored.revokedAt) return 'revoked';
  if (stored.expiresAt.getTime() <= now.getTime()) return 'expired';
  // Rotation failed although the row looks valid: it was consumed concurrently, which is a replay too.
  return 'reused';
}

export function rejectionError(rejection: RefreshRejection): PorticoError {
  if (rejection === 'reused') {
    return new PorticoError(ErrorCode.REFRESH_TOKEN_REUSED, 'this refresh token was already used; the session has been revoked, sign in again', {
      status: 401,
    });
  }
  return new PorticoError(ErrorCode.REFRESH_TOKEN_INVALID, 'the refresh token is invalid, expired or revoked; sign in again', { status: 401 });
}
