import { describe, expect, it } from 'vitest';
import { ErrorCode, PorticoError } from '../common/errors';
import { APPROVAL_STATES, assertTransition, canTransition, isFinal } from './approval-state-machine';

const LEGAL = new Set(['pending→approved', 'pending→rejected', 'pending→cancelled', 'pending→expired']);

describe('the approval state machine', () => {
  const pairs = APPROVAL_STATES.flatMap((from) => APPROVAL_STATES.map((to) => [from, to] as const));

  it.each(pairs)('%s → %s is legal exactly when the table says so', (from, to) => {
    const legal = LEGAL.has(`${from}→${to}`);
    expect(canTransition(from, to)).toBe(legal);
    if (legal) {
      expect(() => assertTransition(from, to)).not.toThrow();
      return;
    }
    let thrown: unknown;
    try {
      assertTransition(from, to);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PorticoError);
    expect(thrown).toMatchObject({ code: ErrorCode.APPROVAL_INVALID_TRANSITION, status: 409, details: { from, to } });
  });

  it('has only pending as a non-final state', () => {
    expect(APPROVAL_STATES.filter((state) => !isFinal(state))).toEqual(['pending']);
  });
});
