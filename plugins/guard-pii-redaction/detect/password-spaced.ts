/**
 * Round 23: passphrases written with spaces, spoken or dictated after a password word (`your password Sunday Roast 1962! is
 * visible`, `la contraseña del router es perro gato raton 77 con espacios`, `пароль от кинопоиска — кот в сапогах 55, не меняй`,
 * `the wifi for the garden room is rosebush hedgehog 41 all lowercase`). The other forms stop at the first space, and the
 * passphrase form of password-shapes.ts asks for lower-case words with no digit at the end of a line or in quotes.
 *
 * What makes such a phrase a password and not the prose that follows a password word as often (`the password is on the sticker
 * under the router`, `the password expires in 90 days`): two to four words and then a number of two to four digits that ends
 * the phrase (a symbol may follow it), no word of prose among them, and the phrase ending where the clause does, at a mark,
 * the end of the text, or a word that opens the next clause (`y`, `and`, `con espacios`, `is visible`, `sans majuscule`).
 */
import { luhnValid } from './checksums.js';
import { type Detection, eachMatch, overlapsAny } from './detection.js';
import { pushSecretIfFree } from './secret-values.js';
import { NETWORK_CONTEXT } from './secret-cues.js';
import { passwordStemsOf } from './password-stems.js';
import { PASSWORD_WORDS, SHORT_PASSWORD_WORDS, WIFI_WORDS } from './secret-words.js';
import { detectThaiChangedTo, detectWordOrderValue } from './secret-words-order.js';
import { detectItemPhrase, detectRemarkedPhrase, mayHoldRemark } from './secret-phrase-items.js';
import { detectJoinedDictation, mayHoldArrow } from './secret-note-labels.js';

/** Where a phrase may end: letters, a space, a number of two to four digits and the symbols people add (`… 1962!`). */
const PHRASE_END = /\p{L}[ \t]\d{2,4}[!#$%&*?]*(?![\p{L}\p{N}]|[.,:/]\p{N})/gu;
/** How far after its cue a phrase may end: a few words naming the account, a copula, the phrase. */
const WINDOW = 120;

/** What every {@link PHRASE_END} match holds right after its letter: a blank and two digits. */
const BLANK_DIGITS = /[ \t]\d\d/g;
/** {@link PHRASE_END}, tried at one position. */
const PHRASE_END_AT = new RegExp(PHRASE_END.source, 'uy');
const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * Session 12 (speed only): the {@link PHRASE_END} matches that start in `[from, to)`, `[start, end)` in order: what its global scan from
 * `from` finds up to `to`. Each cue ran that scan, which went on past its window to the next match or the text's end. Here the
 * blanks and digits every match holds after its letter ({@link BLANK_DIGITS}) are looked for in the window only, and the pattern
 * is tried at the letter before each (two code units back for an astral letter). Nothing is missed or added: a match starts with
 * its only letter (what follows is blanks, digits and symbols), so none starts inside another and the global scan's matches are
 * the positions where the pattern matches; and two runs of a blank and two digits never overlap, so the window's scan finds each.
 */
export function phraseEndsIn(text: string, from: number, to: number): [number, number][] {
  const ends: [number, number][] = [];
  const window = text.slice(from, Math.min(text.length, to + 4)); // a letter before `to`, two code units long, and its blank and digits
  BLANK_DIGITS.lastIndex = 0;
  for (let blank = BLANK_DIGITS.exec(window); blank !== null; blank = BLANK_DIGITS.exec(window)) {
    const after = from + blank.index;
    const at = after >= 2 && isLowSurrogate(text.charCodeAt(after - 1)) && isHighSurrogate(text.charCodeAt(after - 2)) ? after - 2 : after - 1;
    if (at < from || at >= to) continue;
    PHRASE_END_AT.lastIndex = at;
    const end = PHRASE_END_AT.exec(text);
    if (end !== null) ends.push([at, at + end[0].length]);
  }
  return ends;
}

/**
 * Round 25: the Thai password words, glued to the words after them (`รหัสผ่านระบบ POS X`, `รหัสผ่านไลน์ X`): group `glued`, whose value
 * is looked for among the next few words (see secret-words-order.ts).
 */
const THAI_GLUED_WORDS = String.raw`รหัสผ่าน|รหัส(?:ไวไฟ|วายฟาย|เข้าระบบ|เข้าสู่ระบบ)`;
/**
 * A password word (strong, or short as `pw`, `mdp`), or a Wi-Fi word (group `wifi`): not "code", "key" or "PIN". Tried only where
 * the stem trie of password-stems.ts finds a word start, since the alternation run at every position of the window costs more.
 */
const CUE = new RegExp(String.raw`(?<![\p{L}\p{M}])(?:${PASSWORD_WORDS}|${SHORT_PASSWORD_WORDS}|(?<wifi>${WIFI_WORDS})|(?<pass>pass))(?![\p{L}\p{M}])|(?<glued>${THAI_GLUED_WORDS})`, 'yiu');

/**
 * From the cue's end: up to four words naming the account (`del router`, `di Sky`, `от кинопоиска`, `for the garden room`), a
 * copula, a colon or a dash, and the phrase (group `value`); or the phrase right after the cue with no gap (`password Goat milk &
 * honey 2022`). The copulas are those of the languages whose speakers dictate such phrases; the sticky match is then held to end
 * where {@link PHRASE_END} did.
 */
const SPACED = new RegExp(
  String.raw`(?:(?<gap>(?:\s+[\p{L}\p{M}\p{N}+'’.-]+){0,4}?)(?:\s+(?:is|was|ist|lautet|est|c'est|c’est|es|era|é|è|är|er|je|jest|glasi|это|теперь|ni|adalah)(?=\s)|\s*[:：=]|\s+[—–-])|(?<bare>))\s*["'“„«]?(?<value>[\p{L}\p{M}'’]+(?:\s(?:[\p{L}\p{M}'’]+|&)){1,4}\s\d{2,4}[!#$%&*?]*)$`,
  'yiu',
);

/**
 * Words of prose, never of a dictated phrase: function words (`at least 12`, `in 90`, `for account 12`), what a password's rules
 * and events are counted in (`every 90`, `attempts`, `version 2`), the months and places of a date or a room (`since March 12`,
 * `room 12`), in the languages of the cues.
 */
const PROSE = new RegExp(
  String.raw`^(?:the|a|an|to|in|on|at|of|for|from|by|with|into|onto|per|via|it|its|this|that|these|those|my|your|our|his|her|their|see|ask|use|same|as|or|not|no|than|least|most|more|less|after|before|until|till|since|every|each|last|next|about|around|under|over|between|only|just|also|still|was|were|is|are|be|been|has|have|had|will|can|must|should|set|reset|changed|change|expires?|expired|updated?|valid|required|length|characters?|chars|digits?|letters?|minimum|maximum|min|max|attempts?|tries|times|days?|hours?|minutes?|weeks?|months?|years?|version|step|page|line|item|section|chapter|table|figure|room|floor|building|ticket|case|issue|order|number|nr|no|id|manager|policy|rule|rules|hash|field|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|la|el|los|las|un|una|misma|mismo|desde|hasta|hace|cada|antes|después|durante|il|lo|gli|der|die|das|dem|den|seit|bis|alle|le|les|depuis|jusqu|chaque|avant|après|du|des|au|aux|с|со|до|после|через|каждые|дней|lo|ha|tiene|hat|a|à)$`,
  'iu',
);
/** A word that opens the next clause right after the phrase: a conjunction, a preposition, a verb of the speaker's remark. */
const CLAUSE = /^(?:and|y|e|i|et|und|og|och|en|ja|и|і|та|а|но|не|but|pero|mas|ma|mais|aber|or|o|ou|oder|или|is|was|with|con|com|avec|mit|sans|sin|sem|senza|ohne|without|all|for|para|per|pour|für|dla|для|in|if|si|se|wenn|когда|если|please|por favor|dont|don't|ok|okay)(?![\p{L}])/iu;

/** Whether the phrase stops where its clause does: at the end of the text, a mark, a bracket, or a word of {@link CLAUSE}. */
function endsClause(text: string, end: number): boolean {
  const rest = text.slice(end, end + 24).replace(/^["'”»]/, '');
  return /^\s*(?:$|[,.;:!?)(\n—–-])/.test(rest) || (/^\s/.test(rest) && CLAUSE.test(rest.trimStart()));
}

/**
 * Words next to the cue that make the phrase something said about a password (`password hint: dog name 99`, `la pista de la
 * contraseña: …`): what `/(?<![\p{L}@./_-])(?:hint|…)(?![\p{L}./_-])/iu` finds, asked by {@link isAboutThePassword}.
 */
const ABOUT_WORDS = /(?:hint|question|answer|example|format|requirements?|policy|rules?|tip|error|message|prompt|pista|pregunta|ejemplo|índice|indice|exemple|hinweis|beispiel|подсказка|пример)(?![\p{L}./_-])/giu;
/** What may not stand right before one of {@link ABOUT_WORDS}, asked at one position. */
const ABOUT_WORD_START = /(?<![\p{L}@./_-])/iuy;

/**
 * Session 12 (speed only): whether `text` holds one of {@link ABOUT_WORDS} with no letter or `@./_-` right before it. The pattern with its
 * lookbehind first ran the lookbehind at every position; here the words are found first and the lookbehind is asked where one
 * starts, going on one character after a word that fails it (another may start inside it): the same answer, several times faster.
 */
export function isAboutThePassword(text: string): boolean {
  ABOUT_WORDS.lastIndex = 0;
  for (let word = ABOUT_WORDS.exec(text); word !== null; word = ABOUT_WORDS.exec(text)) {
    ABOUT_WORD_START.lastIndex = word.index;
    if (ABOUT_WORD_START.test(text)) return true;
    ABOUT_WORDS.lastIndex = word.index + 1;
  }
  return false;
}

function isPhrase(match: RegExpExecArray, wifi: boolean): boolean {
  const { value = '', bare } = match.groups ?? {};
  if (isAboutThePassword(match.groups?.gap ?? '')) return false;
  const words = value.split(/\s+/).slice(0, -1).filter((word) => word !== '&');
  if (words.length < 2 || words.some((word) => PROSE.test(word))) return false;
  // A Wi-Fi word names a network as often as its password (`Wi-Fi: Hotel Lobby 24`): after it only lower-case words and a copula.
  if (wifi) return bare === undefined && !/[:：=]/.test(match[0].slice(0, match[0].indexOf(value))) && !/\p{Lu}/u.test(value);
  // Right after the word with no copula, the phrase holds a symbol (`password Sunday Roast 1962!`, `password Goat milk & honey
  // 2022`): else it is as often the account the word is about (`password MySQL di server 103`, `parola DB pe 10`).
  return bare === undefined || /[!#$%&*?]/.test(value);
}

/**
 * Round 23: a router's key of digit groups after a bare "key" word (`WiFi: SmithHouse_5G   KEY: 7749 2210 8836 4105`, `WLAN: Haus,
 * Schlüssel 4821 7730 1952 6614`): "key" is a weak word, whose value must hold a symbol, so the digits-only key of secret-cued.ts
 * is tried only after the strong network-key words. Here the key word must follow a network named within {@link NETWORK_WINDOW}
 * characters (or a Wi-Fi word as OCR reads it, `WlFl`), and a group that passes the Luhn check is left to the card detector.
 */
export const DIGIT_KEY = new RegExp(
  String.raw`(?<![\p{L}\p{M}])(?:key|schlüssel|schluessel|clé|clef|clave|chave|chiave|sleutel|nyckel(?:n)?|nøkkel(?:en)?|nøgle(?:n)?|klucz|ключ|anahtar\p{L}*|kunci|khóa|avain|kulcs|klíč|kľúč|κλειδί)(?:\s*[:：=]|\s+(?:is|ist|lautet|est|es|é|è|je|er|är))?\s*["'“„«]?(?<value>\d{4,5}(?:[ \u00a0.-]\d{4,5}){2,5}|\d{12,32})(?![\p{L}\p{N}])`,
  'giu',
);
/**
 * Round 27: what every {@link DIGIT_KEY} value holds: three groups of digits (the last four digits of the first, the second whole,
 * the first four of the third) or twelve digits in a row. No match of it starts before a value and runs into it (the character
 * before a value is a key word's, a copula's, a mark's or a space after one of them, never a digit or a separator after a digit),
 * so its scan finds one in every value.
 */
const DIGIT_GROUPS = /\d{4}(?:[ \u00a0.-]\d{4,5}[ \u00a0.-]\d{4}|\d{8})/g;
/** {@link DIGIT_KEY}, tried at one position at a time (see {@link digitKeyStarts}). */
const DIGIT_KEY_AT = new RegExp(DIGIT_KEY.source, 'yiu');
/** What may stand between a key word's end and the digit groups: the link (spaces, `:`, `=`, a quote) and the value's start. */
const LINK_OR_VALUE = /[\d\s.\-"'“„«:：=]/;
const LETTER = /\p{L}/u;
/** Per character of the basic plane, asked once: 0 not yet, 1 yes, 2 no. */
const IS_LINK_OR_VALUE = new Uint8Array(0x10000);
const IS_LETTER = new Uint8Array(0x10000);
const asked = (table: Uint8Array, pattern: RegExp, code: number): boolean => {
  if (table[code] === 0) table[code] = pattern.test(String.fromCharCode(code)) ? 1 : 2;
  return table[code] === 1;
};
const isSurrogate = (code: number) => code >= 0xd800 && code <= 0xdfff;

/**
 * Round 27: where a {@link DIGIT_KEY} match may start, in order: before each run of digit groups ({@link DIGIT_GROUPS}), back over
 * the value's start and the link, the run of letters of a copula or a key word and, after spaces, one more run of letters (the key
 * word before a copula). A key word is a whole run of letters (its lookbehind; no link starts with a letter), so a match starts where
 * one of these runs does, or after a surrogate inside one (an astral letter, or a character before the key word that is none). The
 * global scan tried the key words' alternation at every position of the text.
 */
function digitKeyStarts(text: string): number[] {
  const starts: number[] = [];
  DIGIT_GROUPS.lastIndex = 0;
  for (let groups = DIGIT_GROUPS.exec(text); groups !== null; groups = DIGIT_GROUPS.exec(text)) {
    let at = groups.index;
    while (at > 0 && !isSurrogate(text.charCodeAt(at - 1)) && asked(IS_LINK_OR_VALUE, LINK_OR_VALUE, text.charCodeAt(at - 1))) at -= 1;
    for (let run = 0; run < 2; run += 1) {
      if (run === 1) while (at > 0 && /\s/.test(text[at - 1])) at -= 1;
      const runEnd = at;
      for (; at > 0; at -= 1) {
        const code = text.charCodeAt(at - 1);
        if (isSurrogate(code)) {
          if (!(code <= 0xdbff && at < text.length && text.charCodeAt(at) >= 0xdc00 && text.charCodeAt(at) <= 0xdfff)) starts.push(at); // not inside a pair
        } else if (!asked(IS_LETTER, LETTER, code)) break;
      }
      if (at === runEnd) break;
      starts.push(at);
    }
  }
  return starts.sort((first, second) => first - second);
}

/** Each match of {@link DIGIT_KEY}, as its global scan finds them: tried at the positions {@link digitKeyStarts} allows only. */
export function eachDigitKey(text: string, visit: (match: RegExpExecArray) => void): void {
  let after = 0;
  let tried = -1;
  for (const start of digitKeyStarts(text)) {
    if (start < after || start === tried) continue;
    tried = start;
    DIGIT_KEY_AT.lastIndex = start;
    const match = DIGIT_KEY_AT.exec(text);
    if (match === null) continue;
    visit(match);
    after = match.index + match[0].length;
  }
}
const NETWORK_WINDOW = 100;
/** A key of software or of a record, not of the network named before it (`wifi router; product key 7749-…`, `the room key 4410 …`). */
const NOT_A_NETWORK_KEY = /(?:product|licen[cs]e|lizenz|licencia|activation|aktivierung|serial|registration|cd|install(?:ation)?|order|tracking|ticket|booking|api|room|door|locker|safe|car|garage)[\s_-]*$/iu;
/** "Wi-Fi" as OCR reads it off a sticker, its `i` taken for an `l` or a `1`. */
const OCR_WIFI = /(?<![\p{L}])w[il1]-?f[il1](?![\p{L}])/iu;

export function detectDigitNetworkKeys(text: string, found: Detection[]): void {
  eachDigitKey(text, (match) => {
    const value = match.groups?.value ?? '';
    const digits = value.replace(/\D/g, '');
    if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits)) return;
    const context = text.slice(Math.max(0, match.index - NETWORK_WINDOW), match.index);
    if (NOT_A_NETWORK_KEY.test(context)) return;
    if (!NETWORK_CONTEXT.test(context) && !OCR_WIFI.test(context)) return;
    const start = match.index + match[0].length - value.length;
    pushSecretIfFree(found, start, start + value.length);
  });
}

interface Cue {
  start: number;
  end: number;
  wifi: boolean;
  glued: boolean;
  /** Round 26: bare `pass`, a password word only before a phrase with a typing remark (`pass Mustang 66 red (with spaces)`). */
  pass: boolean;
}

/** The password and Wi-Fi words of the text, found by the stem scan of password-stems.ts. */
function cuesOf(text: string): Cue[] {
  const cues: Cue[] = [];
  const visit = (at: number) => {
    CUE.lastIndex = at;
    const cue = CUE.exec(text);
    if (cue !== null) cues.push({ start: cue.index, end: cue.index + cue[0].length, wifi: cue.groups?.wifi !== undefined, glued: cue.groups?.glued !== undefined, pass: cue.groups?.pass !== undefined });
  };
  for (const at of passwordStemsOf(text).stems) visit(at); // the scan secret-cued.ts ran on the same text
  return cues;
}

/**
 * The phrases within {@link WINDOW} characters after each cue: the cues are found first, since most texts hold none, and a
 * phrase's end is looked for only after one.
 */
export function detectSpacedPasswords(text: string, found: Detection[]): void {
  let after = 0;
  let remark: boolean | undefined; // asked at the first cue: a text with none pays nothing
  let arrow: boolean | undefined;
  for (const cue of cuesOf(text)) {
    // `la pista de la contraseña: …`: the word naming a hint may stand before the cue too.
    if (cue.end < after || isAboutThePassword(text.slice(Math.max(0, cue.start - 24), cue.start))) continue;
    // Round 26: a phrase followed by a remark on its typing, or the rest of a list item the word opens (secret-phrase-items.ts),
    // or dictated words written joined after an arrow (secret-note-labels.ts).
    remark ??= mayHoldRemark(text);
    arrow ??= mayHoldArrow(text);
    if (!cue.glued && ((remark && detectRemarkedPhrase(text, cue.end, WINDOW, found)) || (arrow && detectJoinedDictation(text, cue.end, found)))) {
      after = found[found.length - 1].end;
      continue;
    }
    if (cue.pass) continue;
    if (!cue.glued && !cue.wifi && detectItemPhrase(text, cue.start, cue.end, found)) {
      after = found[found.length - 1].end;
      continue;
    }
    // Round 24: a value the cued forms missed for the words around it (secret-words-order.ts), where they found none after the cue.
    const ordered = !overlapsAny(found, cue.start - 80, cue.end + WINDOW) && detectWordOrderValue(text, cue.start, cue.end, cue.wifi, found, cue.glued);
    if (cue.glued) detectThaiChangedTo(text, cue.end, found);
    if (ordered) after = found[found.length - 1].end;
    if (ordered || cue.glued) continue;
    for (const [, phraseEnd] of phraseEndsIn(text, cue.end, cue.end + WINDOW)) {
      if (!endsClause(text, phraseEnd)) continue;
      SPACED.lastIndex = 0;
      const match = SPACED.exec(text.slice(cue.end, phraseEnd));
      if (match === null || !isPhrase(match, cue.wifi)) continue;
      const start = phraseEnd - (match.groups?.value ?? '').length;
      pushSecretIfFree(found, start, phraseEnd);
      after = phraseEnd;
      break;
    }
  }
}
