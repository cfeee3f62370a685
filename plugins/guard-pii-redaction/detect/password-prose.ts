/**
 * Round 26: passwords told in prose with no password word right before them, read around the password words of the text:
 * restated after being spelled out (password-spelled-out.ts), typed at a login that failed (password-typed.ts), or a second
 * account's, set against the first with "but for" (password-contrast.ts).
 */
import { type Detection } from './detection.js';
import { detectSpelledOutPasswords } from './password-spelled-out.js';
import { detectTypedPasswords } from './password-typed.js';
import { detectContrastedPasswords } from './password-contrast.js';

export function detectProsePasswords(text: string, found: Detection[]): void {
  detectSpelledOutPasswords(text, found);
  detectTypedPasswords(text, found);
  detectContrastedPasswords(text, found);
}
