import { describe, expect, it } from 'vitest';
import { isEventType, isEventTypeFilter, matchesAnyEventType, matchesEventType } from './event-types';

describe('event types and filters', () => {
  it.each([
    ['*', 'budget.threshold_reached', true],
    ['*', 'webhook', true],
    ['budget.*', 'budget.threshold_reached', true],
    ['budget.*', 'budget.threshold.crossed', true],
    ['budget.*', 'budget', false],
    ['budget.*', 'budgets.threshold_reached', false],
    ['approval.*.approved', 'approval.prompt_promotion.approved', true],
    ['approval.*.approved', 'approval.prompt_promotion.rejected', false],
    ['approval.*.approved', 'approval.approved', false],
    ['approval.approved', 'approval.approved', true],
    ['approval.approved', 'approval.approved.late', false],
    ['approval', 'approval.approved', false],
    ['Budget.*', 'budget.exhausted', false],
  ])('%s matches %s: %s', (filter, type, expected) => {
    expect(matchesEventType(filter, type)).toBe(expected);
  });

  it('matches when any filter of an endpoint matches', () => {
    expect(matchesAnyEventType(['approval.*', 'budget.exhausted'], 'budget.exhausted')).toBe(true);
    expect(matchesAnyEventType(['approval.*', 'budget.exhausted'], 'budget.threshold_reached')).toBe(false);
    expect(matchesAnyEventType([], 'budget.exhausted')).toBe(false);
  });

  it('accepts dotted identifiers as types and refuses wildcards, blanks and other characters', () => {
    expect(['budget.threshold_reached', 'webhook.test', 'a'].every(isEventType)).toBe(true);
    expect(['budget.*', '', 'budget.', '.budget', 'budget..x', 'budget threshold', 'budget-exhausted', 'a'.repeat(129)].some(isEventType)).toBe(false);
  });

  it('accepts wildcard segments in filters, nothing else', () => {
    expect(['*', 'budget.*', 'approval.*.approved', 'budget.exhausted'].every(isEventTypeFilter)).toBe(true);
    expect(['budget*', '**', 'budget.**', '', 'budget.', 'bud get', '%'].some(isEventTypeFilter)).toBe(false);
  });
});
