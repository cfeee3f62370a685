import { describe, expect, it } from 'vitest';
import { canonicalJson, plainJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops whitespace, so key order never changes the text', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('leaves out undefined members, writes undefined items as null, and renders dates as JSON does', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
    expect(canonicalJson({ at: new Date('2026-01-02T03:04:05.006Z') })).toBe('{"at":"2026-01-02T03:04:05.006Z"}');
  });

  it('escapes strings and keys exactly like JSON.stringify', () => {
    expect(canonicalJson({ 'we"ird': 'line\nbreak "quoted" é' })).toBe(JSON.stringify({ 'we"ird': 'line\nbreak "quoted" é' }));
  });

  it('gives the same text for a value and for its JSON round trip (what jsonb hands back)', () => {
    const value = { n: 1e21, small: 5e-7, neg: -0, list: [1.5, 'x', true, null], nested: { k: 'v' } };
    expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonicalJson(value));
  });
});

describe('plainJson', () => {
  it('keeps only what jsonb can store: NUL and lone surrogates become U+FFFD, bigints strings, undefined null', () => {
    expect(plainJson({ a: 'x\u0000y', b: 'lone \ud800', c: 12n, ['k\u0000']: 1, d: undefined })).toEqual({ a: 'x\uFFFDy', b: 'lone \uFFFD', c: '12', ['k\uFFFD']: 1 });
    expect(plainJson(undefined)).toBeNull();
    expect(plainJson({ when: new Date(0) })).toEqual({ when: '1970-01-01T00:00:00.000Z' });
  });
});
