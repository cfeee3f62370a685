import { describe, expect, it } from 'vitest';
import { canonicalJson, MemoryCacheStore, ResponseCache } from './response-cache';

describe('ResponseCache', () => {
  const cache = new ResponseCache(new MemoryCacheStore());
  const request = { model: 'm', messages: [{ role: 'user', content: 'hi' }], temperature: 0 };

  it('keys on the canonical request, whatever the field order, and on the workspace', () => {
    const reordered = { temperature: 0, messages: [{ content: 'hi', role: 'user' }], model: 'm' };
    expect(cache.keyFor('w1', request)).toBe(cache.keyFor('w1', reordered));
    expect(cache.keyFor('w1', request)).not.toBe(cache.keyFor('w2', request));
    expect(cache.keyFor('w1', request)).not.toBe(cache.keyFor('w1', { ...request, temperature: 1 }));
    expect(canonicalJson({ b: 1, a: [2, { d: undefined, c: 3 }] })).toBe('{"a":[2,{"c":3}],"b":1}');
  });

  it('expires entries and evicts the least recently used', () => {
    let now = 0;
    const store = new MemoryCacheStore(2, () => now);
    store.set('a', { body: 1, target: 't' }, 10);
    store.set('b', { body: 2, target: 't' }, 10);
    expect(store.get('a')?.body).toBe(1);
    store.set('c', { body: 3, target: 't' }, 10);
    expect(store.get('b')).toBeUndefined();
    expect(store.get('a')?.body).toBe(1);
    now = 11_000;
    expect(store.get('a')).toBeUndefined();
  });
});
