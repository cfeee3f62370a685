import { describe, expect, it } from 'vitest';
import { readCorpus } from '../corpus.js';
import { type Detection } from './detection.js';
import { DIGIT_KEY, eachDigitKey } from './password-spaced.js';
import { eachLosenValue, LOSEN_VALUE } from './secret-swedish-losen.js';
import { detectSecrets } from './secrets.js';

/**
 * Round 27 made two scans faster by trying their pattern only at the positions a match can start at. Each must find what the
 * pattern's own global scan finds, in the same order: on the corpus and on texts built at random from the pieces of their matches
 * (key words, links, digit groups, letters before them, astral letters). A third scan reads the text in lower case (last case).
 */
const globalScan = (pattern: RegExp, text: string) => [...text.matchAll(pattern)].map((match) => [match.index, match[0]]);
const restricted = (each: (text: string, visit: (match: RegExpExecArray) => void) => void, text: string) => {
  const out: [number, string][] = [];
  each(text, (match) => out.push([match.index, match[0]]));
  return out;
};

function randomTexts(pieces: readonly string[], count: number): string[] {
  let seed = 7;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  return Array.from({ length: count }, () => Array.from({ length: 4 + Math.floor(next() * 14) }, () => pieces[Math.floor(next() * pieces.length)]).join(''));
}

const DIGIT_PIECES = ['key', 'Key', 'KEY', 'schlüssel', 'clé', 'klíč', 'κλειδί', 'ключ', 'anahtarı', 'nyckeln', ' ', '  ', ':', '：', '=', ' is ', ' ist ', ' är ', '"', '«', '1234', '56789', '0000', '1234 5678 9012', '4821-9930-1177', '8821.4410.5539.1020', '123456789012', '98765432109876', '-', '.', ' ', 'wifi ', 'x', 'a', '7', '𝐀', '𝐤𝐞𝐲', '\n', 'monkey', 'keys'];
const LOSEN_PIECES = ['lösen', 'Lösen', 'lösenord', 'wifi-', 'wlan', 'nätverks-', 'router', 'ösen', 'et', ' ', ':', '=', ' är ', ' nu ', ' till ', 'routern', ' för ', 'Hjortron77', 'Fika#2024', '"', '(', 'x', 'l', 'L', '𝐀', '500 kr', '\n', 'lösenet'];

describe('round 27: position-restricted scans find what the global scans find', () => {
  const corpus = readCorpus().map((record) => record.text);

  it('finds every digit network key the global DIGIT_KEY scan finds, in order', () => {
    let found = 0;
    for (const text of [...corpus, ...randomTexts(DIGIT_PIECES, 30_000)]) {
      const expected = globalScan(DIGIT_KEY, text);
      expect(restricted(eachDigitKey, text)).toEqual(expected);
      found += expected.length;
    }
    expect(found).toBeGreaterThan(3_000);
  });

  it('finds every lösen value the global LOSEN_VALUE scan finds, in order', () => {
    let found = 0;
    for (const text of [...corpus, ...randomTexts(LOSEN_PIECES, 30_000)]) {
      const expected = globalScan(LOSEN_VALUE, text);
      expect(restricted(eachLosenValue, text)).toEqual(expected);
      found += expected.length;
    }
    expect(found).toBeGreaterThan(1_500);
  });

  it('reads the old/new words of a text whose lower case is not its case folding (ſ) as the case-folding scan does', () => {
    // Round 27 looks for the old/new words in the text's lower case; `ſ` folds to `s` but lower-cases to itself, so a text
    // holding one must go to the case-folding scan, or `previouſ` is lost.
    const secretsOf = (text: string) => {
      const found: Detection[] = [];
      detectSecrets(text, found);
      return found.map((detection) => text.slice(detection.start, detection.end));
    };
    expect(secretsOf('I changed my password. The previous one, Kestrel_88, does not work anymore.')).toEqual(['Kestrel_88']);
    expect(secretsOf('I changed my password. The previouſ one, Kestrel_88, does not work anymore.')).toEqual(['Kestrel_88']);
  });
});
