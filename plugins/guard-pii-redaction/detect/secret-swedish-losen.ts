/**
 * Round 26: Swedish `lösen`, the short spoken form of `lösenord` (`wifi Telia-5G lösen X`, `lösen: X`, `wifi-lösen är X`,
 * `Lösen till routern är X`). Round 25 had it as an alternative of PASSWORD_WORDS, where it cost every text a branch of the big
 * alternation; here it is its own check, run only on a text that holds the literal `lösen` (or `Lösen`), asked through the first pass's `holds`.
 *
 * The word is also German's verb "to solve" (`Probleme lösen Sie …`) and Swedish for a ransom (`krävde lösen`, `lösen på två
 * miljoner`): so the value must follow a colon, an `=`, a copula (`är`, `var`, `blir`, with `nu`), or (bare) a network named on
 * the line, and must look like a password by itself: letters and a digit, or a symbol between letters, of 6 to 64 characters
 * and no amount (`500 000 kr`).
 */
import { type Detection } from './detection.js';
import { pushSecretIfFree } from './secret-values.js';
import { holds } from './secret-first-pass.js';

/** The word (glued after a compound's first part and a dash: `wifi-lösen`, `Wi-Fi-lösenet`), the words about its account, and the value. */
export const LOSEN_VALUE = /(?<![\p{L}\p{M}])(?:(?:wi-?fi|wlan|router|nätverks?)-?)?[lL]ösen(?:et)?(?![\p{L}\p{M}])(?<account>(?:\s+(?:till|för|på|i)\s+[\p{L}\p{N}_.-]+(?:\s+[\p{L}\p{N}_.-]+)?)?)(?<link>\s*[:=：]\s*|\s+(?:är|var|blir|blev)(?:\s+(?:nu|numera))?\s+|\s+)["'“”«»]?(?<value>[^\s"'“”«»,;()]{6,64})/gu;
/** A network or a router named on the line before the word: what makes a bare `lösen X` a password (`wifi Telia-5G lösen X`). */
const NETWORK_BEFORE = /(?:wi-?fi|wlan|nätverk(?:et)?|routern?|ssid)[^\n]{0,60}$/iu;
/** A value that looks like a password: letters and a digit, or a symbol glued between letters. */
const PASSWORD_SHAPE = /^(?=.*\p{L})(?:(?=.*\d)|(?=.*\p{L}[!#$%&*@^~+_.-]+\p{L}))[^\s]+$/u;
/** A ransom or a price, not a password (`lösen på 2 miljoner`, `lösen: 500kr`). */
const AMOUNT = /^\d[\d\s.,]*(?:kr|sek|kronor|miljoner|mkr|€|\$|euro|dollar)/iu;

/** {@link LOSEN_VALUE}, tried at one position at a time (see {@link eachLosenValue}). */
const LOSEN_AT = new RegExp(LOSEN_VALUE.source, 'yu');
/** The most characters a match holds before its `ösen`: the longest compound part with its dash (`nätverks-`) and the `l`. */
const MOST_BEFORE_OSEN = 10;

/**
 * Round 27: each match of {@link LOSEN_VALUE}, as its global scan finds them, tried only at the few positions before each `ösen` of
 * the text where a match holding it may start (every match holds one, in lower case). The global scan tried the pattern at every
 * position of a text that holds `lösenord` (which the pattern never takes) as much as of one that holds the word.
 */
export function eachLosenValue(text: string, visit: (match: RegExpExecArray) => void): void {
  let after = 0;
  for (let osen = text.indexOf('ösen'); osen !== -1; osen = text.indexOf('ösen', osen + 1)) {
    for (let at = Math.max(after, osen - MOST_BEFORE_OSEN); at < osen; at += 1) {
      LOSEN_AT.lastIndex = at;
      const match = LOSEN_AT.exec(text);
      if (match === null) continue;
      visit(match);
      after = match.index + match[0].length; // past this `ösen`: the rest of its positions are inside the match
      break;
    }
  }
}

export function detectSwedishLosen(text: string, found: Detection[]): void {
  if (!holds(text, 'lösen') && !holds(text, 'Lösen')) return; // the first pass's pairs rule out most texts before an `includes`
  eachLosenValue(text, (match) => {
    const { link = '', value: raw = '' } = match.groups ?? {};
    const value = raw.replace(/[.!?:]+$/, '');
    if (value.length < 6 || !PASSWORD_SHAPE.test(value) || AMOUNT.test(value)) return;
    // A bare space after the word: only after a network named on the line (`wifi Telia-5G lösen X`), the verb's object else.
    if (link.trim() === '' && !NETWORK_BEFORE.test(text.slice(Math.max(0, match.index - 80), match.index)) && !/(?:wi-?fi|wlan|router|nätverk)/iu.test(match[0])) return;
    const start = match.index + match[0].length - raw.length;
    pushSecretIfFree(found, start, start + value.length);
  });
}
