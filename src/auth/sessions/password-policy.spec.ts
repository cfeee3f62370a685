import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../common/errors';
import { assertPasswordPolicy } from './password-policy';

describe('password policy', () => {
  const refused = (next: string, current = 'old-password-1234') => {
    try {
      assertPasswordPolicy(next, current);
      return null;
    } catch (error) {
      return error;
    }
  };

  it('accepts 12 to 256 characters', () => {
    expect(refused('a'.repeat(12))).toBeNull();
    expect(refused('a'.repeat(256))).toBeNull();
  });

  it('refuses shorter, longer and unchanged passwords with PASSWORD_POLICY 422', () => {
    for (const next of ['a'.repeat(11), 'a'.repeat(257), 'old-password-1234']) {
      expect(refused(next)).toMatchObject({ code: ErrorCode.PASSWORD_POLICY, status: 422 });
    }
  });

  it('counts characters, not UTF-16 units', () => {
    expect(refused('🔑'.repeat(11))).toMatchObject({ code: ErrorCode.PASSWORD_POLICY });
    expect(refused('🔑'.repeat(12))).toBeNull();
  });
});
