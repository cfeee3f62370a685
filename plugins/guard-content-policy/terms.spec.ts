import { describe, expect, it } from 'vitest';
import { TermList } from './terms.js';
import { foldText } from './text.js';

const list = new TermList(['kill', 'credit card', 'Crème Brûlée', '机密', 'c++', 'Straße']);
const has = (text: string) => list.contains(foldText(text), true);

describe('foldText', () => {
  it('ignores case, accents, invisible characters and runs of whitespace', () => {
    expect(foldText('Crème\u200b  BRÛLÉE\n\tStraße')).toBe('creme brulee strasse');
  });
});

describe('TermList', () => {
  it.each([
    ['Kill it', true],
    ['skill', false],
    ['killer', false],
    ['to KILL.', true],
    ['my CREDIT   card', true],
    ['credit cards', false],
    ['creme brulee', true],
    ['这是机密文件', true],
    ['I like c++ a lot', true],
    ['strasse', true],
    ['nothing here', false],
  ])('in %j: %s', (text, expected) => {
    expect(has(text)).toBe(expected);
  });

  it('waits for the end of the text before counting a term that ends it (it may still grow)', () => {
    expect(list.contains(foldText('I will kill'), false)).toBe(false);
    expect(list.contains(foldText('I will kill'), true)).toBe(true);
    expect(list.contains(foldText('I will kill.'), false)).toBe(true);
  });

  it('knows when the end of the text could start a term', () => {
    expect(list.couldContinue(foldText('we need your cre'))).toBe(true);
    expect(list.couldContinue(foldText('we need your credit'))).toBe(true);
    expect(list.couldContinue(foldText('we need your credit card'))).toBe(true);
    expect(list.couldContinue(foldText('the sk'))).toBe(false);
    expect(list.couldContinue(foldText('reskil'))).toBe(false);
    expect(list.couldContinue(foldText('a plain sentence.'))).toBe(false);
  });

  it('blanks out its terms (used for allow lists)', () => {
    expect(new TermList(['kill the process']).mask('please kill the process now')).toBe('please now');
  });

  it('handles long lists across several programs', () => {
    const many = new TermList(Array.from({ length: 1200 }, (_, index) => `term${index}`));
    expect(many.contains('this has term1199 in it', true)).toBe(true);
    expect(many.contains('this has term12000 in it', true)).toBe(false);
  });

  it('treats regex characters in terms literally', () => {
    const special = new TermList(['a.b', '(x)', 'what?']);
    expect(special.contains('see a.b here', true)).toBe(true);
    expect(special.contains('see axb here', true)).toBe(false);
    expect(special.contains('call (x) now', true)).toBe(true);
    expect(special.contains('so what?', true)).toBe(true);
  });

  it('is empty when every term folds to nothing', () => {
    expect(new TermList(['  ', '\u200b']).empty).toBe(true);
  });
});
