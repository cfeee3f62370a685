/**
 * The region hints of a national number: the countries the text around it points to, read in stages (place and language
 * words, domains, currencies, IBANs, scripts) as RegionHints asks for them, and the country lists phones.ts falls back on.
 */
import type { CountryCode } from 'libphonenumber-js/max';
import { IBAN_LENGTHS } from './checksums.js';
import { eachMatch } from './detection.js';
import {
  ARABIC_PLACES,
  blocksOf,
  CURRENCIES,
  CURRENCY_NAMES,
  DOMAIN,
  GENERIC_TLDS,
  type Hint,
  LANGUAGES,
  PLACES,
  RARE_LATIN,
  RARE_LETTER_REGIONS,
  RARE_LETTERS,
  SCRIPTS,
} from './phone-region-tables.js';

/** Each language word with the languages (indexes into LANGUAGES) it belongs to. */
const LANGUAGE_WORDS = new Map<string, number[]>();
for (const [index, [words]] of LANGUAGES.entries()) for (const word of words.split(' ')) LANGUAGE_WORDS.set(word, [...(LANGUAGE_WORDS.get(word) ?? []), index]);

/** A currency scan: its patterns as one sticky alternation, a group per currency, and where a match of them can start. */
interface CurrencyScan {
  pattern: RegExp;
  regions: ReadonlyArray<readonly CountryCode[]>;
  /** 1 at the code of each first character of an alternative that starts with `\\b`. */
  afterBoundary: Uint8Array;
  /** 1 at the code of each first character of the other alternatives. */
  anywhere: Uint8Array;
}

/**
 * The currency patterns as one scan. Where an alternative can start is read from its first character (all literal), behind a
 * word boundary where it starts with `\\b` (`\\bpesos?\\b` starts no match inside a word: most `p`, `s`, `t` of a text need no
 * try). Round 24: that test was a lookahead the engine ran at every position of the window; a table read per character is
 * cheaper, and the pattern is tried (sticky) only where it passes. No Unicode flag, which none of them needs.
 */
function currencyScan(hints: readonly Hint[]): CurrencyScan {
  const afterBoundary = new Uint8Array(0x10000);
  const anywhere = new Uint8Array(0x10000);
  for (const [pattern] of hints) {
    for (const alternative of pattern.source.split('|')) {
      const bounded = alternative.startsWith('\\b');
      const first = (bounded ? alternative.slice(2) : alternative)[0];
      if ('\\[(.'.includes(first)) throw new Error(`currency pattern ${pattern.source}: an alternative must start with a literal character`);
      (bounded ? afterBoundary : anywhere)[first.charCodeAt(0)] = 1;
    }
  }
  const alternatives = hints.map(([pattern]) => `(${pattern.source})`).join('|');
  return { pattern: new RegExp(`(?:${alternatives})`, 'y'), regions: hints.map(([, regions]) => regions), afterBoundary, anywhere };
}

/** A character `\\b` counts as a word's (no Unicode flag): an ASCII letter, digit or underscore. */
function asciiWordCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** Each match of the scan in `text`, left to right, as a global `exec` loop would find them. */
function eachCurrency(scan: CurrencyScan, text: string, visit: (match: RegExpExecArray) => void): void {
  for (let at = 0; at < text.length; ) {
    const code = text.charCodeAt(at);
    const boundary = scan.afterBoundary[code] === 1 && asciiWordCode(code) !== (at > 0 && asciiWordCode(text.charCodeAt(at - 1)));
    if (scan.anywhere[code] === 1 || boundary) {
      scan.pattern.lastIndex = at;
      const match = scan.pattern.exec(text);
      if (match !== null) {
        visit(match);
        at = Math.max(at + 1, match.index + match[0].length);
        continue;
      }
    }
    at += 1;
  }
}
const CURRENCY_SIGNS = currencyScan(CURRENCIES);
const CURRENCY_WORDS = currencyScan(CURRENCY_NAMES);

/** Place names by their words: one-word names, and the first word of longer ones with the whole name. */
const PLACE_WORDS = new Map<string, Array<[string, CountryCode]>>();
for (const [region, names] of [...Object.entries(PLACES), ...Object.entries(ARABIC_PLACES)] as Array<[CountryCode, string]>) {
  for (const name of names.split('|')) {
    const first = name.split(' ')[0];
    PLACE_WORDS.set(first, [...(PLACE_WORDS.get(first) ?? []), [name, region]]);
  }
}
/**
 * Round 24: a hash of each place and language word, its code units folded in one by one as wordHints reads them (1 at the hash's
 * low bits): most words of a window hash to no known word and are neither cut out nor looked up. Their first character and length
 * told that apart less often, since the tables hold a word of nearly every first letter and length.
 */
const WORD_HASH_MASK = (1 << 17) - 1;
const KNOWN_WORD_HASHES = new Uint8Array(WORD_HASH_MASK + 1);

function hashStep(hash: number, code: number): number {
  return (Math.imul(hash, 31) + code) | 0;
}

for (const word of [...PLACE_WORDS.keys(), ...LANGUAGE_WORDS.keys()]) {
  if (word === '') throw new Error('a place or language word is empty');
  let hash = 0;
  for (let at = 0; at < word.length; at += 1) hash = hashStep(hash, word.charCodeAt(at));
  KNOWN_WORD_HASHES[hash & WORD_HASH_MASK] = 1;
}

/** Whether each UTF-16 code unit is a letter or a mark, learnt on first sight (a regex per character costs more than the lookup). */
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
const isLetterCode = new Int8Array(0x10000);

function wordCharacter(code: number): boolean {
  if (code < 0x80) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 46;
  let known = isLetterCode[code];
  if (known === 0) isLetterCode[code] = known = LETTER_OR_MARK.test(String.fromCharCode(code)) ? 1 : -1;
  return known === 1;
}

/** How far around a number its hints are looked for: about a sentence. */
const HINT_WINDOW = 100;

/** Place names, and languages of which two different words are in the text, in one pass over its words. */
function wordHints(lower: string, hints: HintSink): void {
  const firstWord: Array<string | undefined> = [];
  for (let at = 0; at < lower.length; ) {
    if (!wordCharacter(lower.charCodeAt(at))) {
      at += 1;
      continue;
    }
    const start = at;
    let hash = 0;
    let hashBeforeLast = 0;
    for (let code = lower.charCodeAt(at); at < lower.length && wordCharacter(code); code = lower.charCodeAt(at)) {
      hashBeforeLast = hash;
      hash = hashStep(hash, code);
      at += 1;
    }
    // A word's letters, marks and dots (`e.g.`, `st.`), without a dot that ends it; cut out only when a word of its hash is known.
    const stop = lower.charCodeAt(at - 1) === 46 ? at - 1 : at;
    if (KNOWN_WORD_HASHES[(stop === at ? hash : hashBeforeLast) & WORD_HASH_MASK] === 0) continue;
    const word = lower.slice(start, stop);
    for (const [name, region] of PLACE_WORDS.get(word) ?? []) {
      if (name === word || lower.startsWith(name, start)) hints.add(region);
    }
    for (const language of LANGUAGE_WORDS.get(word) ?? []) {
      const first = firstWord[language];
      if (first === undefined) firstWord[language] = word;
      else if (first !== word) for (const region of LANGUAGES[language][1]) hints.add(region);
    }
  }
}

/**
 * The SCRIPTS patterns (by index) each code unit outside ASCII matches, learnt on first sight: a pattern per character costs less
 * than one per window. Each code unit holds 1 + the position of its list in SCRIPT_LISTS (0: not seen yet), so a window of CJK
 * or Cyrillic text costs a typed-array read per character.
 */
const SCRIPT_LIST_OF_CODE = new Uint16Array(0x10000);
const SCRIPT_LISTS: Array<readonly number[]> = [];
const SCRIPT_LIST_POSITIONS = new Map<string, number>();

function scriptsOfCode(code: number): readonly number[] {
  const known = SCRIPT_LIST_OF_CODE[code];
  if (known !== 0) return SCRIPT_LISTS[known - 1];
  const char = String.fromCharCode(code);
  const indexes = [...SCRIPTS.keys()].filter((index) => SCRIPTS[index][3] !== true && SCRIPTS[index][0].test(char));
  const key = indexes.join(',');
  let position = SCRIPT_LIST_POSITIONS.get(key);
  if (position === undefined) {
    position = SCRIPT_LISTS.push(indexes) - 1;
    SCRIPT_LIST_POSITIONS.set(key, position);
  }
  SCRIPT_LIST_OF_CODE[code] = position + 1;
  return SCRIPT_LISTS[position];
}

/**
 * Which single-character SCRIPTS patterns some character of `text` matches (1 at the pattern's index), read character by
 * character. Undefined when the text holds a surrogate: an astral character is matched as a pair, so the patterns read the text.
 */
function scriptsMatched(text: string): Uint8Array | undefined {
  const matched = new Uint8Array(SCRIPTS.length);
  for (let at = 0; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (code < 0x80) continue;
    if (code >= 0xd800 && code <= 0xdfff) return undefined;
    for (const index of scriptsOfCode(code)) matched[index] = 1;
  }
  return matched;
}

/** An IBAN's country, check digits and first group (`MT52 VALL`, `NO93 8601`): the account's country is the text's. */
const IBAN_COUNTRY_DIGITS = /[A-Z]{2}\d\d/;
const IBAN_PREFIX = /(?<![A-Za-z0-9])([A-Z]{2})\d{2}[ \u00a0]?[A-Z0-9]{4}/g;

/** Where a stage of the hints puts the countries it finds (a Set, or RegionHints keeping their order). */
interface HintSink {
  add(region: CountryCode): unknown;
}

/** The window around a number that its hints are read from, as written and lower case. */
interface HintWindow {
  around: string;
  lower: string;
}

function domainHints({ lower }: HintWindow, hints: HintSink): void {
  // `exec` loops rather than `matchAll`, which copies the pattern on every call.
  if (!lower.includes('@') && !lower.includes('//') && !lower.includes('www.')) return;
  eachMatch(DOMAIN, lower, (match) => {
    const tld = match[1];
    if (!GENERIC_TLDS.has(tld)) hints.add((tld === 'uk' ? 'GB' : tld.toUpperCase()) as CountryCode);
  });
}

/** The countries of the group that matched (one group per currency or letter set). */
function addGroupRegions(groups: ReadonlyArray<readonly CountryCode[]>, hints: HintSink): (match: RegExpExecArray) => void {
  return (match) => {
    for (const region of groups[match.findIndex((group, at) => at > 0 && group !== undefined) - 1]) hints.add(region);
  };
}

function currencyHints({ around, lower }: HintWindow, hints: HintSink): void {
  eachCurrency(CURRENCY_SIGNS, around, addGroupRegions(CURRENCY_SIGNS.regions, hints));
  eachCurrency(CURRENCY_WORDS, lower, addGroupRegions(CURRENCY_WORDS.regions, hints));
}

function ibanHints({ around }: HintWindow, hints: HintSink): void {
  if (IBAN_COUNTRY_DIGITS.test(around)) eachMatch(IBAN_PREFIX, around, (match) => IBAN_LENGTHS[match[1]] !== undefined && hints.add(match[1] as CountryCode));
}

function scriptHints({ around }: HintWindow, hints: HintSink): void {
  const blocks = blocksOf(around);
  if (blocks === 0) return;
  const matched = scriptsMatched(around);
  for (let index = 0; index < SCRIPTS.length; index += 1) {
    const [pattern, regions, block, readsAscii = false] = SCRIPTS[index];
    if ((blocks & block) === 0) continue;
    if (readsAscii || matched === undefined ? pattern.test(around) : matched[index] === 1) for (const region of regions) hints.add(region);
  }
  if ((blocks & RARE_LATIN) !== 0) eachMatch(RARE_LETTERS, around, addGroupRegions(RARE_LETTER_REGIONS, hints));
}

/** The stages of the hints, in the order their countries are listed: places and languages, domains, currencies, IBANs, scripts and letters. */
const HINT_STAGES: ReadonlyArray<(window: HintWindow, hints: HintSink) => void> = [
  ({ lower }, hints) => wordHints(lower, hints),
  domainHints,
  currencyHints,
  ibanHints,
  scriptHints,
];

/**
 * Countries the text around `[start, end)` points to, read stage by stage as they are asked for: a number valid in the first
 * country listed (most often a place or a language word) does not wait for the currencies and scripts of its window. The order
 * is that of the full list (see regionHints).
 */
export class RegionHints implements Iterable<CountryCode> {
  private readonly window: HintWindow;
  private readonly found = new Set<CountryCode>();
  private readonly listed: CountryCode[] = [];
  private stage = 0;

  constructor(text: string, start: number, end: number) {
    const around = text.slice(Math.max(0, start - HINT_WINDOW), end + HINT_WINDOW);
    this.window = { around, lower: around.toLowerCase() };
  }

  *[Symbol.iterator](): Iterator<CountryCode> {
    for (let index = 0; ; index += 1) {
      while (index >= this.listed.length) if (!this.advance()) return;
      yield this.listed[index];
    }
  }

  includes(region: CountryCode): boolean {
    while (!this.found.has(region)) if (!this.advance()) return false;
    return true;
  }

  all(): CountryCode[] {
    while (this.advance());
    return [...this.listed];
  }

  add(region: CountryCode): void {
    if (this.found.has(region)) return;
    this.found.add(region);
    this.listed.push(region);
  }

  /** Runs the next stage; false when all have run. */
  private advance(): boolean {
    if (this.stage >= HINT_STAGES.length) return false;
    HINT_STAGES[this.stage](this.window, this);
    this.stage += 1;
    return true;
  }
}

/** Countries the text around `[start, end)` points to: places, languages, domains, currencies, IBANs, then scripts and letters. */
export function regionHints(text: string, start: number, end: number): CountryCode[] {
  return new RegionHints(text, start, end).all();
}

/**
 * Where a cue word says the number is a phone but nothing says which country's: the countries tried, the
 * largest and those the corpus and field reports write numbers from first.
 */
export const CUED_REGIONS: readonly CountryCode[] = [
  'CA', 'IN', 'CN', 'BR', 'RU', 'JP', 'KR', 'ID', 'MX', 'TR', 'IT', 'NL', 'BE', 'CH', 'AT', 'IE', 'PT', 'PL', 'SE', 'NO', 'DK', 'FI', 'AU', 'NZ',
  'AR', 'CO', 'CL', 'PE', 'NG', 'KE', 'ZA', 'GH', 'EG', 'MA', 'SA', 'AE', 'IL', 'PK', 'BD', 'PH', 'TH', 'VN', 'MY', 'SG', 'HK', 'TW', 'UA',
  'CZ', 'SK', 'HU', 'RO', 'GR', 'QA', 'BH', 'KW', 'OM', 'TN', 'CR', 'PA', 'LV', 'EE', 'CY', 'MT',
  'HR', 'RS', 'SI', 'BG', 'LT', 'LB', 'JO', 'SN', 'CI', 'CM', 'UG', 'TZ', 'ET', 'ZW', 'ZM',
];

/** Countries whose national numbers have eight digits, written 2-2-2-2, 2-3-3, 3-2-3 or 4-4 (no trunk prefix). */
export const EIGHT_DIGIT_REGIONS: ReadonlySet<CountryCode> = new Set<CountryCode>([
  'DK', 'NO', 'SG', 'HK', 'MO', 'QA', 'BH', 'KW', 'OM', 'TN', 'CR', 'PA', 'SV', 'GT', 'HN', 'NI', 'LV', 'EE', 'CY', 'MT', 'MC', 'IS',
  // Mongolia, Bolivia, Cuba, Haiti, Turkmenistan, Bhutan, Timor-Leste, Papua New Guinea; Botswana, Mauritius, Lesotho, Eswatini and
  // the Sahel and Central African countries (Burkina Faso, Mali, Niger, Togo, Mauritania, Djibouti, Burundi, Chad, CAR).
  'MN', 'BO', 'CU', 'HT', 'TM', 'BT', 'TL', 'PG', 'BW', 'MU', 'LS', 'SZ', 'BF', 'ML', 'NE', 'TG', 'MR', 'DJ', 'BI', 'TD', 'CF',
]);
