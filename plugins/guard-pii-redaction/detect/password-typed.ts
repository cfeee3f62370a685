/**
 * Round 26: the password someone typed, after a password word in the same sentence (`it says wrong password but I typed
 * sunflower22 like always`, `das Passwort geht nicht, ich habe Tulpe2019 eingegeben`, `la contraseña no va, escribí Luna2020`).
 * A login that fails is told this way: the verb of typing stands where the copula would, so the value is read after it when
 * it looks like a password people make (a word and digits, both cases with a digit, or a symbol with a digit). Run only at the
 * password words (`passwordStemsOf`), with a literal gate on the verbs.
 */
import { type Detection } from './detection.js';
import { passwordStemsOf } from './password-stems.js';
import { isMixedWithDigit } from './password-shapes.js';
import { hasAny, isOtherValue, isPlaceholder, looksLikePassword, pushSpan } from './secret-values.js';

/** The verbs of typing, lower case, as the literal gate (each also starts {@link TYPED}). */
const TYPING_VERBS = ['typed', 'entered', 'keyed in', 'put in', 'eingegeben', 'eingetippt', 'escribí', 'ingresé', 'puse', 'digitei', 'coloquei', 'tapé', 'saisi', 'ho scritto', 'ho messo', 'ho digitato', 'ввёл', 'ввел', 'ввела', 'wpisałem', 'wpisałam', 'ingetypt', 'getypt'];
/** A typing verb and the value after it (quoted or not); German puts the verb after the value (`ich habe X eingegeben`). */
const TYPED = new RegExp(
  String.raw`(?<![\p{L}])(?:${TYPING_VERBS.join('|')})(?:\s+in)?\s+["“'«„]?(?<value>[\p{L}\p{N}][^\s"”'»,;]{4,63})|(?<![\p{L}\p{N}])["“'«„]?(?<before>[\p{L}\p{N}][^\s"”'»,;]{4,63})["”'»]?\s+(?:eingegeben|eingetippt|ingetypt|getypt)(?![\p{L}])`,
  'giu',
);
/** Where the sentence around a password word ends. */
const SENTENCE_END = /[.?!。！？](?=\s|$)|\n/;
/** How far after the password word the typing verb may stand (before it, the verb may type anything: `I typed X into the search`). */
const AFTER = 120;
/** What the typed value went into, when it was not a login: a search box, a field of another kind, a chat. */
const TYPED_ELSEWHERE = /^\s+(?:into|in\s+(?:the\s+)?(?:search|google|chat|box|field|url|address|terminal|console))(?![\p{L}])/iu;
/** A lower-case word and digits (`sunflower22`): a password people make, not a product and its model (`iphone15`) once a password is named. */
const WORD_AND_DIGITS = /^\p{L}{4,}\d{2,4}[!?#$*]?$/u;

function isTypedPassword(value: string): boolean {
  if (isOtherValue(value) || isPlaceholder(value) || !/\d/.test(value)) return false;
  return WORD_AND_DIGITS.test(value) || isMixedWithDigit(value) || looksLikePassword(value);
}

/** Pushes the values typed, as told in a sentence holding a password word. */
export function detectTypedPasswords(text: string, found: Detection[]): void {
  const scanned = passwordStemsOf(text);
  if (scanned === null || scanned.stems.length === 0 || !hasAny(text, TYPING_VERBS)) return;
  let done = 0;
  for (const stem of scanned.stems) {
    if (stem < done) continue;
    const start = Math.max(done, stem);
    let window = text.slice(start, stem + AFTER);
    const end = window.search(SENTENCE_END);
    if (end >= 0) window = window.slice(0, end + 1);
    TYPED.lastIndex = 0;
    for (let match = TYPED.exec(window); match !== null; match = TYPED.exec(window)) {
      const raw = match.groups?.value ?? match.groups?.before ?? '';
      const value = raw.replace(/[.:)\]]+$/, '');
      if (!isTypedPassword(value) || TYPED_ELSEWHERE.test(window.slice(match.index + match[0].length))) continue;
      pushSpan(found, start + match.index + match[0].indexOf(raw), value);
    }
    done = start + window.length;
  }
}
