/**
 * Round 26: a password read out letter by letter, then written as one word. Voice notes, call notes and dictations spell the
 * value first (`capital B bluebird seven seven`, `capital T, i, g, e, r, 9, 9, exclamation`, `tutto minuscolo juventus poi due
 * zero due tre`) and then restate it after a "so", an "i.e." or an arrow: `… so Bluebird77`, `… → Tiger99!`, `… cioè
 * juventus2023!`, `for the record that's Rusty1998`, `actually it's RoverTheDog2015`. The restated value has no password word
 * right before it; the spelling cue (a capital, lower-case or exclamation word) and a password word earlier in the text say it
 * is one. The scan runs only in a text holding a spelling cue, and the value must hold a letter and a digit.
 */
import { type Detection } from './detection.js';
import { passwordStemsOf } from './password-stems.js';
import { holds } from './secret-first-pass.js';
import { isOtherValue, isPlaceholder, matchAt, pushSpan } from './secret-values.js';

/** Words that spell a value out (lower case): the gate of the scan, and where the restatement is looked for after. */
const SPELLING_CUES = [
  'capital ', 'uppercase', 'upper case', 'upper-case', 'lowercase', 'lower case', 'all lower', 'exclamation', 'spelled', 'spelt',
  'maiuscol', 'minuscol', 'esclamativo', 'mayúscula', 'minúscula', 'exclamación', 'maiúscula', 'exclamação',
  'großbuchstabe', 'großes ', 'kleinbuchstabe', 'ausrufezeichen', 'majuscule', 'minuscule', "d'exclamation", 'hoofdletter', 'uitroepteken',
  'заглавн', 'прописн', 'строчн', 'восклицательн', 'büyük harf', 'küçük harf', 'ünlem', 'wielk', 'wykrzyknik', 'stor bokstav', 'utropstecken',
];
/** Network words that stand for a password word in a spoken note (`the wifi is capital B …`). */
const NETWORK_WORDS = ['wifi', 'wi-fi', 'wlan'];
/**
 * The restatement: a "so", "that is", "that's", "it's" or an arrow, then the value (quoted or not). Each language's "that is"
 * and "so". The value runs to a space, a quote or a comma; an `!` or `?` that the spelling read out stays with it.
 */
const RESTATED =
  /(?<![\p{L}\p{N}])(?:so|i\.e\.|ie|that's|that’s|thats|that is|it's|it’s|its|→|->|=>|cioè|cioe|ossia|quindi|also|d\.h\.|c'est-à-dire|c’est-à-dire|donc|soit|o sea|es decir|ou seja|то есть|т\.е\.|yani|czyli|dus|altså|alltså)[,:]?\s+(?:(?:for the record|actually|just|simply|basically|in short),?\s+)*(?:(?:that's|that’s|it's|it’s|it is|è|es|é|ist|c'est)\s+)?["“'«„]?([\p{L}\p{N}][^\s"”'»,;]{4,63})/giu;
/**
 * A value left spelled out, with no restatement after it (`the Ring account password is capital R ring doorbell 77 exclamation`):
 * the spelling itself is the value, from its capital or lower-case word to the name of the symbol that ends it, with digits.
 */
const SPELLED_VALUE =
  /(?:capital|uppercase|upper case|lowercase|lower case|small)\s+\p{L}(?:\s+[\p{L}\p{N}]+){1,8}?\s+(?:exclamation(?:\s+(?:mark|point))?|hash(?:tag)?|at sign|dollar(?:\s+sign)?|question mark|star|asterisk|underscore|ampersand)(?![\p{L}])/iyu;
/** A copula or a colon right before a {@link SPELLED_VALUE}. */
const COPULA_BEFORE = /(?:(?<![\p{L}])(?:is|es|è|ist|c'est)|:)\s+$/iu;
/** What ends a restated value and is not part of it: a full stop, a colon, a bracket. */
const TRAILING = /[.:)\]]+$/;
/** How far after the spelling cue the restatement may start. */
const WINDOW = 240;

/** Pushes the values restated after a spelling, in a text that names a password (or a Wi-Fi network) before them. */
export function detectSpelledOutPasswords(text: string, found: Detection[]): void {
  const scanned = passwordStemsOf(text);
  if (scanned === null || (scanned.stems.length === 0 && !NETWORK_WORDS.some((word) => holds(text, word.slice(1))))) return;
  const { lower, stems } = scanned;
  let cue = -1;
  for (const word of SPELLING_CUES) {
    // Without its first letter, the cue is looked up in the first pass's index of the text as written (`Capital`, `MINUSCOLO`).
    if (!holds(text, word.slice(1))) continue;
    const at = lower.indexOf(word);
    if (at >= 0 && (cue < 0 || at < cue)) cue = at;
  }
  if (cue < 0) return;
  const named = stems.some((stem) => stem < cue) || NETWORK_WORDS.some((word) => { const at = lower.indexOf(word); return at >= 0 && at < cue; });
  if (!named) return;
  const window = text.slice(cue, cue + WINDOW);
  RESTATED.lastIndex = 0;
  if (!RESTATED.test(window)) {
    const spelled = COPULA_BEFORE.test(text.slice(Math.max(0, cue - 8), cue)) ? matchAt(SPELLED_VALUE, text, cue) : null;
    if (spelled !== null && /\d/.test(spelled[0])) pushSpan(found, cue, spelled[0]);
    return;
  }
  RESTATED.lastIndex = 0;
  for (let match = RESTATED.exec(window); match !== null; match = RESTATED.exec(window)) {
    const value = match[1].replace(TRAILING, '');
    if (value.length < 5 || !/\p{L}/u.test(value) || !/\d/.test(value) || isOtherValue(value) || isPlaceholder(value)) continue;
    pushSpan(found, cue + match.index + match[0].length - match[1].length, value);
  }
}
