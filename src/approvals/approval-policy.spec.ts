import { describe, expect, it } from 'vitest';
import { isEventType } from '../webhooks/event-types';
import { defaultPolicy, effectivePolicy, KIND_PATTERN, permissionParts } from './approval-policy';

describe('approval policies', () => {
  it('defaults to one approval by someone other than the requester, with approvals:approve, within seven days', () => {
    expect(defaultPolicy('budget_increase')).toEqual({
      kind: 'budget_increase',
      enabled: true,
      requiredApprovals: 1,
      approverPermission: 'approvals:approve',
      allowSelfApproval: false,
      expiresAfterSeconds: 604_800,
      isDefault: true,
    });
  });

  it("uses the workspace's stored policy when there is one, for the kind asked", () => {
    const stored = { kind: 'subscription', enabled: false, requiredApprovals: 2, approverPermission: 'subscriptions:approve' as const, allowSelfApproval: true, expiresAfterSeconds: null };
    expect(effectivePolicy('subscription', stored)).toEqual({ ...stored, isDefault: false });
    expect(effectivePolicy('subscription', undefined)).toEqual(defaultPolicy('subscription'));
  });

  it('splits a permission into the resource and action casbin checks', () => {
    expect(permissionParts('subscriptions:approve')).toEqual({ resource: 'subscriptions', action: 'approve' });
  });

  it('accepts as kinds only names that make valid webhook event types', () => {
    for (const kind of ['budget_increase', 'prompt_promotion', 'a']) {
      expect(KIND_PATTERN.test(kind)).toBe(true);
      expect(isEventType(`approval.${kind}.approved`)).toBe(true);
    }
    for (const kind of ['Budget', 'budget.increase', 'budget-increase', '', '1x', 'x'.repeat(64)]) expect(KIND_PATTERN.test(kind)).toBe(false);
  });
});
