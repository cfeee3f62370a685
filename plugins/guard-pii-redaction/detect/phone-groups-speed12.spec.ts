import { describe, expect, it } from 'vitest';
import { readCorpus } from '../corpus.js';
import { digitCount, digitGroupLengths, groupedLikeACard } from './phone-national.js';

/**
 * Session 12 (speed only): groupedLikeACard reads its groups in one pass (digitGroupLengths) instead of splitting at a pattern and testing
 * each group with another. It must answer what the split did: on every run of digits and separators of the corpus and on texts
 * built at random from digit groups, the three separators (alone and in runs, leading and trailing) and the characters that are
 * none (dots, slashes, brackets, letters, full-width and Arabic-Indic digits).
 */
function oldGroupLengths(raw: string): number[] | undefined {
  const groups = raw.split(/[ \-\u00a0]+/);
  return groups.some((group) => !/^\d+$/.test(group)) ? undefined : groups.map((group) => group.length);
}

function oldGroupedLikeACard(raw: string, digits: number): boolean {
  if (digits < 13) return false;
  const groups = raw.split(/[ \-\u00a0]+/);
  if (groups.some((group) => !/^\d+$/.test(group))) return false;
  const fours = groups.length >= 3 && groups.slice(0, -1).every((group) => group.length === 4) && groups[groups.length - 1].length <= 4;
  return fours || (digits <= 19 && groups.length === 3 && groups[0].length === 4 && groups[1].length === 6);
}

const PIECES = ['4111', '1111', '5555', '4444', '4111 1111 1111 ', '5555-4444-3333-', '3782 822463 10005', '0', '12', '123', '1234', '12345', '123456', '1234567', ' ', '-', '\u00a0', '  ', ' - ', '--', '.', '/', '(', ')',
  'a', '\u2011', '\u3000', '１２', '٣٤', '+'];

function randomTexts(count: number): string[] {
  let seed = 3;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  return Array.from({ length: count }, () => Array.from({ length: Math.floor(next() * 9) }, () => PIECES[Math.floor(next() * PIECES.length)]).join(''));
}

describe('session 12, speed only: the groups of a card-like run read in one pass', () => {
  it('reads the groups the split read, and answers groupedLikeACard as before', () => {
    const runs = readCorpus().flatMap((record) => record.text.match(/[\d \-\u00a0().\/]+/g) ?? []);
    let cards = 0;
    for (const raw of [...runs, ...randomTexts(40_000)]) {
      expect(digitGroupLengths(raw), JSON.stringify(raw)).toEqual(oldGroupLengths(raw));
      const digits = digitCount(raw);
      const expected = oldGroupedLikeACard(raw, digits);
      expect(groupedLikeACard(raw, digits), JSON.stringify(raw)).toBe(expected);
      if (expected) cards += 1;
    }
    expect(cards).toBeGreaterThan(500);
  });
});
