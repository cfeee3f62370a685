/**
 * Turns text into the form the patterns are written against: invisible characters gone, Unicode
 * compatibility forms folded (NFKC), Latin look-alikes from Cyrillic/Greek folded inside mixed-script
 * words, accents stripped, lower case, typographic quotes made plain, light leetspeak undone and
 * letter-spaced words joined.
 * Each transformation that changed something is reported, because obfuscation next to a pattern
 * hit is itself evidence.
 */

/** What normalisation had to undo. */
export interface ObfuscationFlags {
  invisible: boolean;
  confusables: boolean;
  leetspeak: boolean;
  spacedLetters: boolean;
  compatibilityForms: boolean;
}

export interface NormalizedText {
  /** Normalised text with line breaks kept (for line-anchored patterns such as fake `system:` turns). */
  lines: string;
  /** The same text on one line: every run of whitespace is one space. */
  flat: string;
  /** ASCII hidden in Unicode tag characters (U+E0020–U+E007E), decoded; empty when there is none. */
  tagText: string;
  flags: ObfuscationFlags;
}

const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]/gu;
const HAS_INVISIBLE = new RegExp(INVISIBLE.source, 'u');
const TAG_CHARACTERS = /[\u{E0000}-\u{E007F}]/gu;
const COMBINING_DIACRITICS = /[\u0300-\u036F]/gu;

/** Cyrillic and Greek letters drawn like Latin ones; folded only inside words that also hold Latin letters. */
const CONFUSABLES: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  і: 'i', ї: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', һ: 'h', ӏ: 'l', ɡ: 'g', ı: 'i', ɑ: 'a',
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', І: 'I', Ј: 'J', Ѕ: 'S', У: 'Y',
  α: 'a', ο: 'o', ν: 'v', ι: 'i', κ: 'k', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ε: 'e',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
};
const CONFUSABLE_CLASS = `[${Object.keys(CONFUSABLES).join('')}]`;
const HAS_CONFUSABLE = new RegExp(CONFUSABLE_CLASS, 'u');
const CONFUSABLE_ANY = new RegExp(CONFUSABLE_CLASS, 'gu');
const WORD = /\p{L}+/gu;

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't' };
const LEET_TOKEN = /[\p{L}\p{N}]*[a-z][\p{L}\p{N}]*/gu;
/** Identifiers such as base64, sha256, utf8, gpt4, mp3: letters then a number, not leetspeak. */
const LETTERS_THEN_NUMBER = /^[a-z]+\d+$/;

/** Four or more single letters separated by one space, dot, dash, underscore or star ("i g n o r e"). */
const SPACED_LETTERS = /(?<![\p{L}\p{N}])\p{L}(?:(?: {1,2}|[.\-_*] ?)\p{L}){3,}(?![\p{L}\p{N}])/gu;

/** NFKD, then drops Latin/Greek/Cyrillic combining diacritics, then NFC (so Hangul and kana recompose). */
export function stripAccents(text: string): string {
  return text.normalize('NFKD').replace(COMBINING_DIACRITICS, '').normalize('NFC');
}

function decodeTagCharacters(text: string): string {
  let decoded = '';
  for (const match of text.matchAll(TAG_CHARACTERS)) {
    const code = match[0].codePointAt(0)! - 0xe0000;
    if (code >= 0x20 && code <= 0x7e) decoded += String.fromCharCode(code);
  }
  return decoded;
}

function foldConfusables(text: string): { text: string; changed: boolean } {
  if (!HAS_CONFUSABLE.test(text)) return { text, changed: false };
  let changed = false;
  const folded = text.replace(WORD, (word) => {
    if (!/[A-Za-z]/.test(word) || !HAS_CONFUSABLE.test(word)) return word;
    changed = true;
    return word.replace(CONFUSABLE_ANY, (letter) => CONFUSABLES[letter] ?? letter);
  });
  return { text: folded, changed };
}

const LEET_NEXT_TO_LETTER = /[a-z][013457]|[013457][a-z]/;

function undoLeetspeak(text: string): { text: string; changed: boolean } {
  if (!LEET_NEXT_TO_LETTER.test(text)) return { text, changed: false };
  let changed = false;
  const undone = text.replace(LEET_TOKEN, (token) => {
    if (!/[013457]/.test(token) || LETTERS_THEN_NUMBER.test(token)) return token;
    if ((token.match(/\p{L}/gu) ?? []).length < 2) return token;
    changed = true;
    return token.replace(/[013457]/g, (digit) => LEET[digit]);
  });
  return { text: undone, changed };
}

function joinSpacedLetters(text: string): { text: string; changed: boolean } {
  let changed = false;
  const joined = text.replace(SPACED_LETTERS, (run) => {
    changed = true;
    return run
      .split(/ {2,}/)
      .map((word) => word.replace(/[ .\-_*]/g, ''))
      .join(' ');
  });
  return { text: joined, changed };
}

/**
 * Normalises one piece of text for scanning.
 *
 * @example
 * normalizeForScan('Ｉｇｎｏｒｅ аll prev\u200bious').flat; // 'ignore all previous'
 */
export function normalizeForScan(raw: string): NormalizedText {
  const tagText = decodeTagCharacters(raw);
  const visible = raw.replace(TAG_CHARACTERS, '').replace(INVISIBLE, '');
  const compatible = visible.normalize('NFKC');
  const confusables = foldConfusables(compatible);
  const lowered = stripAccents(confusables.text)
    .toLowerCase()
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u00B4`]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u00AB\u00BB\u2033]/g, '"');
  const leet = undoLeetspeak(lowered);
  const spaced = joinSpacedLetters(leet.text);
  const lines = spaced.text
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n[\s]*/g, '\n')
    .trim();
  return {
    lines,
    flat: lines.replace(/\n/g, ' '),
    tagText,
    flags: {
      invisible: HAS_INVISIBLE.test(raw),
      confusables: confusables.changed,
      leetspeak: leet.changed,
      spacedLetters: spaced.changed,
      compatibilityForms: compatible !== visible,
    },
  };
}

/**
 * Normalises a phrase the way scanned text is normalised (used for allowlisted phrases).
 *
 * @example
 * normalizePhrase('  Ignore   Previous  ') // 'ignore previous'
 */
export function normalizePhrase(phrase: string): string {
  return normalizeForScan(phrase).flat;
}
