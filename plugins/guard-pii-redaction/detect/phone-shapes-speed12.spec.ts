import { describe, expect, it } from 'vitest';
import { readCorpus } from '../corpus.js';
import { DICTATED_DIGITS, isDictated, NOT_A_NATIONAL_NUMBER, notANationalNumber } from './phone-national.js';

/**
 * Session 12 (speed only): two shape checks of national runs skip their pattern where it cannot match. notANationalNumber runs the
 * unanchored shapes only over a run holding a `-`, `/` or `.`; isDictated reads DICTATED_DIGITS only where the second character
 * is a space. Each must answer what testing the patterns did: on every run of digits and separators of the corpus and on texts
 * built at random from dates, amounts, dotted groups, dictated digits and the separators.
 */
const PIECES = ['2024', '1991', '20', '19', '03', '14', '12', '31', '1', '7', '0', '000', '123', '4567', '89', '448871', '0612345678', '1 2 3 4 5 6 7',
  ' ', '-', '/', '.', '. ', '\u00a0', '(', ')', '  ', '\u2011', 'a'];

function randomTexts(count: number): string[] {
  let seed = 13;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  return Array.from({ length: count }, () => Array.from({ length: 1 + Math.floor(next() * 7) }, () => PIECES[Math.floor(next() * PIECES.length)]).join(''));
}

describe('session 12, speed only: the shapes of national runs, their patterns skipped where they cannot match', () => {
  const texts = [...readCorpus().flatMap((record) => record.text.match(/[\d(][\d ().\/\-\u00a0\u2011]*/g) ?? []), ...randomTexts(40_000)];

  it('finds the runs that are never a national number as testing each shape did', () => {
    let shapes = 0;
    for (const raw of texts) {
      const expected = NOT_A_NATIONAL_NUMBER.some((shape) => shape.test(raw));
      expect(notANationalNumber(raw), JSON.stringify(raw)).toBe(expected);
      if (expected) shapes += 1;
    }
    expect(shapes).toBeGreaterThan(3_000);
  });

  it('finds the dictated runs DICTATED_DIGITS finds', () => {
    let dictated = 0;
    for (const raw of texts) {
      const expected = DICTATED_DIGITS.test(raw);
      expect(isDictated(raw), JSON.stringify(raw)).toBe(expected);
      if (expected) dictated += 1;
    }
    expect(dictated).toBeGreaterThan(150);
  });
});
