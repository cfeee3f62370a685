/**
 * Round 28: wallet recovery phrases (BIP-39 mnemonics) in the official lists other than English: French (`ruban trilogie innocent
 * …`), Spanish, Italian, Portuguese, Czech, Japanese (kana words between ideographic spaces: `だんれつ　ちちおや　…`), Korean, and
 * simplified or traditional Chinese (one character a word, between spaces: `荣 届 让 贤 …`). `@scure/bip39` ships every list.
 *
 * Such a phrase is written after a cue in its language (`phrase de récupération du wallet : …`, `ウォレットの復元フレーズ：…`,
 * `助记词：…`), so a text is read only when it holds one of {@link SEED_CUES} (a few bit tests each, after the first pass); one loop
 * over its characters then finds its runs of twelve or more short words between spaces ({@link itemRuns}), and only those are
 * looked up, word by word, in one map of every list built on first use.
 * A phrase is 12, 15, 18, 21 or 24 words that are all on one list, none repeated but one. Its last word carries a checksum of the
 * others: where a run of list words is longer than a phrase (`… fresh before realizing`), the window whose checksum holds is the
 * phrase, else the window at the run's start when the run is at most two words over (prose after a phrase goes on in list words
 * more often than prose before it, which ends with a cue and a colon).
 */
import { validateMnemonic } from '@scure/bip39';
import { wordlist as czech } from '@scure/bip39/wordlists/czech.js';
import { wordlist as french } from '@scure/bip39/wordlists/french.js';
import { wordlist as italian } from '@scure/bip39/wordlists/italian.js';
import { wordlist as japanese } from '@scure/bip39/wordlists/japanese.js';
import { wordlist as korean } from '@scure/bip39/wordlists/korean.js';
import { wordlist as portuguese } from '@scure/bip39/wordlists/portuguese.js';
import { wordlist as simplifiedChinese } from '@scure/bip39/wordlists/simplified-chinese.js';
import { wordlist as spanish } from '@scure/bip39/wordlists/spanish.js';
import { wordlist as traditionalChinese } from '@scure/bip39/wordlists/traditional-chinese.js';
import { type Detection } from './detection.js';
import { holds } from './secret-first-pass.js';
import { pushSecretIfFree } from './secret-values.js';

/** The lists, each a bit of a word's mask in {@link wordMasks}; the lists are NFKD, texts are mostly NFC. */
const LISTS: readonly (readonly string[])[] = [french, spanish, italian, portuguese, czech, japanese, korean, simplifiedChinese, traditionalChinese];

/** Words that name a wallet's phrase or the wallet, in the languages of the lists (and English, the usual loan word). */
const SEED_CUES: readonly string[] = [
  'seed', 'Seed', 'SEED', 'wallet', 'Wallet', 'mnemonic', 'Mnemonic', 'recovery', 'Recovery', 'phrase', 'Phrase',
  'mnémonique', 'récupération', 'portefeuille', 'Portefeuille', 'graine', // French
  'semilla', 'Semilla', 'frase', 'Frase', 'cartera', 'billetera', 'Billetera', 'monedero', 'recuperación', 'mnemónic', // Spanish
  'portafoglio', 'recupero', 'mnemonica', // Italian
  'semente', 'carteira', 'Carteira', 'recuperação', // Portuguese
  'fráze', 'Fráze', 'peněženk', 'Peněženk', 'obnov', // Czech
  'ウォレット', 'シード', '復元', 'ニーモニック', 'フレーズ', 'リカバリー', // Japanese
  '지갑', '시드', '복구', '니모닉', '구문', // Korean
  '助记词', '助記詞', '钱包', '錢包', '种子', '種子', '恢复', '恢復', '备份', '備份', // Chinese
  'Wiederherstellung', 'сид', 'кошел', 'мнемон', // German, Russian
];

let masks: Map<string, number> | undefined;
/** Every word of {@link LISTS} (in NFC) with the bits of the lists that hold it, built the first time a cue is seen. */
function wordMasks(): Map<string, number> {
  if (masks !== undefined) return masks;
  masks = new Map();
  LISTS.forEach((list, index) => {
    for (const word of list) {
      const key = word.normalize('NFC');
      masks!.set(key, (masks!.get(key) ?? 0) | (1 << index));
    }
  });
  return masks;
}

/**
 * The characters of the basic plane that may be part of a list word (1: lower-case ASCII, accented Latin, a combining mark,
 * kana, Hangul, a CJK ideograph) or stand between a phrase's words (2: a space, a tab, a no-break or an ideographic space),
 * read from a table: the loop of {@link itemRuns} is hot.
 */
const KINDS = new Uint8Array(65536);
const LETTER = 1;
const GAP = 2;
for (const [from, to] of [[97, 122], [0xc0, 0x17f], [0x300, 0x36f], [0x3041, 0x309a], [0xac00, 0xd7a3], [0x4e00, 0x9fff]]) KINDS.fill(LETTER, from, to + 1);
KINDS[0xd7] = KINDS[0xf7] = 0; // × and ÷
for (const gap of [32, 9, 0xa0, 0x3000]) KINDS[gap] = GAP;

/**
 * The `[start, end)` of each run, between `from` and `to`, of twelve or more items of 1 to 12 list letters between gaps (any other character ends a run
 * and may start the next one right after it: `助记词：荣 届 …`, `フレーズ：だんれつ　…`): one loop over the characters.
 */
export function itemRuns(text: string, from: number, to: number): [number, number][] {
  const runs: [number, number][] = [];
  let items = 0;
  let runStart = 0;
  let runEnd = 0;
  let itemStart = -1;
  for (let at = from; at <= to; at += 1) {
    const kind = at < to ? KINDS[text.charCodeAt(at)] : 0;
    if (kind === LETTER) {
      if (itemStart < 0) itemStart = at;
      continue;
    }
    let goesOn = kind === GAP;
    if (itemStart >= 0) {
      if (at - itemStart <= 12) {
        if (items === 0) runStart = itemStart;
        items += 1;
        runEnd = at;
      } else goesOn = false;
      itemStart = -1;
    }
    if (goesOn) continue;
    if (items >= 12) runs.push([runStart, runEnd]);
    items = 0;
  }
  return runs;
}
const ITEM = /[^ \t\u00a0\u3000]+/g;

/** How far after its last cue a phrase may end. */
const PHRASE_REACH = 400;

/** The lengths a phrase may have, longest first. */
const LENGTHS = [24, 21, 18, 15, 12];

/**
 * Whether `words` (of `list`) make a phrase whose last bits are the checksum of the others: `@scure/bip39`'s own check (it reads
 * the words in NFKD, the form of its lists, and a phrase of 12, 15, 18, 21 or 24 words only).
 */
export const hasValidChecksum = (words: readonly string[], list: readonly string[]): boolean => validateMnemonic(words.join(' '), list as string[]);

/**
 * The window of a run of list words that is the phrase, as `[first, count]`, or undefined: the longest phrase length the run
 * holds, at the window whose checksum holds, else at the run's start when the run is at most two words longer.
 */
export function phraseWindow(words: readonly string[], list: readonly string[]): [number, number] | undefined {
  const length = LENGTHS.find((candidate) => candidate <= words.length);
  if (length === undefined) return undefined;
  for (let first = 0; first + length <= words.length; first += 1) {
    if (hasValidChecksum(words.slice(first, first + length), list)) return [first, length];
  }
  return words.length - length <= 2 ? [0, length] : undefined;
}

/** Whether a phrase repeats no word but one. */
const hasDistinctWords = (words: readonly string[]) => new Set(words).size >= words.length - 1;

export function detectWorldSeedPhrases(text: string, found: Detection[]): void {
  let cue = text.length;
  let lastCue = -1;
  for (const word of SEED_CUES) {
    if (!holds(text, word)) continue;
    cue = Math.min(cue, text.indexOf(word));
    lastCue = Math.max(lastCue, text.lastIndexOf(word));
  }
  if (lastCue < 0) return;
  // A phrase follows its cue within a few lines (24 words of up to 8 letters, a remark before them).
  for (const [runStart, runEnd] of itemRuns(text, cue, Math.min(text.length, lastCue + PHRASE_REACH))) {
    const map = wordMasks();
    const items = [...text.slice(runStart, runEnd).matchAll(ITEM)].map((item) => {
      const word = /[^\x00-\x7f]/.test(item[0]) ? item[0].normalize('NFC') : item[0];
      return { word, start: runStart + item.index!, end: runStart + item.index! + item[0].length, mask: map.get(word) ?? 0 };
    });
    for (let first = 0; first < items.length; ) {
      let mask = items[first].mask;
      let last = first;
      while (last < items.length && (mask & items[last].mask) !== 0) mask &= items[last++].mask;
      if (last - first >= 12) {
        const words = items.slice(first, last).map((item) => item.word);
        const list = LISTS[31 - Math.clz32(mask & -mask)];
        const window = phraseWindow(words, list);
        if (window !== undefined && hasDistinctWords(words.slice(window[0], window[0] + window[1]))) {
          const start = items[first + window[0]].start;
          const end = items[first + window[0] + window[1] - 1].end;
          pushSecretIfFree(found, start, end);
        }
      }
      first = Math.max(last, first + 1);
    }
  }
}
