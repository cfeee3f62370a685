import { describe, expect, it } from 'vitest';
import { readCorpus } from '../corpus.js';
import { matcherByFirstCharacter } from './first-character-dispatch.js';
import { PASSWORD_WORD_PARTS, passwordWordAt } from './password-word-at.js';

/** What a match tells its caller: where, what, and which named groups took part. */
const outcome = (match: RegExpExecArray | null) => match && { index: match.index, text: match[0], groups: { ...match.groups } };

describe('matcherByFirstCharacter', () => {
  const parts = [
    { before: '(?<![a-z])(?:', words: 'pin code|pin|password|pass(?=word)|(?<=my )key|ключ', after: ')(?![a-z])' },
    { before: '(?<weak>', words: 'code|kod', after: ')' },
  ];
  const at = matcherByFirstCharacter(parts, 'iu');
  const whole = new RegExp(parts.map((part) => part.before + part.words + part.after).join('|'), 'iuy');

  it.each([
    ['the PIN code is 1234', 4],
    ['the pin is 1234', 4],
    ['Password: x', 0],
    ['my key: x', 3],
    ['КЛЮЧ: x', 0],
    ['kod 55', 0],
    ['Code 55', 0],
    ['xpin 1', 1],
    ['the pencil', 4],
    ['', 0],
  ])('reports what the whole pattern reports at a position (%s @%i)', (text, position) => {
    whole.lastIndex = position;
    expect(outcome(at(text, position))).toEqual(outcome(whole.exec(text)));
  });

  it('keeps the order of the alternatives: the longer word listed first still wins', () => {
    expect(at('pin code 1', 0)?.[0]).toBe('pin code');
  });
});

describe('passwordWordAt', () => {
  const whole = new RegExp(PASSWORD_WORD_PARTS.map((part) => part.before + part.words + part.after).join('|'), 'yiu');
  const wholeAt = (text: string, at: number) => {
    whole.lastIndex = at;
    return whole.exec(text);
  };

  it('reports what the whole password-word pattern reports, at the start of every word of the corpus and after every space', () => {
    let compared = 0;
    let matched = 0;
    for (const { text } of readCorpus()) {
      for (let at = 0; at < text.length; at += 1) {
        const previous = text[at - 1];
        if (at > 0 && previous !== ' ' && previous !== '\n' && !/[^\p{L}\p{M}\p{N}]/u.test(previous) && !/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u.test(text[at])) continue;
        const expected = outcome(wholeAt(text, at));
        expect(outcome(passwordWordAt(text, at))).toEqual(expected);
        compared += 1;
        if (expected !== null) matched += 1;
      }
    }
    expect(compared).toBeGreaterThan(100_000);
    expect(matched).toBeGreaterThan(3_000);
  });
});
