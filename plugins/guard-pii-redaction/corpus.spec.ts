import { describe, expect, it } from 'vitest';
import { DEFAULT_BINDING } from './config.schema.js';
import { CORPUS_SPLITS, PATTERN_LABELS, readCorpus, scoreCorpus } from './corpus.js';
import { createTextDetector } from './detect/index.js';

const corpus = readCorpus();
const detect = createTextDetector({ types: ['email', 'phone', 'credit_card', 'iban', 'ssn', 'ip_address', 'secret'], binding: DEFAULT_BINDING });

describe('labelled corpus (correctness, not timing)', () => {
  it('is large and mixed enough to mean something', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    for (const lang of ['en', 'de', 'fr', 'es']) expect(corpus.filter((record) => record.lang === lang).length).toBeGreaterThanOrEqual(90);
    expect(new Set(corpus.map((record) => record.split))).toEqual(new Set(CORPUS_SPLITS));
    expect(corpus.filter((record) => record.split === 'holdout2').length).toBeGreaterThanOrEqual(100);
    expect(corpus.filter((record) => record.spans.length === 0).length).toBeGreaterThanOrEqual(80);
    for (const record of corpus) for (const span of record.spans) expect(record.text.slice(span.start, span.end).trim()).not.toBe('');
  });

  it('keeps recall ≥ 0.98 for every checksum/pattern type and precision ≥ 0.95 over them (exact spans, dev and both held-out splits)', () => {
    const { byLabel, overall, errors } = scoreCorpus(corpus, detect, PATTERN_LABELS, 'exact');
    for (const score of byLabel) expect(score.recall, `${score.label} recall; errors: ${JSON.stringify(errors.filter((error) => error.label === score.label))}`).toBeGreaterThanOrEqual(0.98);
    expect(overall.precision, JSON.stringify(errors.filter((error) => error.kind === 'spurious'))).toBeGreaterThanOrEqual(0.95);
  });
});
