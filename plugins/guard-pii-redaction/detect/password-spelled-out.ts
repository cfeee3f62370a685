/**
 * Round 26: a password read out letter by letter, then written as one word. Voice notes, call notes and dictations spell the
 * value first (`capital B bluebird seven seven`, `capital T, i, g, e, r, 9, 9, exclamation`, `tutto minuscolo juventus poi due
 * zero due tre`) and then restate it after a "so", an "i.e." or an arrow: `… so Bluebird77`, `… → Tiger99!`, `… cioè
 * juventus2023!`, `for the record that's Rusty1998`, `actually it's RoverTheDog2015`. The restated value has no password word
 * right before it; the spelling cue (a capital, lower-case or exclamation word) and a password word earlier in the text say it
 * is one. The cue is looked for only in the stretch after a password word (a Wi-Fi word is one), and the value must hold a
 * letter and a digit.
 */
import { type Detection } from './detection.js';
import { passwordStemsOf } from './password-stems.js';
import { eachWordAt, followsPasswordWord } from './password-near-stem.js';
import { isOtherValue, isPlaceholder, matchAt, pushSpan } from './secret-values.js';

/** Words that spell a value out (lower case): the gate of the scan, and where the restatement is looked for after. */
const SPELLING_CUES = [
  'capital ', 'uppercase', 'lowercase', 'exclamation', 'maiuscol', 'minuscol', 'esclamativo', 'mayúscula', 'minúscula', 'maiúscula',
  'großes ', 'großbuchstabe', 'ausrufezeichen', 'majuscule', 'minuscule', 'заглавн', 'прописн',
]
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

/** How far after a password word the spelling may start. */
const CUE_REACH = 160;

/** Pushes the values restated after a spelling (or left spelled out), where the spelling follows a password word. */
export function detectSpelledOutPasswords(text: string, found: Detection[]): void {
  const scanned = passwordStemsOf(text);
  if (scanned.stems.length === 0) return;
  let cue = -1;
  for (const word of SPELLING_CUES) {
    eachWordAt(text, scanned.lower, word, (at) => {
      if ((cue < 0 || at < cue) && followsPasswordWord(text, at, CUE_REACH)) cue = at;
    });
  }
  if (cue >= 0) readSpelling(text, cue, found);
}

/** Reads the restatements after the spelling cue at `cue`, or the spelled value itself. */
function readSpelling(text: string, cue: number, found: Detection[]): void {
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
