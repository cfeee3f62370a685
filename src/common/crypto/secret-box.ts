import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { ErrorCode, PorticoError } from '../errors';
import { masterKeyFingerprint } from './master-key';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encrypts secrets at rest (provider credentials, webhook and SSO client secrets) with
 * AES-256-GCM under a key derived from the master key. A sealed value reads
 * `v1.<key id>.<iv>.<ciphertext+tag>` (base64url), so a rotation can tell which key sealed it.
 * The `purpose` is bound as associated data: a value sealed for one column cannot be replayed in another.
 */
export class SecretBox {
  private readonly keys = new Map<string, Buffer>();
  private readonly currentId: string;

  /** `previous`: older master keys still accepted for opening, during a rotation. */
  constructor(masterKey: Buffer, previous: Buffer[] = []) {
    this.currentId = this.addKey(masterKey);
    for (const key of previous) this.addKey(key);
  }

  get keyId(): string {
    return this.currentId;
  }

  seal(plaintext: string, purpose: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentId)!, iv);
    cipher.setAAD(Buffer.from(purpose, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return [VERSION, this.currentId, iv.toString('base64url'), body.toString('base64url')].join('.');
  }

  open(sealed: string, purpose: string): string {
    const [version, keyId, ivText, bodyText] = sealed.split('.');
    const key = this.keys.get(keyId ?? '');
    if (version !== VERSION || !key || !ivText || !bodyText) {
      throw new PorticoError(ErrorCode.MASTER_KEY_MISMATCH, `a secret was sealed with an unknown key (${keyId ?? 'none'}); is PORTICO_MASTER_KEY right?`);
    }
    const body = Buffer.from(bodyText, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivText, 'base64url'));
    decipher.setAAD(Buffer.from(purpose, 'utf8'));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new PorticoError(ErrorCode.MASTER_KEY_MISMATCH, 'a sealed secret failed authentication (tampered, or sealed for another purpose)');
    }
  }

  /** Whether `sealed` was sealed under an older key and should be re-sealed. */
  isStale(sealed: string): boolean {
    return sealed.split('.')[1] !== this.currentId;
  }

  private addKey(masterKey: Buffer): string {
    const id = masterKeyFingerprint(masterKey).replace(/[^A-Za-z0-9]/g, '').slice(0, 8);
    this.keys.set(id, Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'portico/secret-box/v1', 32)));
    return id;
  }
}

/**
 * What an API may show of a secret: a recognisable prefix and the last four characters, e.g. `sk-…a1b2`.
 * Short secrets show only their last two characters.
 */
export function maskSecret(secret: string): string {
  if (secret.length < 12) return `…${secret.slice(-2)}`;
  const prefix = /^[A-Za-z]{2,8}[-_]/.exec(secret)?.[0] ?? '';
  return `${prefix}…${secret.slice(-4)}`;
}
