import { PASSWORD_SCAN_WORDS } from './secret-cues.js';

/**
 * The scan for password words in a lower-cased text, as a prefix tree walked in code instead of the alternation `PASSWORD_WORD`
 * (secret-cues.ts): almost every letter starts some word, so the regex enters its tree at nearly every position; here a bit test on
 * the first characters rules out most positions before any walk. It reports what the regex does on the lower-cased text:
 * the longest word at the leftmost position, then goes on after it.
 */

/** A node's children, keyed `node * 65536 + char code` (one map for the whole tree). */
const CHILDREN = new Map<number, number>();
/** Whether the path to a node spells a whole word. */
const WORD_ENDS: boolean[] = [false];
/**
 * The first two characters of the words, and the first three, hashed into bit sets as in secret-first-pass.ts; `WHOLE_PAIRS`
 * holds the words of two characters (`pw`, `密码`). A position whose characters are in neither starts no word.
 */
const FIRST_PAIRS = new Int32Array(2048);
const FIRST_TRIPLES = new Int32Array(2048);
const WHOLE_PAIRS = new Int32Array(2048);
const pairHash = (first: number, second: number) => (first * 31 + second) & 0xffff;
const tripleHash = (first: number, second: number, third: number) => (first * 961 + second * 31 + third) & 0xffff;
const setBit = (bits: Int32Array, hash: number) => (bits[hash >>> 5] |= 1 << (hash & 31));
const hasBit = (bits: Int32Array, hash: number) => (bits[hash >>> 5] & (1 << (hash & 31))) !== 0;

function addWord(word: string): void {
  if (word.length < 2 || word.length !== [...word].length) throw new Error(`password-stems: "${word}" needs two characters of the basic plane`);
  let node = 0;
  for (let at = 0; at < word.length; at += 1) {
    const key = node * 65536 + word.charCodeAt(at);
    let child = CHILDREN.get(key);
    if (child === undefined) {
      child = WORD_ENDS.length;
      WORD_ENDS.push(false);
      CHILDREN.set(key, child);
    }
    node = child;
  }
  WORD_ENDS[node] = true;
  const pair = pairHash(word.charCodeAt(0), word.charCodeAt(1));
  setBit(FIRST_PAIRS, pair);
  if (word.length === 2) setBit(WHOLE_PAIRS, pair);
  else setBit(FIRST_TRIPLES, tripleHash(word.charCodeAt(0), word.charCodeAt(1), word.charCodeAt(2)));
}

/** Whether a word may start at `at`: its first two characters start one, and they are one or its first three start one. */
function mayStartWord(lower: string, at: number): boolean {
  const pair = pairHash(lower.charCodeAt(at), lower.charCodeAt(at + 1));
  if (!hasBit(FIRST_PAIRS, pair)) return false;
  return hasBit(WHOLE_PAIRS, pair) || (at + 2 < lower.length && hasBit(FIRST_TRIPLES, tripleHash(lower.charCodeAt(at), lower.charCodeAt(at + 1), lower.charCodeAt(at + 2))));
}
for (const word of PASSWORD_SCAN_WORDS) addWord(word.toLowerCase());

/** The end of the longest word starting at `at`, or -1. */
function longestWordAt(lower: string, at: number): number {
  let node = 0;
  let end = -1;
  for (let next = at; next < lower.length; next += 1) {
    const child = CHILDREN.get(node * 65536 + lower.charCodeAt(next));
    if (child === undefined) break;
    node = child;
    if (WORD_ENDS[node]) end = next + 1;
  }
  return end;
}

/** Calls `visit` with the start of each password word of `lower` (a text in lower case), left to right, words not overlapping. */
export function eachPasswordStem(lower: string, visit: (at: number) => void): void {
  for (let at = 0; at < lower.length - 1; ) {
    const end = mayStartWord(lower, at) ? longestWordAt(lower, at) : -1;
    if (end > at) {
      visit(at);
      at = end;
    } else at += 1;
  }
}

/** The text {@link passwordStemsOf} last scanned, and what it found there. */
let scannedText = '';
let scanned: { lower: string; stems: readonly number[] } = { lower: '', stems: [] };

/**
 * The text in lower case with its length kept: `İ`, the one character whose lower case is two code units (`i̇`), stays as it is,
 * so offsets in the lower case are offsets in the text. No password word holds it, and a case-insensitive pattern matches it only
 * to itself, so a scan of this lower case finds what the pattern finds in the text.
 */
export function lowerOfSameLength(text: string): string {
  const lower = text.toLowerCase();
  return lower.length === text.length ? lower : text.split('İ').map((part) => part.toLowerCase()).join('İ');
}

/**
 * The text in lower case ({@link lowerOfSameLength}) and the start of each of its password words ({@link eachPasswordStem}).
 * secret-cued.ts, password-spaced.ts and the prose detectors walk the password words of the same text, one after the other: the
 * scan runs once and its result is kept for the last text.
 */
export function passwordStemsOf(text: string): { lower: string; stems: readonly number[] } {
  if (text !== scannedText) {
    const lower = lowerOfSameLength(text);
    const stems: number[] = [];
    eachPasswordStem(lower, (at) => stems.push(at));
    scannedText = text;
    scanned = { lower, stems };
  }
  return scanned;
}
