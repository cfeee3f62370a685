import { PASSWORD_SCAN_WORDS } from './secret-cues.js';

/**
 * The scan for password words in a lower-cased text, as a prefix tree walked in code instead of the alternation `PASSWORD_WORD`
 * (secret-cues.ts): almost every letter starts some word, so the regex enters its tree at nearly every position; here a bit test on
 * the first two characters rules out most positions before any walk. It reports what the regex does on the lower-cased text:
 * the longest word at the leftmost position, then goes on after it.
 */

/** A node's children, keyed `node * 65536 + char code` (one map for the whole tree). */
const CHILDREN = new Map<number, number>();
/** Whether the path to a node spells a whole word. */
const WORD_ENDS: boolean[] = [false];
/** The pairs of first characters of the words, hashed into a bit set as in secret-formats.ts. */
const FIRST_PAIRS = new Uint32Array(2048);
const pairHash = (first: number, second: number) => (first * 31 + second) & 0xffff;

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
  const hash = pairHash(word.charCodeAt(0), word.charCodeAt(1));
  FIRST_PAIRS[hash >>> 5] |= 1 << (hash & 31);
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
    const hash = pairHash(lower.charCodeAt(at), lower.charCodeAt(at + 1));
    const end = (FIRST_PAIRS[hash >>> 5] & (1 << (hash & 31))) === 0 ? -1 : longestWordAt(lower, at);
    if (end > at) {
      visit(at);
      at = end;
    } else at += 1;
  }
}
