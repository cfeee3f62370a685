import { describe, expect, it } from 'vitest';
import { DEFAULT_BINDING } from './config.schema.js';
import { CORPUS_SPLITS, PATTERN_LABELS, readCorpus, scoreCorpus } from './corpus.js';
import { createTextDetector } from './detect/index.js';

const corpus = readCorpus();
// holdout3 to holdout43 were written blind and are scored only by `npm run bench:pii`: gating CI on them would
// invite tuning the detectors against them until they pass, and they would stop being held out.
const GATED_SPLITS = new Set(['dev', 'holdout', 'holdout2']);

function luhn(digits: string): boolean {
  let sum = 0;
  for (const [index, char] of [...digits].reverse().entries()) {
    const value = Number(char) * (index % 2 === 1 ? 2 : 1);
    sum += value > 9 ? value - 9 : value;
  }
  return sum % 10 === 0;
}
const mod97 = (iban: string) =>
  [...(iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (char) => String(char.charCodeAt(0) - 55))].reduce((rest, char) => (rest * 10 + Number(char)) % 97, 0) === 1;
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

  // The targets are recall ≥ 0.98 and precision ≥ 0.95; the gate sits at what round 4 reached (every pattern type
  // 1.000 recall on the three gated splits, precision 0.99+), so a change that loses ground fails here first.
  it('keeps recall ≥ 0.99 for every checksum/pattern type and precision ≥ 0.98 over them (exact spans, dev, holdout and holdout2)', () => {
    const gated = corpus.filter((record) => GATED_SPLITS.has(record.split));
    const { byLabel, overall, errors } = scoreCorpus(gated, detect, PATTERN_LABELS, 'exact');
    for (const score of byLabel) expect(score.recall, `${score.label} recall; errors: ${JSON.stringify(errors.filter((error) => error.label === score.label))}`).toBeGreaterThanOrEqual(0.99);
    expect(overall.precision, JSON.stringify(errors.filter((error) => error.kind === 'spurious'))).toBeGreaterThanOrEqual(0.98);
  });

  it('keeps every split of the gate at its own level: no pattern type below 0.98 recall on dev, holdout or holdout2 alone', () => {
    for (const split of GATED_SPLITS) {
      const { byLabel, errors } = scoreCorpus(corpus.filter((record) => record.split === split), detect, PATTERN_LABELS, 'exact');
      for (const score of byLabel) expect(score.recall, `${split} ${score.label}; errors: ${JSON.stringify(errors.filter((error) => error.label === score.label))}`).toBeGreaterThanOrEqual(0.98);
    }
  });

  it.each(['holdout3', 'holdout4', 'holdout5', 'holdout6', 'holdout7', 'holdout8', 'holdout9', 'holdout10', 'holdout11', 'holdout12', 'holdout13', 'holdout14', 'holdout15', 'holdout16', 'holdout17', 'holdout18', 'holdout19', 'holdout20', 'holdout21', 'holdout22', 'holdout23', 'holdout24', 'holdout25', 'holdout26', 'holdout27', 'holdout28', 'holdout29', 'holdout30', 'holdout31', 'holdout32', 'holdout33', 'holdout34', 'holdout35', 'holdout36', 'holdout37', 'holdout38', 'holdout39', 'holdout40', 'holdout41', 'holdout42', 'holdout43'])('has a blind %s split with enough positives of every pattern type, many hard negatives and valid check digits', (split) => {
    const blind = corpus.filter((record) => record.split === split);
    expect(blind.length).toBeGreaterThanOrEqual(150);
    expect(blind.filter((record) => record.spans.length === 0).length).toBeGreaterThanOrEqual(60);
    expect(blind.filter((record) => record.spans.length === 0).length / blind.length).toBeGreaterThanOrEqual(0.25);
    expect(new Set(blind.map((record) => record.lang)).size).toBeGreaterThanOrEqual(6);
    const values = (label: string) => blind.flatMap((record) => record.spans.filter((span) => span.label === label).map((span) => record.text.slice(span.start, span.end)));
    for (const label of PATTERN_LABELS) expect(values(label).length, label).toBeGreaterThanOrEqual(15);
    for (const card of values('CREDIT_CARD')) expect(luhn(card.replace(/\D/g, '')), card).toBe(true);
    for (const iban of values('IBAN')) expect(mod97(iban.replace(/[\s\u00a0-]/g, '').toUpperCase()), iban).toBe(true);
  });
});
