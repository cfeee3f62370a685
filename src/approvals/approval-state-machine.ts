import { ErrorCode, PorticoError } from '../common/errors';
import type { ApprovalState } from './approval-engine.contract';

export const APPROVAL_STATES = ['pending', 'approved', 'rejected', 'cancelled', 'expired'] as const satisfies readonly ApprovalState[];

/** Every legal move. A request is born `pending`; every other state is final. */
export const APPROVAL_TRANSITIONS: Readonly<Record<ApprovalState, readonly ApprovalState[]>> = {
  pending: ['approved', 'rejected', 'cancelled', 'expired'],
  approved: [],
  rejected: [],
  cancelled: [],
  expired: [],
};

export function canTransition(from: ApprovalState, to: ApprovalState): boolean {
  return APPROVAL_TRANSITIONS[from].includes(to);
}

export function isFinal(state: ApprovalState): boolean {
  return APPROVAL_TRANSITIONS[state].length === 0;
}

/** Throws `PORTICO_ERR_APPROVAL_INVALID_TRANSITION` (409) unless `from → to` is in the table. */
export function assertTransition(from: ApprovalState, to: ApprovalState): void {
  if (!canTransition(from, to)) throw invalidTransition(from, to);
}

export function invalidTransition(from: ApprovalState, to: ApprovalState): PorticoError {
  return new PorticoError(ErrorCode.APPROVAL_INVALID_TRANSITION, `the request is ${from}; it cannot become ${to}`, { status: 409, details: { from, to } });
}
