import { describe, expect, it } from 'vitest';
import { claimValues, mapRole } from './role-mapping';

describe('claimValues', () => {
  it('reads a string claim, an array claim and a dotted path', () => {
    expect(claimValues({ groups: 'staff' }, 'groups')).toEqual(['staff']);
    expect(claimValues({ groups: ['a', 7, 'b', null] }, 'groups')).toEqual(['a', 'b']);
    expect(claimValues({ realm_access: { roles: ['ops'] } }, 'realm_access.roles')).toEqual(['ops']);
  });

  it('prefers a claim literally named with a dot, and reads missing or odd claims as nothing', () => {
    expect(claimValues({ 'https://x.io/groups': ['g'] }, 'https://x.io/groups')).toEqual(['g']);
    expect(claimValues({}, 'groups')).toEqual([]);
    expect(claimValues({ groups: { nested: true } }, 'groups')).toEqual([]);
  });
});

describe('mapRole', () => {
  const mapping = { 'llm-admins': 'admin', staff: 'developer', auditors: 'custom:auditor', readers: 'viewer', analysts: 'custom:analyst' };

  it('maps a matching value', () => {
    expect(mapRole(['staff'], mapping, null)).toBe('developer');
  });

  it('picks the most powerful built-in role when several match', () => {
    expect(mapRole(['readers', 'staff', 'llm-admins'], mapping, null)).toBe('admin');
    expect(mapRole(['auditors', 'readers'], mapping, null)).toBe('viewer');
  });

  it('picks the first custom role by name when only custom roles match', () => {
    expect(mapRole(['auditors', 'analysts'], mapping, null)).toBe('custom:analyst');
  });

  it('falls back to the default role, or refuses with null', () => {
    expect(mapRole(['strangers'], mapping, 'viewer')).toBe('viewer');
    expect(mapRole([], mapping, null)).toBeNull();
  });

  it('ignores inherited object keys', () => {
    expect(mapRole(['constructor', 'toString'], mapping, null)).toBeNull();
  });
});
