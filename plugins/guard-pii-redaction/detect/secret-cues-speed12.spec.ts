import { describe, expect, it } from 'vitest';
import { readCorpus } from '../corpus.js';
import { GAP_WORD, SPOKEN_PASSWORD } from './secret-cues.js';

/**
 * Speed 12: SPOKEN_PASSWORD's gap word ({@link GAP_WORD}) backtracks less than the plain run of word characters it replaced. The
 * pattern must match what the old one matches (start, length and named groups) wherever it is tried: on the corpus at every end
 * of a word, and on texts built at random from copulas, apostrophes, marks, digits and values at every position.
 */
const OLD_WORD = String.raw`[\p{L}\p{M}\p{N}\u200c\u200d'’.@_/#+~-]+`;
const OLD_SPOKEN = new RegExp(SPOKEN_PASSWORD.source.replace(GAP_WORD, OLD_WORD), SPOKEN_PASSWORD.flags);

const outcome = (pattern: RegExp, text: string, at: number) => {
  pattern.lastIndex = at;
  const match = pattern.exec(text);
  if (match === null) return null;
  const { gap, value, verb, now } = match.groups ?? {};
  return [match.index, match[0].length, gap?.length, value?.length, verb?.length, now?.length];
};

function randomTexts(pieces: readonly string[], count: number): string[] {
  let seed = 11;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  return Array.from({ length: count }, () => Array.from({ length: 3 + Math.floor(next() * 12) }, () => pieces[Math.floor(next() * pieces.length)]).join(''));
}

const PIECES = [' ', ' ', '  ', 'password', ' is ', ' est ', 'c', "c'", 'c’', 'était', "c'était", ' ist ', 'es', 'l', "l'", 'e\u0301', '\u0301', '\u200c', 'x', 'ab', '7', '214', '-', '.', "'", '_', '@', '/', '#', '(', ')', ':', ': ', ', ', '…', '?', ' — ', '=', ' -> ', '：', 'Biblio_Nantes44', 'Hunter2!x', 'Tr0ub4dor&3', 'sunflowerfieldsky', ' changed', ' to ', ' use ', 'try', ' now ', ' je crois', 'wifi', 'router01', 'de', 'la', '\n', 'é', 'ß', 'ο', 'είναι', 'je', 'war', 'fue', '2024!'];

describe('speed 12: SPOKEN_PASSWORD with its faster gap word matches what the old pattern matches', () => {
  it('replaced the old gap word', () => {
    expect(OLD_SPOKEN.source).not.toBe(SPOKEN_PASSWORD.source);
    expect(OLD_SPOKEN.source).toContain(OLD_WORD);
  });

  it('on the corpus at every end of a word', () => {
    let found = 0;
    for (const { text } of readCorpus()) {
      for (let at = 1; at < text.length; at++) {
        if (!/[\p{L}\p{N}]/u.test(text[at - 1]) || /[\p{L}\p{N}]/u.test(text[at])) continue;
        const expected = outcome(OLD_SPOKEN, text, at);
        expect(outcome(SPOKEN_PASSWORD, text, at)).toEqual(expected);
        if (expected !== null) found++;
      }
    }
    expect(found).toBeGreaterThan(500);
  });

  it('on 20,000 random texts at every position', () => {
    let found = 0;
    for (const text of randomTexts(PIECES, 20_000)) {
      for (let at = 0; at < text.length; at++) {
        const expected = outcome(OLD_SPOKEN, text, at);
        expect(outcome(SPOKEN_PASSWORD, text, at)).toEqual(expected);
        if (expected !== null) found++;
      }
    }
    expect(found).toBeGreaterThan(2_000);
  });
});
