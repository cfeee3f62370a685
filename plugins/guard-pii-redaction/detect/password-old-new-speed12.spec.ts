import { describe, expect, it } from 'vitest';
import { readCorpus } from '../corpus.js';
import { OLD_NEW_WORDS, oldNewWordEndsOf } from './password-old-new.js';
import { literalTrie } from './secret-words.js';

/**
 * Session 12 (speed only): the old/new words are looked for in the lower-case text only after a character that is no ASCII letter. The
 * words found must be the ones round 27's scan found (its trie at every place, each place then matched in the text), on the
 * corpus and on random texts of the words, their case forms, the letters before them and the characters that fold or lower-case
 * unlike the others.
 */
const OLD_NEW = new RegExp(String.raw`(?<![\p{L}\p{M}])(?:${OLD_NEW_WORDS.map((word) => word.replace('(', '\\(')).join('|')})(?![\p{L}\p{M}])`, 'yiu');
const OLD_NEW_AT = new RegExp(literalTrie(OLD_NEW_WORDS), 'giu');
const OLD_NEW_AT_LOWER = new RegExp(literalTrie(OLD_NEW_WORDS), 'gu');
const FOLDS_NOT_LOWERED = /[\u017f\u1c80-\u1c8f\u212a\u212b]/;
const OLD_NEW_AFTER_AND = new RegExp(String.raw`(?:${OLD_NEW_WORDS.filter((word) => /^[\u0600-\u06ff\u0590-\u05ff]/.test(word)).join('|')})(?![\p{L}\p{M}])`, 'yu');
const at = (pattern: RegExp, text: string, index: number) => {
  pattern.lastIndex = index;
  return pattern.exec(text);
};
function afterGluedAnd(text: string, index: number): RegExpExecArray | null {
  const and = text.charCodeAt(index - 1);
  if ((and !== 0x648 && and !== 0x5d5) || (index > 1 && /[\p{L}\p{M}]/u.test(text[index - 2]))) return null;
  return at(OLD_NEW_AFTER_AND, text, index);
}
/** Round 27's scan. */
function oldWordEnds(text: string, lower: string | undefined): number[] {
  const ends: number[] = [];
  const [words, scanned] = lower !== undefined && !FOLDS_NOT_LOWERED.test(text) ? [OLD_NEW_AT_LOWER, lower] : [OLD_NEW_AT, text];
  words.lastIndex = 0;
  for (let start = words.exec(scanned); start !== null; start = words.exec(scanned)) {
    const match = at(OLD_NEW, text, start.index) ?? afterGluedAnd(text, start.index);
    if (match === null) words.lastIndex = start.index + 1;
    else {
      ends.push(match.index + match[0].length);
      words.lastIndex = match.index + match[0].length;
    }
  }
  return ends;
}
const lowerOf = (text: string) => {
  const lower = text.toLowerCase();
  return lower.length === text.length ? lower : undefined;
};

function randomTexts(pieces: readonly string[], count: number): string[] {
  let seed = 19;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  return Array.from({ length: count }, () => Array.from({ length: 1 + Math.floor(next() * 10) }, () => pieces[Math.floor(next() * pieces.length)]).join(''));
}
const PIECES = [
  ...OLD_NEW_WORDS.slice(0, 40), ...OLD_NEW_WORDS.slice(0, 20).map((word) => word.toUpperCase()), 'Old', 'NEW', 'Nouveau', 'Précédent', 'Старый', 'ALTE',
  '(formerly', '(was', '(früher', '(FORMERLY', 'formerly', 'والجديدة', 'و', 'ו', 'החדשה', 'x', 'X', 'k', 'K', 'ſ', 'İ', 'ı', 'ᲀ', 'é', '\u0301', '𝐀', ' ', ',', '(', '.', '1', '_', '-', 'novak', 'news', 'gold', 'anew',
];

describe('session 12, speed only: the old/new words found after a character that is no ASCII letter', () => {
  it('are the words round 27 found, on the corpus and on random texts', () => {
    let words = 0;
    for (const text of [...readCorpus().map((record) => record.text), ...randomTexts(PIECES, 40_000)]) {
      const lower = lowerOf(text);
      const expected = oldWordEnds(text, lower);
      expect(oldNewWordEndsOf(text, lower), text).toEqual(expected);
      words += expected.length;
    }
    expect(words).toBeGreaterThan(5_000);
  });

  it('skips a place after an ASCII letter of the lower-case text only where the text has a letter too', () => {
    // Every code unit whose lower case is an ASCII letter is one, or sends its text to the case-folding scan.
    for (let code = 0; code < 0x10000; code += 1) {
      const char = String.fromCharCode(code);
      if (/^[a-z]$/.test(char.toLowerCase())) expect(/[A-Za-z]/.test(char) || FOLDS_NOT_LOWERED.test(char), char).toBe(true);
    }
  });
});
