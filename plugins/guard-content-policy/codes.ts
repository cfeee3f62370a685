/** Stable codes of this guard's verdicts; tests and clients rely on them, not on the messages. */
export const CONTENT_POLICY_CODES = {
  MODEL_NOT_ALLOWED: 'CONTENT_POLICY_MODEL_NOT_ALLOWED',
  INPUT_TOO_LONG: 'CONTENT_POLICY_INPUT_TOO_LONG',
  DENIED_TERM: 'CONTENT_POLICY_DENIED_TERM',
  REGEX_MATCH: 'CONTENT_POLICY_REGEX_MATCH',
  OUTPUT_NOT_JSON: 'CONTENT_POLICY_OUTPUT_NOT_JSON',
  OUTPUT_SCHEMA_MISMATCH: 'CONTENT_POLICY_OUTPUT_SCHEMA_MISMATCH',
  OUTPUT_DENIED_TERM: 'CONTENT_POLICY_OUTPUT_DENIED_TERM',
  OUTPUT_TOO_LONG: 'CONTENT_POLICY_OUTPUT_TOO_LONG',
  OUTPUT_REGEX_MATCH: 'CONTENT_POLICY_OUTPUT_REGEX_MATCH',
} as const;

export type ContentPolicyCode = (typeof CONTENT_POLICY_CODES)[keyof typeof CONTENT_POLICY_CODES];

/** Prefix of the error a hook throws when its binding cannot be compiled (the host then applies the binding's fail mode). */
export const BINDING_INVALID = 'CONTENT_POLICY_BINDING_INVALID';

/**
 * HTTP status per code: a refused model is forbidden (403), an oversized prompt too large (413),
 * denied content a bad request (400); an output that breaks the policy is a bad answer from the
 * upstream, so the gateway answers 502.
 */
export const STATUS_OF: Record<ContentPolicyCode, number> = {
  CONTENT_POLICY_MODEL_NOT_ALLOWED: 403,
  CONTENT_POLICY_INPUT_TOO_LONG: 413,
  CONTENT_POLICY_DENIED_TERM: 400,
  CONTENT_POLICY_REGEX_MATCH: 400,
  CONTENT_POLICY_OUTPUT_NOT_JSON: 502,
  CONTENT_POLICY_OUTPUT_SCHEMA_MISMATCH: 502,
  CONTENT_POLICY_OUTPUT_DENIED_TERM: 502,
  CONTENT_POLICY_OUTPUT_TOO_LONG: 502,
  CONTENT_POLICY_OUTPUT_REGEX_MATCH: 502,
};
