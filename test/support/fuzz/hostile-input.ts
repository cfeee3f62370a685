import fc from 'fast-check';

/**
 * Generators of hostile input for the HTTP surfaces: what a careless client, a scanner or an
 * attacker sends. Each one is a plain fast-check arbitrary, so it shrinks to a small case on failure.
 */

/** SQL metacharacters, LIKE wildcards, placeholders and escapes that must reach SQL only as data. */
export const SQL_FRAGMENTS = [
  "'",
  "''",
  '"',
  "' OR '1'='1",
  "1' OR 1=1 --",
  "'; DROP TABLE api_keys; --",
  '%',
  '_',
  '%%',
  '\\',
  '\\%',
  '$1',
  '$$',
  '::text',
  '/*',
  '*/',
  ';',
  'NULL',
  '(',
  ')',
  '1e309',
  '-1',
  '9999999999999999999999',
  '0x7fffffff',
  '\u0000',
];

/** Path traversal and encoded separators, as they appear in a URL segment (already encoded). */
export const TRAVERSAL_SEGMENTS = [
  '..',
  '.',
  '%2e%2e',
  '%2E%2E%2F',
  '..%2F..%2Fadmin',
  '%2F',
  '%252F',
  '..%5C..%5C',
  '%5C',
  '%00',
  '%0d%0a',
  '%C0%AE%C0%AE',
  '%E2%80%AE',
  '%F0%9F%98%80',
  '%ff',
  '%',
  '%zz',
  ';a=b',
  '~',
  'a'.repeat(600),
];

/** Unicode that tends to break naive code: astral characters, lone surrogates, controls, RTL, zero-width. */
export const UNICODE_SAMPLES = ['😀', '\uD800', '\uDFFF', '\u202E', '\u200B', '\uFEFF', 'é', 'Ｅ', '\u0007', '\t', ' ', '\u2028', 'ß', 'İ', '\uFFFF'];

export const sqlFragment = fc.constantFrom(...SQL_FRAGMENTS);
export const unicodeSample = fc.constantFrom(...UNICODE_SAMPLES);

/** A free-form hostile string: SQL, unicode and ordinary characters mixed, bounded in length. */
export const hostileText = fc
  .array(fc.oneof(sqlFragment, unicodeSample, fc.string({ unit: 'grapheme', maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 4 })), { minLength: 1, maxLength: 5 })
  .map((parts) => parts.join(''));

/** Percent-encodes every byte of the text's UTF-8 form outside the unreserved set (lone surrogates become U+FFFD). */
export function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((byte) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

/** One URL path segment (percent-encoded where it must be): traversal, encoded slashes, SQL and unicode. */
export const hostileSegment = fc.oneof(
  fc.constantFrom(...TRAVERSAL_SEGMENTS),
  hostileText.map(percentEncode).filter((segment) => segment.length > 0),
  fc.tuple(fc.constantFrom(...TRAVERSAL_SEGMENTS), hostileText).map(([traversal, text]) => `${traversal}${percentEncode(text)}`),
);

/** A query-string value, percent-encoded. */
export const hostileQueryValue = hostileText.map(percentEncode);

/** Any JSON value of the wrong kind for a field (what a type confusion bug is made of). */
export const wrongTypeValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -1e308, '', 'x', [], {}, [null], { '': null }, '__proto__', 'constructor'),
  fc.integer(),
  fc.double({ noNaN: true }),
  hostileText,
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
);

/** Every path (array of keys) into a JSON value, the root included, so a mutation can hit any field at any depth. */
export function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const paths: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((item, index) => paths.push(...pathsOf(item, [...prefix, index])));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]));
  return paths;
}

function replaceAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((item, index) => (index === head ? replaceAt(item, rest, replacement) : item));
  const record = value as Record<string, unknown>;
  return { ...record, [head as string]: replaceAt(record[head as string], rest, replacement) };
}

/** A valid body (as JSON text) with one field, at any depth, replaced by a value of another type, or with a stray key (`__proto__` included) added. */
export function withWrongType(valid: Record<string, unknown>): fc.Arbitrary<string> {
  const paths = pathsOf(valid);
  const text = JSON.stringify(valid);
  return fc.oneof(
    fc.tuple(fc.constantFrom(...paths), wrongTypeValue).map(([path, replacement]) => JSON.stringify(replaceAt(valid, path, replacement))),
    fc
      .tuple(fc.constantFrom('__proto__', 'constructor', 'prototype', '', 'toString', '$where'), wrongTypeValue)
      .map(([key, extra]) => `{${JSON.stringify(key)}:${JSON.stringify(extra ?? null)},${text.slice(1)}`),
  );
}

/** Text that is not JSON, or not only JSON: truncations, trailing garbage, JavaScript-isms, empty input. */
export function malformedJson(valid: Record<string, unknown>): fc.Arbitrary<string> {
  const text = JSON.stringify(valid);
  const parses = (candidate: string) => {
    try {
      JSON.parse(candidate);
      return true;
    } catch {
      return false;
    }
  };
  const notJson = fc.oneof(
    fc.integer({ min: 0, max: text.length - 1 }).map((cut) => text.slice(0, cut)),
    fc.constantFrom('', ' ', '{', '}', '[', '{"a":}', "{'model':'x'}", '{model:"x"}', 'NaN', 'undefined', '{"a":1,}', '[1,]', '{"a":01}', '\uFEFF{}', '{"a":"\\x41"}', '{"a":"\\ud800"}', '{"a":1}//', '/*x*/{}', 'null', 'true', '"string"', '123', '[]'),
    fc.tuple(fc.constantFrom(...text.split('').map((_c, index) => index)), fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 3 })).map(([at, junk]) => text.slice(0, at) + junk + text.slice(at)),
    fc.string({ unit: 'binary', maxLength: 40 }).map((junk) => `${text}${junk}`),
  );
  // Whitespace spliced between tokens, or a bare `null`, is still JSON: only what JSON.parse refuses counts here.
  return notJson.filter((candidate) => !parses(candidate.replace(/^\uFEFF/, '')) || ['null', 'true', '"string"', '123', '[]'].includes(candidate));
}

/** JSON nested `depth` levels deep (arrays, objects or both), placed under `field` of an otherwise valid body. */
export const deepNesting = fc.record({
  depth: fc.constantFrom(64, 500, 5_000, 50_000, 200_000),
  shape: fc.constantFrom('array', 'object', 'mixed'),
});

export function nestedJson(depth: number, shape: 'array' | 'object' | 'mixed'): string {
  let open = '';
  let close = '';
  for (let level = 0; level < depth; level += 1) {
    const array = shape === 'array' || (shape === 'mixed' && level % 2 === 0);
    open += array ? '[' : '{"a":';
    close = (array ? ']' : '}') + close;
  }
  return `${open}1${close}`;
}

/** Byte sequences that are not UTF-8: lone continuation bytes, overlong forms, encoded surrogates, truncated sequences, 0xFF. */
export const INVALID_UTF8 = [[0x80], [0xbf], [0xc0, 0xaf], [0xc3, 0x28], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf0, 0x9f, 0x98], [0xfe], [0xff], [0xe2, 0x82]];

/** A valid JSON body serialised with invalid UTF-8 bytes spliced into its string values (or its structure). */
export function invalidUtf8Body(valid: Record<string, unknown>): fc.Arbitrary<Buffer> {
  const text = Buffer.from(JSON.stringify(valid), 'utf8');
  const insidePositions: number[] = [];
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    if (text[index] === 0x22 && text[index - 1] !== 0x5c) inString = !inString;
    else if (inString) insidePositions.push(index);
  }
  return fc
    .tuple(fc.constantFrom(...(insidePositions.length > 0 ? insidePositions : [1])), fc.constantFrom(...INVALID_UTF8), fc.boolean())
    .map(([at, bytes, inside]) => {
      const position = inside ? at : Math.min(1, text.length);
      return Buffer.concat([text.subarray(0, position), Buffer.from(bytes), text.subarray(position)]);
    });
}
