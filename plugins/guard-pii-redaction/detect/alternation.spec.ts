import { describe, expect, it } from 'vitest';
import { alternativesOf, prefixTree } from './alternation.js';

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
});
