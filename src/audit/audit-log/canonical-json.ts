/**
 * The one serialization the audit hash is computed over: JSON with object keys sorted (by UTF-16
 * code units, as `Array.prototype.sort` does), no whitespace, `undefined` members left out and
 * `undefined` array items written as `null`. Two values that JSON would render equal give the same
 * text whatever their key order, so an entry hashes the same before it is stored and after Postgres
 * hands it back from `jsonb` (which reorders keys).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  if (typeof value === 'object') {
    const withJson = value as { toJSON?: () => unknown };
    if (typeof withJson.toJSON === 'function') return canonicalJson(withJson.toJSON());
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .filter((key) => record[key] !== undefined && typeof record[key] !== 'function')
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${members.join(',')}}`;
  }
  return 'null';
}

/** Characters Postgres refuses in `text` and `jsonb` (NUL, unpaired surrogates) become U+FFFD. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function storableString(value: string): string {
  return value.replace(UNSTORABLE, '\uFFFD');
}

/**
 * A value reduced to what JSON can hold (dates become ISO strings, `undefined` and functions
 * disappear, bigints become strings) with every string and key storable, so what is hashed is
 * exactly what `jsonb` keeps.
 */
export function plainJson(value: unknown): unknown {
  if (value === undefined) return null;
  const text = JSON.stringify(value, (_key, member: unknown) => (typeof member === 'bigint' ? member.toString() : member));
  return text === undefined ? null : storable(JSON.parse(text));
}

function storable(value: unknown): unknown {
  if (typeof value === 'string') return storableString(value);
  if (Array.isArray(value)) return value.map(storable);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [storableString(key), storable(member)]));
  }
  return value;
}
