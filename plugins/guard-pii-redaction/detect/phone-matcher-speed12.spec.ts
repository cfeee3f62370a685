import { type CountryCode, findPhoneNumbersInText } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { readCorpus } from '../corpus.js';
import { groupRuns, reportedRuns } from './phone-matcher-runs.js';
import { mayBeValidIn, validNational } from './phone-national.js';
import { plausibleIn } from './phone-plans.js';

/**
 * Session 12 (speed only): phones.ts asks the matcher about a window of space-split groups in a region only where a part of reportedRuns
 * (the whole window, a single group, a run that ends it after a group plausible as a number) may be valid there, not only where a run of whole groups may. Where
 * the second gate closes on a region the first lets through, the matcher must report nothing phones.ts keeps (a number valid in the region as written): on the
 * spaced windows of the corpus and on 20,000 random ones, in the binding's default regions and those the bench's texts point to.
 */
const REGIONS: CountryCode[] = [
  'US', 'GB', 'DE', 'FR', 'ES', 'IT', 'NL', 'BE', 'CH', 'AT', 'PL', 'CZ', 'HU', 'RO', 'BR', 'AR', 'MX', 'IN', 'PK', 'BD', 'CN', 'HK', 'JP',
  'KR', 'RU', 'SA', 'AE', 'EG', 'MA', 'DZ', 'TN', 'QA', 'OM', 'JO', 'NG', 'KE', 'ZA', 'AU', 'NZ', 'CA', 'DK', 'NO', 'SE', 'FI', 'IE', 'PT',
];

const PIECES = ['0', '1', '2', '7', '9', '06', '20', '37', '55', '84', '98', '020', '048', '112', '345', '612', '678', '800', '0612', '1234', '4782', '7946',
  '98765', '43210', '12345', '123456', '612345', '0612345678', '07700900123', '12345678', '987654321', '020 7946'];

function randomWindows(count: number): string[] {
  let seed = 5;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const windows: string[] = [];
  while (windows.length < count) {
    const window = Array.from({ length: 1 + Math.floor(next() * 8) }, () => PIECES[Math.floor(next() * PIECES.length)]).join(' ');
    if (window.length <= 34 && window.replace(/\D/g, '').length >= 8) windows.push(window);
  }
  return windows;
}

const SPACED = /\d+(?: \d+)+/g;

describe('session 12, speed only: the matcher is asked about the runs it can report', () => {
  it('reads only windows split by single spaces', () => {
    for (const window of ['0612 345 678 / 2024', '34191.79001 01043.510047', '030 298 1147 / 03 231 88 14', '(02) 8724-3019', '020  7946 0321']) {
      expect(reportedRuns(window, () => true)).toBeUndefined();
    }
  });

  it('skips only regions where the matcher reports no number valid as written', () => {
    const corpusWindows = readCorpus().flatMap((record) => [...record.text.matchAll(SPACED)].map((match) => match[0]).filter((window) => window.length <= 34));
    let skipped = 0;
    for (const window of [...new Set(corpusWindows), ...randomWindows(20_000)]) {
      const runs = groupRuns(window);
      for (const region of REGIONS) {
        const reported = reportedRuns(window, (group) => plausibleIn(group, region)) ?? [];
        // Asked before (a run of whole groups may be valid), not now (no part the matcher reports may be).
        if (!runs.some((run) => mayBeValidIn(run, region)) || reported.some((run) => mayBeValidIn(run, region))) continue;
        skipped += 1;
        const kept = findPhoneNumbersInText(window, { defaultCountry: region }).filter((number) => validNational(window.slice(number.startsAt, number.endsAt), region));
        expect(kept, `${window} in ${region}`).toEqual([]);
      }
    }
    expect(skipped).toBeGreaterThan(5_000);
  }, 600_000);
});
