import { ErrorCode, PorticoError } from '../../common/errors';
import type { ApiVersionState } from '../api-product-catalog';

/**
 * Every legal move of an API version. A rejected, cancelled or expired publication request sends an
 * `in_review` version back to `draft`; `retired` is final.
 */
export const API_VERSION_TRANSITIONS: Readonly<Record<ApiVersionState, readonly ApiVersionState[]>> = {
  draft: ['in_review'],
  in_review: ['published', 'draft'],
  published: ['deprecated'],
  deprecated: ['retired'],
  retired: [],
};

export function canMove(from: ApiVersionState, to: ApiVersionState): boolean {
  return API_VERSION_TRANSITIONS[from].includes(to);
}

/** Throws `PORTICO_ERR_API_VERSION_INVALID_TRANSITION` (409) unless `from → to` is in the table. */
export function assertMove(from: ApiVersionState, to: ApiVersionState): void {
  if (!canMove(from, to)) {
    throw new PorticoError(ErrorCode.API_VERSION_INVALID_TRANSITION, `the version is ${from}; it cannot become ${to}`, { status: 409, details: { from, to } });
  }
}

/** States in which a version answers calls. */
export function isCallable(state: ApiVersionState): boolean {
  return state === 'published' || state === 'deprecated';
}
