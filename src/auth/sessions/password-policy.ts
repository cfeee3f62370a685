import { ErrorCode, PorticoError } from '../../common/errors';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** Length is the rule that matters (NIST SP 800-63B); no composition rules. Throws `PASSWORD_POLICY` (422). */
export function assertPasswordPolicy(newPassword: string, currentPassword: string): void {
  const length = [...newPassword].length;
  const problem =
    length < PASSWORD_MIN_LENGTH
      ? `the new password must be at least ${PASSWORD_MIN_LENGTH} characters`
      : length > PASSWORD_MAX_LENGTH
        ? `the new password must be at most ${PASSWORD_MAX_LENGTH} characters`
        : newPassword === currentPassword
          ? 'the new password must differ from the current one'
          : null;
  if (problem) {
    throw new PorticoError(ErrorCode.PASSWORD_POLICY, problem, {
      status: 422,
      details: { minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH },
    });
  }
}
