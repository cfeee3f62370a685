import { describe, expect, it } from 'vitest';
import { changedPaths } from './changed-paths';

describe('changedPaths', () => {
  it('lists the dotted paths that differ, members one by one, lists as a whole', () => {
    const before = { name: 'a', policy: { retries: 1, timeouts: { total: 10 } }, targets: [1, 2], same: { x: 1 } };
    const after = { name: 'b', policy: { retries: 1, timeouts: { total: 20 } }, targets: [1, 3], same: { x: 1 }, added: true };
    expect(changedPaths(before, after)).toEqual(['added', 'name', 'policy.timeouts.total', 'targets']);
  });

  it('lists the top-level members of a create and of a delete', () => {
    expect(changedPaths(null, { b: 1, a: { c: 2 } })).toEqual(['a', 'b']);
    expect(changedPaths({ a: 1 }, null)).toEqual(['a']);
  });

  it('finds nothing when nothing changed, whatever the key order', () => {
    expect(changedPaths({ a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 })).toEqual([]);
    expect(changedPaths(null, null)).toEqual([]);
  });
});
