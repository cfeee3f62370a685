import { describe, expect, it } from 'vitest';
import { alternativesOf, firstCharacters, prefixTree, withFirstCharacterCheck } from './alternation.js';

describe('prefixTree', () => {
  it('splits an alternation at its top level only', () => {
    expect(alternativesOf(String.raw`a|b(?:c|d)|[|]|e\|f`)).toEqual(['a', 'b(?:c|d)', '[|]', String.raw`e\|f`]);
  });

  it('groups words by their leading characters', () => {
    expect(prefixTree(['order', 'ordre', 'oid', 'no\\.?', 'nr'])).toBe('o(?:rd(?:er|re)|id)|n(?:o\\.?|r)');
  });

  it('leaves quantified heads and constructs alone', () => {
    expect(prefixTree(['a?b', 'ab', '[oó]x', '\\bhp\\b'])).toBe('ab|a?b|[oó]x|\\bhp\\b');
  });

  it('matches the same strings as the flat alternation', () => {
    const words = ['order\\p{L}*', 'ordre\\p{L}*', 'ein', 'e', 'sz[aá]m[aá]?', 'no\\.?', 'nr\\.?', 'n[°º]\\.?', '№', 'tel\\b', 'tel\\.', 'telefon'];
    const flat = new RegExp(`^(?:${words.join('|')})$`, 'u');
    const tree = new RegExp(`^(?:${prefixTree(words)})$`, 'u');
    for (const text of ['orders', 'ordre', 'ordering', 'ein', 'e', 'ei', 'szám', 'szama', 'no', 'no.', 'nr', 'n°', '№', 'tel', 'tel.', 'telefon', 'telefono', 'x']) {
      expect(tree.test(text)).toBe(flat.test(text));
    }
  });

  it('reads the characters a match can start with, past lookbehinds, word boundaries and groups', () => {
    expect(firstCharacters(String.raw`phone|(?<!\p{L})(?:tel\b|mobil)|\bhp\b|(?<![\p{L}\p{M}])کال|(?:(?:oma|opa)s?|nr)`)).toEqual(new Set(['p', 't', 'm', 'h', 'ک', 'o', 'n']));
  });

  it('gives up on a class, an escape or an optional first element', () => {
    expect(firstCharacters('[ab]c|d')).toBeUndefined();
    expect(firstCharacters('(?:ab)?c')).toBeUndefined();
    expect(firstCharacters('a?b')).toBeUndefined();
  });

  it('adds a lookahead that changes no answer', () => {
    const source = prefixTree(['phone', '(?<!\\p{L})(?:tel\\b|mobil)', '\\bhp\\b', 'rufen']);
    const plain = new RegExp(source, 'u');
    const checked = new RegExp(withFirstCharacterCheck(source), 'u');
    expect(checked.source.startsWith('(?=[')).toBe(true);
    for (const text of ['my phone', 'hotel 12', 'tel. 12', 'call hp now', 'hp', 'xmobil', 'mobil', 'rufen sie', 'nothing']) expect(checked.test(text)).toBe(plain.test(text));
  });
});
