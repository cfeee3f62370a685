import { createHash, randomBytes } from 'node:crypto';
import { ErrorCode, PorticoError } from '../../common/errors';

export const CALLBACK_PATH = '/auth/sso/callback';
export const LOGIN_STATE_TTL_SECONDS = 10 * 60;
export const CODE_VERIFIER_PURPOSE = 'sso_login_states.code_verifier';

/**
 * The `state` sent to the IdP: 256 random bits, then the optional `returnTo`. Only the SHA-256 of
 * the whole value is stored, so the `returnTo` read back from a state that was found is the one we issued.
 */
export function createState(returnTo: string | undefined): string {
  const random = randomBytes(32).toString('base64url');
  return returnTo ? `${random}.${Buffer.from(returnTo, 'utf8').toString('base64url')}` : random;
}

export function returnToOf(state: string): string | undefined {
  const encoded = state.split('.')[1];
  return encoded ? Buffer.from(encoded, 'base64url').toString('utf8') : undefined;
}

export function hashState(state: string): Buffer {
  return createHash('sha256').update(state, 'utf8').digest();
}

/** Only a path on Portico's own origin: no scheme, no host, no `//` or `\` tricks (open-redirect guard). */
export function assertSafeReturnTo(returnTo: string | undefined): void {
  if (returnTo === undefined) return;
  if (returnTo.length <= 2000 && /^\/(?![/\\])[^\s\\]*$/.test(returnTo)) return;
  throw new PorticoError(ErrorCode.VALIDATION_FAILED, 'returnTo must be a path on this server, like /console', { status: 400, details: { parameter: 'returnTo' } });
}

/** Portico's callback URL as the browser reaches it; a different `redirect_uri` is refused. */
export function callbackUrl(origin: string, requested: string | undefined): string {
  const expected = `${origin}${CALLBACK_PATH}`;
  if (requested !== undefined && requested !== expected) {
    throw new PorticoError(ErrorCode.VALIDATION_FAILED, `redirect_uri must be this server's callback, ${expected}`, {
      status: 400,
      details: { parameter: 'redirect_uri', expected },
    });
  }
  return expected;
}
