/** How user passwords are hashed and verified. */
export interface PasswordHashingStrategy {
  hash(plaintext: string): Promise<string>;
  verify(hash: string, plaintext: string): Promise<boolean>;
}

export const PASSWORD_HASHING_STRATEGY = Symbol('PasswordHashingStrategy');
