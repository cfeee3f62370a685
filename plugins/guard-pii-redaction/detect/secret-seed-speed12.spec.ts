import { describe, expect, it } from 'vitest';
import { readCorpus } from '../corpus.js';
import { mayHoldWordRun } from './secret-seed.js';

function randomTexts(pieces: readonly string[], count: number): string[] {
  let seed = 5;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  return Array.from({ length: count }, () => Array.from({ length: 2 + Math.floor(next() * 40) }, () => pieces[Math.floor(next() * pieces.length)]).join(''));
}

/** The loop over every character that session 12 replaced: the answer {@link mayHoldWordRun} must give. */
function oldMayHoldWordRun(text: string): boolean {
  let items = 0;
  let letters = 0;
  let pure = true;
  for (let at = 0; at <= text.length; at += 1) {
    const code = at < text.length ? text.charCodeAt(at) : 32;
    if (code >= 97 && code <= 122) letters += 1;
    else if (code === 32 || code === 9) {
      if (letters === 0 && pure) continue;
      items = pure && letters >= 3 && letters <= 8 ? items + 1 : 0;
      if (items >= 10) return true;
      letters = 0;
      pure = true;
    } else pure = false;
  }
  return false;
}

const CLEAN = ['abc ', 'orbit ', 'hedgehog ', 'seed ', 'lazy ', 'fox ', 'jumps ', 'over ', 'zebra\t'];
const PIECES = [...CLEAN, ...CLEAN, ...CLEAN, 'abc ', 'orbit ', 'hedgehog ', 'abc ', 'orbit ', 'hedgehog ', 'seed ', 'lazy ', 'fox ', 'jumps ', 'hedgehogs ', 'ab ', 'a ', 'abc', 'word', ' ', '  ', '\t', 'Orbit ', 'X', '.', ',', '7', 'é', '𝐀', '\n', '-', 'zoo\t', 'lazy '];

describe('session 12, speed only: the word-run gate of the seed phrases reads only long clean stretches', () => {
  it('answers what the loop over every character answered, on the corpus and on random texts', () => {
    let held = 0;
    const texts = [...readCorpus().map((record) => record.text), ...randomTexts(PIECES, 40_000)];
    for (const text of texts) {
      const expected = oldMayHoldWordRun(text);
      expect(mayHoldWordRun(text)).toBe(expected);
      if (expected) held += 1;
    }
    expect(held).toBeGreaterThan(1_000);
  });

  it('takes ten items of three letters that fill the text, and not nine, nor ten glued to a capital', () => {
    const ten = Array.from({ length: 10 }, () => 'abc').join(' ');
    expect(mayHoldWordRun(ten)).toBe(true);
    expect(mayHoldWordRun(`X${ten}`)).toBe(false);
    expect(mayHoldWordRun(`X ${ten}`)).toBe(true);
    expect(mayHoldWordRun(`${ten}X`)).toBe(false);
    expect(mayHoldWordRun(`${ten} X`)).toBe(true);
    expect(mayHoldWordRun(ten.slice(4))).toBe(false);
  });
});
