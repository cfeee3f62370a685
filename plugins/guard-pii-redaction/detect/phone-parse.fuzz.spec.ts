import { type CountryCode, getCountries, getCountryCallingCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import metadata from 'libphonenumber-js/max/metadata';
import { describe, expect, it } from 'vitest';
import { readInternational, readNational, validInternational, validReading } from './phone-parse.js';

/**
 * phone-parse.ts reads libphonenumber-js's metadata arrays by position and redoes its parse. These specs compare the two on
 * seeded random digit strings in every region, so that a library upgrade that changes the metadata layout or the parse
 * fails here instead of changing detections silently.
 */
const SAMPLES_PER_REGION = 60;

function seededDigits(seed: number): () => string {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  return () => {
    const length = 4 + Math.floor(next() * 12);
    let digits = next() < 0.5 ? '0' : '';
    while (digits.length < length) digits += String(Math.floor(next() * 10));
    return digits;
  };
}

describe('phone-parse against libphonenumber-js on random numbers', () => {
  it('reads the metadata layout it was written for (v4 arrays)', () => {
    expect((metadata as { version?: number }).version).toBe(4);
  });

  /** Compares the two readings of `digitsIn(region)` in every region; returns how many were read without the library, and the disagreements. */
  function compareNational(digitsIn: (region: CountryCode) => string): { compared: number; disagreements: string[] } {
    const disagreements: string[] = [];
    let compared = 0;
    for (const region of getCountries()) {
      for (let sample = 0; sample < SAMPLES_PER_REGION; sample += 1) {
        const digits = digitsIn(region);
        const own = readNational(digits, region);
        if (own === undefined) continue;
        compared += 1;
        const phone = parsePhoneNumberFromString(digits, region);
        const library = phone === undefined ? null : { region: phone.country, nationalNumber: phone.nationalNumber, valid: phone.isValid() };
        const mine = own === null ? null : { ...own, valid: validReading(own) };
        if (JSON.stringify(mine) !== JSON.stringify(library)) disagreements.push(`${digits} in ${region}`);
      }
    }
    return { compared, disagreements };
  }

  it('reads national numbers as parsePhoneNumberFromString does, in every region', () => {
    const digitsOf = seededDigits(7);
    const { compared, disagreements } = compareNational(() => digitsOf());
    expect(compared).toBeGreaterThan(getCountries().length * SAMPLES_PER_REGION * 0.8);
    expect(disagreements).toEqual([]);
  });

  it("reads national numbers that start with the region's calling code as parsePhoneNumberFromString does", () => {
    // `1 800 …` in the US, `33 …` in France, `7 …` in Russia: national numbers or an international one without its `+`.
    const digitsOf = seededDigits(13);
    const { compared, disagreements } = compareNational((region) => `${getCountryCallingCode(region)}${digitsOf()}`.slice(0, 17));
    expect(compared).toBeGreaterThan(getCountries().length * SAMPLES_PER_REGION * 0.25);
    expect(disagreements).toEqual([]);
  });

  it('reads international numbers as parsePhoneNumberFromString does', () => {
    const digitsOf = seededDigits(11);
    const disagreements: string[] = [];
    for (let sample = 0; sample < 5_000; sample += 1) {
      const digits = digitsOf().replace(/^0+/, '1');
      const own = readInternational(digits);
      if (own === undefined) continue;
      const phone = parsePhoneNumberFromString(`+${digits}`);
      const library = phone === undefined ? null : [phone.country, phone.nationalNumber, phone.isValid()];
      const mine = own === null ? null : [own.region, own.nationalNumber, validInternational(own)];
      if (JSON.stringify(mine) !== JSON.stringify(library)) disagreements.push(`+${digits}`);
    }
    expect(disagreements).toEqual([]);
  });
});
