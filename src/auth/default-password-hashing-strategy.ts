import argon2 from 'argon2';
import type { PasswordHashingStrategy } from './password-hashing-strategy';

/** argon2id with the library's defaults (64 MiB, t=3, p=4), the OWASP-recommended family. */
export class DefaultPasswordHashingStrategy implements PasswordHashingStrategy {
  hash(plaintext: string): Promise<string> {
    return argon2.hash(plaintext, { type: argon2.argon2id });
  }

  async verify(hash: string, plaintext: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, plaintext);
    } catch {
      return false;
    }
  }
}
