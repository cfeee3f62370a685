/**
 * Round 26: the password of a second account, set against the first with "but for" (`password sa GCash ko wag na lang, pero sa FB
 * ay X`, `I won't give you the bank password, but for Netflix it's X`, `le mot de passe de la banque non, mais pour Netflix c'est
 * X`). The first account's password is withheld or told elsewhere; "but for" and the copula say the value is the second one's.
 * Read only after a password word, in its sentence, and the value must look like a password people make.
 */
import { type Detection } from './detection.js';
import { passwordStemsOf } from './password-stems.js';
import { isMixedWithDigit } from './password-shapes.js';
import { hasAny, isOtherValue, isPlaceholder, looksLikeStrongPassword, pushSpan } from './secret-values.js';

/** The words for "but", the gate of the scan (with a space after, lower case). */
const BUT_WORDS = ['but ', 'pero ', 'mais ', 'aber ', 'ma ', 'mas ', 'maar ', 'men ', 'ale ', 'но ', 'ama ', 'tapi ', 'ngunit '];
/** "But for" an account (one or two words) and a copula, then the value. */
const BUT_FOR =
  /(?<![\p{L}])(?:but|pero|mais|aber|ma|mas|maar|men|ale|но|ama|tapi|ngunit)\s+(?:for|sa|para|pour|für|per|voor|för|dla|для|untuk)\s+(?:the\s+|la\s+|le\s+|el\s+|den\s+|die\s+|das\s+)?[\p{L}\p{N}.'’&-]+(?:\s+[\p{L}\p{N}.'’&-]+)?\s*(?:,\s*)?(?:is|it['’]s|ay|es|c['’]est|est|ist(?:\s+es)?|è|é|är|er|jest|это|:|—|–)\s+["“'«„]?(?<value>[\p{L}\p{N}][^\s"”'»,;]{5,63})/giu;
/** How far after the password word "but for" may end. */
const WINDOW = 160;
/** Where the sentence ends. */
const SENTENCE_END = /[.?!。！？](?=\s|$)|\n/;
/** A word and digits (`tortilla2022`, `Adobo_21`). */
const WORD_AND_DIGITS = /^\p{L}{4,}[_.-]?\d{2,4}[!?#$*]?$/u;

/** Pushes the second account's password after "but for", in the sentence of a password word. */
export function detectContrastedPasswords(text: string, found: Detection[]): void {
  const scanned = passwordStemsOf(text);
  if (scanned === null || scanned.stems.length === 0 || !hasAny(text, BUT_WORDS)) return;
  let done = 0;
  for (const stem of scanned.stems) {
    if (stem < done) continue;
    let window = text.slice(stem, stem + WINDOW);
    const end = window.search(SENTENCE_END);
    if (end >= 0) window = window.slice(0, end + 1);
    BUT_FOR.lastIndex = 0;
    for (let match = BUT_FOR.exec(window); match !== null; match = BUT_FOR.exec(window)) {
      const raw = match.groups?.value ?? '';
      const value = raw.replace(/[.:)\]]+$/, '');
      if (isOtherValue(value) || isPlaceholder(value) || !/\d/.test(value)) continue;
      if (WORD_AND_DIGITS.test(value) || isMixedWithDigit(value) || looksLikeStrongPassword(value)) pushSpan(found, stem + match.index + match[0].length - raw.length, value);
    }
    done = stem + window.length;
  }
}
