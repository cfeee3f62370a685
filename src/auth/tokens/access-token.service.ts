import { hkdfSync } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';

export interface AccessTokenClaims {
  userId: string;
  /** The refresh-token family this session belongs to. */
  sessionId: string;
  isSuperadmin: boolean;
  email: string;
  /** Epoch seconds (`iat`); set on verified tokens. */
  issuedAt?: number;
}

export interface IssuedAccessToken {
  token: string;
  expiresIn: number;
}

const ISSUER = 'portico';
const AUDIENCE = 'portico-admin';

/**
 * Short-lived access tokens (JWT, HS256). The signing key is derived from the master key, so every
 * replica that shares the master key accepts every other replica's tokens.
 */
export class AccessTokenService {
  private readonly key: Uint8Array;

  constructor(
    masterKey: Buffer,
    readonly ttlSeconds = 900,
  ) {
    this.key = new Uint8Array(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'portico/access-token/v1', 32));
  }

  async issue(claims: AccessTokenClaims): Promise<IssuedAccessToken> {
    const token = await new SignJWT({ sid: claims.sessionId, sa: claims.isSuperadmin, email: claims.email, typ: 'access' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
    return { token, expiresIn: this.ttlSeconds };
  }

  /** The claims of a valid token, or `null` for anything expired, forged or malformed. */
  async verify(token: string): Promise<AccessTokenClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      if (payload.typ !== 'access' || typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return null;
      return { userId: payload.sub, sessionId: payload.sid, isSuperadmin: payload.sa === true, email: String(payload.email ?? ''), issuedAt: payload.iat ?? 0 };
    } catch (error) {
      if (error instanceof errors.JOSEError) return null;
      throw error;
    }
  }
}

/** A bearer value that has the shape of a JWT rather than of an API key. */
export function looksLikeJwt(value: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(value) && value.startsWith('ey');
}
