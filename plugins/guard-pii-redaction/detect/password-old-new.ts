/**
 * Round 23: the old password beside the new one. Someone who changed a password names both in one sentence (`changed the wifi
 * to X, old one was Y`, `alt: Y neu: X`, `l'ancien était Y, le nouveau c'est X`, `старый Y больше не работает`, `旧的Y不能用了`,
 * `والقديمة Y`, `byt lösenord till något annat än Y`). The second value has no password word of its own: an "old", "new",
 * "previous" or "other than" word stands in for it. It is read so only in a sentence that already names a password (a password
 * word, or a password the other scans took), and the value must look like one (letters and a digit, or a strong symbol).
 */
import { type Detection, overlapsAny } from './detection.js';
import { eachPasswordStem, passwordStemsOf } from './password-stems.js';
import { isOtherValue, isPlaceholder, matchAt } from './secret-values.js';
import { literalTrie } from './secret-words.js';

/**
 * Round 26: "now" after an old password (`prima era X, ora è Y`, `eskiden X'ydi, şimdi Y`, `예전 X, 지금 Y`, `lilikuwa X, sasa ni Y`):
 * the second value is the new one. A "now" word is common, so it is looked for only right after a password already found
 * ({@link NOW_AFTER}), not in the whole text.
 */
const NOW_WORDS = [
  'now', 'ora', 'adesso', 'şimdi', '지금', '지금은', '이제', 'sasa', 'sekarang', 'jetzt', 'nun', 'ahora', 'agora', 'maintenant',
  'teraz', 'сейчас', 'теперь', 'тепер', 'nu', 'nå', 'nyt', 'nyní', 'teď', 'most', 'acum', 'sada', 'bây giờ', 'עכשיו', 'الآن', 'ngayon',
];
/** Right after a value: a suffix after an apostrophe, a comma, an "and", then a "now" word. */
const NOW_AFTER = new RegExp(
  String.raw`(?:['’]\p{Ll}{1,5})?[^\S\n]*[,;]?[^\S\n]*(?:(?:and|y|e|et|und|en|och|og|i|a|ve|na)[^\S\n]+)?(?:${NOW_WORDS.join('|')})(?![\p{L}\p{M}])`,
  'iuy',
);

/** Words for old, previous, former, new and "other than", in the languages the splits are written in (word-bounded scripts). */
export const OLD_NEW_WORDS = [
  'old', 'previous', 'former', 'prior', 'new', 'other than',
  'ancien', 'ancienne', 'nouveau', 'nouvel', 'nouvelle', 'précédent', 'précédente', 'autre que',
  'alt', 'alte', 'alten', 'alter', 'altes', 'neu', 'neue', 'neuen', 'neuer', 'neues', 'vorher', 'vorherige', 'vorherigen', 'bisherige', 'bisherigen', 'anders als',
  'oud', 'oude', 'nieuw', 'nieuwe', 'vorige',
  'antigo', 'antiga', 'novo', 'nova', 'anterior', 'viejo', 'vieja', 'nuevo', 'nueva', 'distinta de', 'distinto de', 'diferente de',
  'vecchio', 'vecchia', 'nuovo', 'nuova', 'precedente', 'diversa da', 'diverso da',
  'stary', 'stara', 'stare', 'starego', 'nowy', 'nowa', 'nowe', 'poprzedni', 'poprzednie',
  'старый', 'старая', 'старое', 'старого', 'прежний', 'прежний', 'новый', 'новая', 'новое', 'старий', 'новий',
  'régi', 'régit', 'új', 'eski', 'eskisi', 'yeni', 'yenisi',
  'gamla', 'gamle', 'gammal', 'gammel', 'nya', 'nye', 'något annat än', 'noget andet end', 'noe annet enn',
  'vanha', 'uusi', 'stari', 'stara', 'novi', 'staré', 'nové', 'vechi', 'vechea', 'noua', 'nou',
  'lama', 'baru', 'cũ', 'mới', 'zamani', 'jipya', 'luma', 'bago',
  'القديمة', 'القديم', 'والقديمة', 'والقديم', 'الجديدة', 'الجديد', 'قبلی', 'جدید', 'قدیمی',
  'הישנה', 'הישן', 'החדשה', 'החדש', 'पुराना', 'पुरानी', 'नया', 'नई',
  // Round 25: Spanish `la antigua X`, and "formerly" opening a bracket after the new value (`is now X (was Y)`, `(antes Y)`,
  // `(früher Y)`, `(раньше Y)`): the bracket is part of the word, so `was` in running prose is not one.
  'antigua', 'antiguo', '(was', '(used to be', '(formerly', '(früher', '(vorher', '(avant', '(anciennement', '(antes', '(antes era', '(era', '(voorheen',
  '(tidigare', '(tidligere', '(før', '(aiemmin', '(wcześniej', '(dříve', '(predtým', '(раньше', '(было', '(prima', '(önceden',
  // Round 26: "formerly" as a word of its own (`eskiden X'ydi`). The Arabic and Hebrew "and" glued before "new" and "old" is
  // read in the loop below (`والجديدة X`): as more words of the trie, it made the scan of every text slower.
  'eskiden', 'formerly', 'previously', 'früher', 'dawniej', 'voorheen', 'anteriormente', 'auparavant', 'aiemmin',
];
const OLD_NEW = new RegExp(String.raw`(?<![\p{L}\p{M}])(?:${OLD_NEW_WORDS.map((word) => word.replace('(', '\\(')).join('|')})(?![\p{L}\p{M}])`, 'yiu');
/**
 * Where {@link OLD_NEW} may match: its words as one literal trie, found first. The word-bounded alternation starts with a
 * lookbehind, so run over the whole text it is tried at every position (~8 % of the secret detector's time).
 */
const OLD_NEW_AT = new RegExp(literalTrie(OLD_NEW_WORDS), 'giu');
/**
 * Round 27: the same trie without case folding, run over the text in lower case (the words are all lower case): about 1.6 times
 * as fast. It finds every place {@link OLD_NEW_AT} finds, except where a letter folds to a word's letter but lower case does not
 * make it that letter (`ſ` folds to `s`, `ᲀ` to `в`): a text holding one is scanned as it is ({@link FOLDS_NOT_LOWERED}).
 *
 * Session 12 (speed only): and only where no ASCII letter stands right before the word (group 1: the word; the character before it is
 * matched too). Such a place starts no word of {@link OLD_NEW} (its lookbehind rejects a letter) and no
 * word after a glued "and" (`و`, `ו`), so leaving it out changes nothing; an ASCII letter of the lower-case text is one of the
 * text too (the Kelvin sign, whose lower case is `k`, sends a text to the case-folding scan). With a plain character class before
 * the words, the engine tries the word tree after the few characters that are no ASCII letter instead of at almost every one.
 */
const OLD_NEW_AT_WORD_START = new RegExp(String.raw`[^A-Za-z](${literalTrie(OLD_NEW_WORDS)})`, 'g');
/** The same words at the text's start, where no character stands before them. */
const OLD_NEW_AT_TEXT_START = new RegExp(literalTrie(OLD_NEW_WORDS), 'y');
/** The letters that fold to a letter of {@link OLD_NEW_WORDS} though their lower case is another (checked over every code point). */
const FOLDS_NOT_LOWERED = /[\u017f\u1c80-\u1c8f\u212a\u212b]/;
/** The same words in scripts written without spaces: they may be glued to the words around them (`旧的12345678ab`, `รหัสเก่า X`). */
const GLUED_OLD_NEW = /旧的|舊的|新的|旧|舊|古い|前の|新しい|以前の|예전|이전|새|เก่า|ใหม่|改成|改为|改為|换成|換成/uy;
/**
 * Round 27: where a {@link GLUED_OLD_NEW} word may start: a range holding every first character (เ ใ, 以…舊, 새…이). Scanned
 * for these few ranges, then the words tried there, the text is read about twice as fast as by the alternation run over it.
 */
const GLUED_OLD_NEW_FIRST = /[\u0e40\u0e43\u4ee5-\u820a\uc0c8-\uc774]/g;
/** Where the sentence ends. */
const SENTENCE_END = /[.?!。！？](?=\s|$)|\n|।/g;
/** How far after the word the value may end. */
const WINDOW = 48;
/**
 * The short words between (`one was`, `était`, `c'est`, `era`, `is`, `:`), skipped as the value is looked for; any other word
 * (`new one stored in 1Password`) ends the look.
 */
const GAP_WORD =
  /^(?:one|ones|was|is|now|pw|pass|es|era|fue|ahora|ist|war|lautet|jetzt|était|etait|est|c['’]est|maintenant|è|é|agora|ora|is|was|var|är|er|var|была?|было|teraz|to|był|była|şimdi|sekarang|adalah|ni|là|hi|it['’]s|jest|je|on|это|ay|[:：—–-])[:：]?$/iu;
/**
 * Round 26: a past copula a few words after the old word (`Nenosiri la zamani la M-Pesa app lilikuwa X`, `the old pin for the
 * alarm app was X`): the words naming the account are skipped up to it.
 */
const PAST_COPULA = /(?<![\p{L}])(?:was|were|war|era|fue|foi|était|etait|lilikuwa|ilikuwa|كانت|كان|היה|הייתה|было|был|была|było|był|była|var|oli|volt|bylo|byl|byla|bio|bila)\s/u;
/** How many words may stand between the old word and a {@link PAST_COPULA}. */
const MAX_WORDS_BEFORE_COPULA = 5;
/** Round 26: a Turkish case or copula suffix after an apostrophe (`X'ydi`, `X'yi`, `X'den`), or an English `'s`, after a value ending in a digit or symbol. */
const SUFFIX_AFTER_APOSTROPHE = /(?<=[\p{N}!#$%&*?@_-])['’]\p{Ll}{1,5}$/u;
/**
 * Round 24: the value set off by commas or brackets after the old/new word (`The old one, Kestrel_88, doesn't work anymore`,
 * `mi contraseña vieja, Gaviota_21, ya no funciona`, `my old password (Kestrel_88) stopped working`): a comma after a gap
 * word, a lone comma, and the password word itself (`old password,`) are skipped too. Round 26: a key word (`5) new key X`).
 */
const APPOSITION_GAP =
  /^(?:,|(?:one|ones|uno|una|one's|password|passwort|kennwort|contraseña|clave|senha|wachtwoord|lösenord|passord|adgangskode|hasło|heslo|пароль|şifre|mot de passe|pw|pwd|pass|key|schlüssel|clave|chiave|clé|chave|sleutel|nyckel|nøkkel|ключ)[,:]?)$/iu;
/** A pronoun standing for the password named in the sentence before (`… password. The old one, X, …`). */
const ONE = /^(?:one|ones|uno|una)[,:]?$/i;
/** How many gap words may stand before the value. */
const MAX_GAP = 3;
/** Wrapping and the punctuation that ends a value in prose. */
const LEADING_WRAP = /^["'“„«(]+/;
const TRAILING_WRAP = /["'”»).,;:。，、،؛!?]*$/u;
const EXCLAMATION_KEPT = /["'”»).,;:。，、،؛]+$/u;

/** A value shaped like a password on its own: 6–64 characters, a letter and a digit, not a date, a version, an address or code. */
function isPasswordShaped(value: string): boolean {
  if (value.length < 6 || value.length > 64 || !/\p{L}/u.test(value)) return false;
  if (!/\d/.test(value)) return false; // `new #alerts-prod webhook`: a channel, not a password
  return !isOtherValue(value) && !isPlaceholder(value) && !/[=<>()'"`]/.test(value); // `new mysqli('10.15.2.8'`: code

}

/** A value shaped like a password with nothing around it: a symbol, or both cases, beside its letters and digit. */
const isStrongAlone = (value: string) => /[^\p{L}\p{N}]/u.test(value.replace(/[!?]+$/, '')) || (/\p{Lu}/u.test(value) && /\p{Ll}/u.test(value));

/** The sentence around `at`: [start, end). */
function sentenceAround(text: string, at: number): [number, number] {
  let start = 0;
  let end = text.length;
  SENTENCE_END.lastIndex = 0;
  for (let match = SENTENCE_END.exec(text); match !== null; match = SENTENCE_END.exec(text)) {
    if (match.index < at) start = match.index + match[0].length;
    else {
      end = match.index;
      break;
    }
  }
  return [start, end];
}

function namesPassword(text: string, [start, end]: [number, number], found: readonly Detection[]): boolean {
  // Round 25: `改成 X! 了，旧的 Y 作废`: the `!` that ends a password found before also ends the sentence, which then starts right after it.
  if (found.some((detection) => detection.label === 'SECRET' && detection.start < end && detection.end >= start)) return true;
  let holds = false;
  eachPasswordStem(text.slice(start, end).toLowerCase(), () => {
    holds = true;
  });
  return holds;
}

/** The value after an old/new word at `from` (up to `limit`), past at most {@link MAX_GAP} short words. */
function valueAfter(text: string, from: number, limit: number, glued: boolean): { at: number; value: string; one: boolean } | null {
  let window = text.slice(from, Math.min(limit, from + WINDOW));
  if (!glued) {
    const past = PAST_COPULA.exec(window);
    const head = past === null ? '' : window.slice(0, past.index);
    if (past !== null && !/[,.;!?]/.test(head) && head.split(/\s+/).length - 1 <= MAX_WORDS_BEFORE_COPULA) {
      from += past.index + past[0].length;
      window = window.slice(past.index + past[0].length);
    }
  }
  let gap = 0;
  let one = false;
  for (const token of window.matchAll(glued ? /[\x21-\x7e]+|[^\s\x21-\x7e]+/g : /\S+/g)) {
    const raw = token[0];
    const lead = LEADING_WRAP.exec(raw)?.[0].length ?? 0;
    const trimmed = raw.slice(lead);
    const kept = trimmed.replace(EXCLAMATION_KEPT, '');
    const value = kept.includes("'") || kept.includes('’') ? kept.replace(SUFFIX_AFTER_APOSTROPHE, '') : kept;
    if (isPasswordShaped(value)) return { at: from + (token.index ?? 0) + lead, value, one };
    const bare = trimmed.replace(TRAILING_WRAP, '');
    if (bare !== value && isPasswordShaped(bare)) return { at: from + (token.index ?? 0) + lead, value: bare, one };
    if (glued && !/[\x21-\x7e]/.test(raw)) {
      if (raw.length > 4) return null; // `的`, `是`, `は`: a particle or copula between; a longer run is another clause
      continue;
    }
    if ((!GAP_WORD.test(raw) && !(glued ? false : APPOSITION_GAP.test(raw))) || (gap += 1) > MAX_GAP) return null;
    if (gap === 1 && (ONE.test(raw) || raw === ',')) one = true; // `La vieja, X, ya no sirve`: the adjective stands alone
  }
  return null;
}

/**
 * Round 26: the Arabic and Hebrew "and" is written glued to the word after it (`كانت X والجديدة Y`, `… והחדשה Y`): the word
 * is read without the boundary before it when that "and" alone stands there.
 */
const OLD_NEW_AFTER_AND = new RegExp(String.raw`(?:${OLD_NEW_WORDS.filter((word) => /^[\u0600-\u06ff\u0590-\u05ff]/.test(word)).join('|')})(?![\p{L}\p{M}])`, 'yu');
function afterGluedAnd(text: string, at: number): RegExpExecArray | null {
  const and = text.charCodeAt(at - 1);
  if ((and !== 0x648 && and !== 0x5d5) || (at > 1 && /[\p{L}\p{M}]/u.test(text[at - 2]))) return null; // و, ו
  return matchAt(OLD_NEW_AFTER_AND, text, at);
}

/**
 * The end of each old/new word of the text ({@link OLD_NEW}, or one after a glued "and"), in order. Lower case that keeps every
 * offset (`lower`, when it does): the words' places are looked for there, and each is then matched in the text itself.
 */
export function oldNewWordEndsOf(text: string, lower: string | undefined): number[] {
  const ends: number[] = [];
  /** Tries the words at `at`, a place the trie found; returns where the next place may be. */
  const wordAt = (at: number): number => {
    const match = matchAt(OLD_NEW, text, at) ?? afterGluedAnd(text, at);
    if (match === null) return at + 1; // `novak`: no word here, but one may start inside the trie's match
    ends.push(match.index + match[0].length);
    return match.index + match[0].length;
  };
  if (lower !== undefined && !FOLDS_NOT_LOWERED.test(text)) {
    // The places after a character that is no ASCII letter, the scan matching that character too: it goes on from the one before.
    OLD_NEW_AT_TEXT_START.lastIndex = 0;
    OLD_NEW_AT_WORD_START.lastIndex = OLD_NEW_AT_TEXT_START.test(lower) ? wordAt(0) - 1 : 0;
    for (let start = OLD_NEW_AT_WORD_START.exec(lower); start !== null; start = OLD_NEW_AT_WORD_START.exec(lower)) {
      OLD_NEW_AT_WORD_START.lastIndex = wordAt(start.index + 1) - 1;
    }
  } else {
    OLD_NEW_AT.lastIndex = 0;
    for (let start = OLD_NEW_AT.exec(text); start !== null; start = OLD_NEW_AT.exec(text)) OLD_NEW_AT.lastIndex = wordAt(start.index);
  }
  return ends;
}

/** Pushes the value named after an old, new, previous or "other than" word, in a sentence that names a password. */
export function detectOldNewPasswords(text: string, found: Detection[]): void {
  // Round 26: a text with no password word and no password found has no sentence that names one (most prompts).
  if (passwordStemsOf(text).stems.length === 0 && !found.some((detection) => detection.label === 'SECRET')) return;
  const tryAt = (wordEnd: number, glued: boolean, now = false) => {
    const sentence = sentenceAround(text, wordEnd);
    if (now && !found.some((detection) => detection.label === 'SECRET' && detection.start >= sentence[0] && detection.end <= wordEnd)) return;
    const value = valueAfter(text, wordEnd, sentence[1] + 1, glued); // with the mark that ended it: `Hemma1234!` keeps its `!`
    if (value === null) return;
    // Round 24: `I changed my password. The old one, X, doesn't work`: "one" stands for the password of the sentence before;
    // the value must then look like a password on its own.
    const named = namesPassword(text, sentence, found) || (value.one && isStrongAlone(value.value) && namesPassword(text, [sentenceAround(text, Math.max(0, sentence[0] - 2))[0], sentence[1]], found));
    if (!named) return;
    const end = value.at + value.value.length;
    if (overlapsAny(found, value.at, end)) return;
    found.push({ start: value.at, end, label: 'SECRET' }); // as found: an `!` that ends the sentence is the password's (`Hemma1234!`)
  };
  for (const wordEnd of oldNewWordEndsOf(text, passwordStemsOf(text).lower)) tryAt(wordEnd, false);
  GLUED_OLD_NEW_FIRST.lastIndex = 0;
  for (let first = GLUED_OLD_NEW_FIRST.exec(text); first !== null; first = GLUED_OLD_NEW_FIRST.exec(text)) {
    const match = matchAt(GLUED_OLD_NEW, text, first.index);
    if (match === null) continue;
    GLUED_OLD_NEW_FIRST.lastIndex = match.index + match[0].length;
    tryAt(match.index + match[0].length, true);
  }
  // Last: the old value before a "now" may be one the glued words above found.
  for (const detection of found.slice()) {
    const now = detection.label === 'SECRET' ? matchAt(NOW_AFTER, text, detection.end) : null;
    if (now !== null) tryAt(now.index + now[0].length, false, true);
  }
}
