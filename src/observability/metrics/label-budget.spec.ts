import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { LabelBudget, OVERFLOW_LABEL_VALUE } from './label-budget';

describe('LabelBudget', () => {
  it('admits values up to the cap per label, then folds new ones; known values stay admitted', () => {
    const budget = new LabelBudget(new Registry(), 2);
    expect(budget.admit('target', 'a')).toBe('a');
    expect(budget.admit('target', 'b')).toBe('b');
    expect(budget.admit('target', 'c')).toBe(OVERFLOW_LABEL_VALUE);
    expect(budget.admit('target', 'a')).toBe('a');
    expect(budget.admit('model', 'c')).toBe('c');
  });
});
