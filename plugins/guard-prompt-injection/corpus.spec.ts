import { describe, expect, it } from 'vitest';
import { DEFAULT_PROMPT_INJECTION_BINDING, DEFAULT_PROMPT_INJECTION_CONFIG } from './config.schema.js';
import { measure, readCorpus } from './corpus.js';

/**
 * Detection quality on the labelled corpus at the default binding. `dev`, `holdout`, `blind` and
 * `blind2` were used to write and tune the patterns, so their figures are optimistic; `blind3` was
 * written after the last change and never tuned on: it is the honest estimate for new phrasings.
 * The floors are the figures reported in the README; a change may raise them, never lower them.
 */
const corpus = readCorpus();
const quality = (splits: string[]) =>
  measure(corpus.filter((example) => splits.includes(example.split)), DEFAULT_PROMPT_INJECTION_BINDING, DEFAULT_PROMPT_INJECTION_CONFIG);

describe('prompt-injection corpus', () => {
  it('has at least 200 labelled examples, attacks and benign, several languages and sources', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    expect(new Set(corpus.map((example) => example.id)).size).toBe(corpus.length);
    expect(corpus.filter((example) => example.label === 'attack').length).toBeGreaterThanOrEqual(100);
    expect(corpus.filter((example) => example.label === 'benign').length).toBeGreaterThanOrEqual(100);
    expect(new Set(corpus.map((example) => example.lang)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(corpus.map((example) => example.role))).toEqual(new Set(['user', 'tool', 'system']));
  });

  it('keeps precision and recall on the whole corpus at or above the reported figures', () => {
    const all = quality(['dev', 'holdout', 'blind', 'blind2', 'blind3']);
    expect({ precision: all.precision, recall: all.recall }).toEqual({ precision: expect.any(Number), recall: expect.any(Number) });
    expect(all.precision).toBeGreaterThanOrEqual(0.98);
    expect(all.recall).toBeGreaterThanOrEqual(0.96);
  });

  it('keeps the never-tuned split at or above the reported figures', () => {
    const untouched = quality(['blind3']);
    expect(untouched.precision).toBeGreaterThanOrEqual(1);
    expect(untouched.recall).toBeGreaterThanOrEqual(0.6);
  });
});
