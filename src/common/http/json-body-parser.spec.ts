import { describe, expect, it } from 'vitest';
import { jsonNestsDeeperThan } from './json-body-parser';

describe('jsonNestsDeeperThan', () => {
  it('counts arrays and objects inside one another, up to the limit inclusive', () => {
    expect(jsonNestsDeeperThan('[[[1]]]', 3)).toBe(false);
    expect(jsonNestsDeeperThan('[[[[1]]]]', 3)).toBe(true);
    expect(jsonNestsDeeperThan('{"a":{"b":[{}]}}', 4)).toBe(false);
    expect(jsonNestsDeeperThan('{"a":{"b":[{"c":[]}]}}', 4)).toBe(true);
  });

  it('measures depth, not the number of brackets side by side', () => {
    expect(jsonNestsDeeperThan(JSON.stringify(Array.from({ length: 1000 }, () => [[]])), 3)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonNestsDeeperThan(JSON.stringify({ text: '[[[[[[{{{{{' }), 1)).toBe(false);
    expect(jsonNestsDeeperThan(JSON.stringify({ text: 'say \\"[[[[ \\" and "{{{{"' }), 1)).toBe(false);
    expect(jsonNestsDeeperThan('{"a\\\\":[[1]]}', 2)).toBe(true);
  });

  it('leaves text with an unterminated string to the parser', () => {
    expect(jsonNestsDeeperThan('[[[[["abc', 10)).toBe(false);
    expect(jsonNestsDeeperThan('[[[[["abc\\"', 2)).toBe(true);
  });
});
