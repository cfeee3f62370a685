/**
 * Round 26: the password of a second account, set against the first with "but for" (`password sa GCash ko wag na lang, pero sa FB
 * ay X`, `I won't give you the bank password, but for Netflix it's X`, `le mot de passe de la banque non, mais pour Netflix c'est
 * X`). The first account's password is withheld or told elsewhere; "but for" and the copula say the value is the second one's.
 * "But for" is found first, as a literal; it is read only after a password word in its sentence, and the value must look like
 * a password people make.
 */
import { type Detection } from './detection.js';
import { passwordStemsOf } from './password-stems.js';
import { isMixedWithDigit, isWordAndDigits } from './password-shapes.js';
import { eachWordAt, followsPasswordWord } from './password-near-stem.js';
import { isOtherValue, isPlaceholder, looksLikeStrongPassword, matchAt, pushSpan } from './secret-values.js';

/** "But for" in the languages of {@link ACCOUNT_AND_VALUE}, lower case. */
const BUT_FOR_WORDS = ['but for ', 'pero sa ', 'pero para ', 'mais pour ', 'aber für ', 'ma per ', 'mas para ', 'maar voor ', 'ale dla ', 'но для ', 'tapi untuk '];
/** After "but for": the account (one or two words), a copula, the value. */
const ACCOUNT_AND_VALUE =
  /(?:the\s+|la\s+|le\s+|el\s+|den\s+|die\s+|das\s+)?[\p{L}\p{N}.'’&-]+(?:\s+[\p{L}\p{N}.'’&-]+)?\s*(?:,\s*)?(?:is|it['’]s|ay|es|c['’]est|est|ist(?:\s+es)?|è|é|är|er|jest|это|:|—|–)\s+["“'«„]?(?<value>[\p{L}\p{N}][^\s"”'»,;]{5,63})/iuy;
/** How far after the password word "but for" may stand. */
const REACH = 140;

/** Pushes the second account's password after "but for", in the sentence of a password word. */
export function detectContrastedPasswords(text: string, found: Detection[]): void {
  const scanned = passwordStemsOf(text);
  if (scanned.stems.length === 0) return;
  for (const words of BUT_FOR_WORDS) {
    eachWordAt(text, scanned.lower, words, (at) => {
      if (!followsPasswordWord(text, at, REACH)) return;
      const match = matchAt(ACCOUNT_AND_VALUE, text, at + words.length);
      const raw = match?.groups?.value ?? '';
      const value = raw.replace(/[.:)\]]+$/, '');
      if (match === null || isOtherValue(value) || isPlaceholder(value) || !/\d/.test(value)) return;
      if (isWordAndDigits(value) || isMixedWithDigit(value) || looksLikeStrongPassword(value)) pushSpan(found, match.index + match[0].length - raw.length, value);
    });
  }
}
