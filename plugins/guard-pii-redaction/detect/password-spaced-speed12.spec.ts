import { describe, expect, it } from 'vitest';
import { readCorpus } from '../corpus.js';
import { isAboutThePassword, phraseEndsIn } from './password-spaced.js';

/**
 * Session 12 (speed only): two scans of password-spaced.ts changed their way, not their answers. The words about a password are found
 * before their lookbehind is asked, and the phrase ends are looked for in a cue's window only, from the blank and digits each
 * holds. Each must answer what the pattern of round 11 answered: on the corpus and on random texts built from their pieces.
 */
const OLD_ABOUT_THE_PASSWORD = /(?<![\p{L}@./_-])(?:hint|question|answer|example|format|requirements?|policy|rules?|tip|error|message|prompt|pista|pregunta|ejemplo|índice|indice|exemple|hinweis|beispiel|подсказка|пример)(?![\p{L}./_-])/iu;
const OLD_PHRASE_END = /\p{L}[ \t]\d{2,4}[!#$%&*?]*(?![\p{L}\p{N}]|[.,:/]\p{N})/gu;

/** The matches of the old global scan from `from` that start before `to`, as the old loop read them. */
function oldPhraseEnds(text: string, from: number, to: number): [number, number][] {
  const ends: [number, number][] = [];
  OLD_PHRASE_END.lastIndex = from;
  for (let end = OLD_PHRASE_END.exec(text); end !== null && end.index < to; end = OLD_PHRASE_END.exec(text)) ends.push([end.index, end.index + end[0].length]);
  return ends;
}

function randomTexts(pieces: readonly string[], count: number, length: number): string[] {
  let seed = 9;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  return Array.from({ length: count }, () => Array.from({ length: 1 + Math.floor(next() * length) }, () => pieces[Math.floor(next() * pieces.length)]).join(''));
}

const ABOUT_PIECES = [
  'hint', 'HINT', 'Hint', 'question', 'answer', 'requirement', 'requirements', 'rule', 'rules', 'tip', 'índice', 'ÍNDICE', 'indice', 'подсказка', 'ПРИМЕР', 'пример',
  'message', 'meſsage', 'Beiſpiel', 'hınt', 'hİnt', 'ᲀ', 'prompt', 'error', 'pista', 'ejemplo', 'hinweis', 'format', 'policy', 'example',
  ' ', '@', '.', '/', '_', '-', 'x', 'é', '\u0301', '𝐀', '1', ':', 's', 'hin',
];
const PHRASE_PIECES = ['a', 'B', 'é', 'я', '𝐀', '𝐛', ' ', '\t', '  ', '12', '1962', '12345', '7', '!', '#', '?', '&', '*', '.', ',', ':', '/', '𝟎', '١٢', 'x1', '\n', '-'];

describe('session 12, speed only: the scans of password-spaced.ts answer what their patterns answered', () => {
  const corpus = readCorpus().map((record) => record.text);

  it('finds a word about the password where the pattern with its lookbehind first did', () => {
    let about = 0;
    const texts = [...corpus, ...corpus.flatMap((text) => Array.from({ length: Math.ceil(text.length / 24) }, (_, index) => text.slice(index * 24, index * 24 + 24))), ...randomTexts(ABOUT_PIECES, 30_000, 8)];
    for (const text of texts) {
      const expected = OLD_ABOUT_THE_PASSWORD.test(text);
      expect(isAboutThePassword(text)).toBe(expected);
      if (expected) about += 1;
    }
    expect(about).toBeGreaterThan(2_000);
  });

  it('finds the phrase ends the global scan from a cue found before its window ends', () => {
    let ends = 0;
    for (const text of corpus) {
      for (let from = 0; from < text.length; from += 53) {
        const expected = oldPhraseEnds(text, from, from + 120);
        expect(phraseEndsIn(text, from, from + 120)).toEqual(expected);
        ends += expected.length;
      }
    }
    for (const text of randomTexts(PHRASE_PIECES, 20_000, 30)) {
      for (let from = 0; from <= text.length; from += 1) {
        if (from > 0 && text.charCodeAt(from) >= 0xdc00 && text.charCodeAt(from) <= 0xdfff) continue; // a cue ends between code points
        for (const to of [from + 7, from + 120]) {
          const expected = oldPhraseEnds(text, from, to);
          expect(phraseEndsIn(text, from, to)).toEqual(expected);
          ends += expected.length;
        }
      }
    }
    expect(ends).toBeGreaterThan(10_000);
  });
});
