import { purposeOf } from '../auth/secrets/encrypted-columns';
import { maskSecret, type SecretBox } from '../common/crypto/secret-box';
import type { SealedSecrets } from './webhook-endpoints.repository';
import { generateWebhookSecret } from './webhook-signature';

/** `webhook_endpoints.secret` */
export const SECRET_PURPOSE = purposeOf('webhook_endpoints', 'secret_enc');
/** `webhook_endpoints.previous_secret`: the secret before a rotation, still signed with for a while */
export const PREVIOUS_SECRET_PURPOSE = purposeOf('webhook_endpoints', 'previous_secret_enc');

/** How long deliveries stay signed with the old secret too after a rotation, unless told otherwise. */
export const DEFAULT_ROTATION_GRACE_SECONDS = 24 * 3600;

/** A fresh secret in the clear (shown once) and sealed for the database. */
export function newSecret(box: SecretBox): { secret: string; sealed: Pick<SealedSecrets, 'secretEnc' | 'secretHint'> } {
  const secret = generateWebhookSecret();
  return { secret, sealed: { secretEnc: box.seal(secret, SECRET_PURPOSE), secretHint: maskSecret(secret) } };
}

/** The outgoing secret re-sealed as the previous one, honoured until `expiresAt`. */
export function asPrevious(box: SecretBox, sealedCurrent: string, expiresAt: Date): Pick<SealedSecrets, 'previousSecretEnc' | 'previousSecretExpiresAt'> {
  return { previousSecretEnc: box.seal(box.open(sealedCurrent, SECRET_PURPOSE), PREVIOUS_SECRET_PURPOSE), previousSecretExpiresAt: expiresAt };
}
