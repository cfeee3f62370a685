/**
 * Round 26: the password someone typed, after a password word in the same sentence (`it says wrong password but I typed
 * sunflower22 like always`, `das Passwort geht nicht, ich habe Tulpe2019 eingegeben`, `la contraseña no va, escribí Luna2020`).
 * A login that fails is told this way: the verb of typing stands where the copula would, so the value is read after it when
 * it looks like a password people make (a word and digits, both cases with a digit, or a symbol with a digit). The verbs are
 * found first, as literals; each is read only when a password word stands before it in its sentence.
 */
import { type Detection } from './detection.js';
import { passwordStemsOf } from './password-stems.js';
import { isMixedWithDigit, isWordAndDigits } from './password-shapes.js';
import { eachWordAt, followsPasswordWord } from './password-near-stem.js';
import { isOtherValue, isPlaceholder, looksLikePassword, matchAt, pushSpan } from './secret-values.js';

/** The verbs of typing, lower case, with the value after them. */
const TYPING_VERBS = ['typed', 'entered', 'escribí', 'ingresé', 'digitei', 'saisi', 'ho scritto', 'ho digitato', 'ввёл', 'ввел', 'ввела', 'wpisałem', 'wpisałam']
/** German and Dutch put the verb after the value (`ich habe X eingegeben`): the value is the word right before the verb. */
const VERB_LAST = ['eingegeben', 'eingetippt', 'ingetypt'];
/** The value right after a typing verb (quoted or not; round 28: `typed it as X`). */
const VALUE_AFTER = /(?:\s+in|\s+(?:it|this|that)\s+as)?\s+["“'«„]?(?<value>[\p{L}\p{N}][^\s"”'»,;]{4,63})/uy;
/** The value right before a verb that comes last. */
const VALUE_BEFORE = /(?<![^\s"“'«„])["“'«„]?(?<value>[\p{L}\p{N}][^\s"”'»,;]{4,63})["”'»]?\s+$/u;
/** How far after the password word the typing verb may stand (before it, the verb may type anything: `I typed X into the search`). */
const REACH = 120;
/** What the typed value went into, when it was not a login: a search box, a field of another kind, a chat. */
const TYPED_ELSEWHERE = /^\s+(?:into|in\s+(?:the\s+)?(?:search|google|chat|box|field|url|address|terminal|console))(?![\p{L}])/iu;

function isTypedPassword(value: string): boolean {
  if (isOtherValue(value) || isPlaceholder(value) || !/\d/.test(value)) return false;
  return isWordAndDigits(value) || isMixedWithDigit(value) || looksLikePassword(value);
}

/** Pushes the values typed, as told in a sentence holding a password word before the verb. */
export function detectTypedPasswords(text: string, found: Detection[]): void {
  const scanned = passwordStemsOf(text);
  if (scanned.stems.length === 0) return;
  const push = (at: number, raw: string) => {
    const value = raw.replace(/[.:)\]]+$/, '');
    if (isTypedPassword(value) && !TYPED_ELSEWHERE.test(text.slice(at + raw.length, at + raw.length + 40))) pushSpan(found, at, value);
  };
  for (const verb of TYPING_VERBS) {
    eachWordAt(text, scanned.lower, verb, (at) => {
      if (!followsPasswordWord(text, at, REACH)) return;
      const match = matchAt(VALUE_AFTER, text, at + verb.length);
      const raw = match?.groups?.value ?? '';
      if (match !== null) push(match.index + match[0].length - raw.length, raw);
    });
  }
  for (const verb of VERB_LAST) {
    eachWordAt(text, scanned.lower, verb, (at) => {
      if (!followsPasswordWord(text, at, REACH)) return;
      const head = text.slice(Math.max(0, at - 72), at);
      const before = VALUE_BEFORE.exec(head);
      const raw = before?.groups?.value ?? '';
      if (before !== null) push(at - head.length + before.index + before[0].indexOf(raw), raw);
    });
  }
}
