import { type CountryCode, getCountries, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/examples.mobile.json';
import { describe, expect, it } from 'vitest';
import { formatNationalReading, readInternational, readNational, validInternational, validParse, validReading } from './phone-parse.js';

/** What libphonenumber reads: the region, the national number and validity, or null where it finds no number. */
function libraryReading(raw: string, region: CountryCode) {
  const phone = parsePhoneNumberFromString(raw, region);
  return phone === undefined ? null : { region: phone.country, nationalNumber: phone.nationalNumber, valid: phone.isValid() };
}

function ownReading(raw: string, region: CountryCode) {
  const reading = readNational(raw.replace(/\D/g, ''), region);
  return reading === undefined || reading === null ? reading : { ...reading, valid: validReading(reading) };
}

describe('phone-parse: libphonenumber-js parse and isValid of national numbers, on compiled metadata', () => {
  it.each([
    ['030 12345678', 'DE'],
    ['0612 345 678', 'NL'],
    ['(415) 555-2671', 'US'],
    ['(416) 555-2671', 'CA'],
    ['(416) 555-2671', 'US'],
    ['020 7946 0958', 'GB'],
    ['07624 369230', 'GB'],
    ['8 (495) 627-18-43', 'RU'],
    ['8 (727) 258-34-11', 'RU'],
    ['011 2345 6789', 'IN'],
    ['98765 43210', 'IN'],
    ['0803 123 4567', 'NG'],
    ['40 86 44 52', 'DK'],
    ['12345', 'US'],
    ['4155550123', 'DK'],
  ] as Array<[string, CountryCode]>)('reads %s in %s as libphonenumber does', (raw, region) => {
    const own = ownReading(raw, region);
    if (own !== undefined) expect(own).toEqual(libraryReading(raw, region));
  });

  it("agrees with libphonenumber on every region's example mobile number, with and without a trunk 0, in every region", () => {
    const regions = getCountries();
    const disagreements: string[] = [];
    for (const region of regions) {
      const example = (examples as Record<string, string | undefined>)[region];
      if (example === undefined) continue;
      for (const written of [example, `0${example}`]) {
        for (const other of [region, 'US', 'GB', 'DE', 'IN', 'RU', 'BR', 'AR', 'CN'] as CountryCode[]) {
          const own = ownReading(written, other);
          if (own !== undefined && JSON.stringify(own) !== JSON.stringify(libraryReading(written, other))) disagreements.push(`${written} in ${other}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('answers what isValid() answers for parsed international numbers', () => {
    for (const raw of ['+44 20 7946 0958', '+1 416 555 2671', '+7 727 258 3411', '+800 1234 5678', '+49 30 1234', '+86 138 1024 5567']) {
      const phone = parsePhoneNumberFromString(raw);
      if (phone !== undefined) expect(validParse(phone)).toBe(phone.isValid());
    }
  });

  it.each(['+44 20 7946 0958', '+1 416 555 2671', '+1 415 555 2671', '+7 727 258 3411', '+49 30 1234', '+86 138 1024 5567', '+55 11 98765 4321', '+0 123 456', '+999 123 4567', '+1'])(
    'reads the international number %s as libphonenumber does',
    (raw) => {
      const reading = readInternational(raw.replace(/\D/g, ''));
      const phone = parsePhoneNumberFromString(raw);
      if (reading === null) expect(phone).toBeUndefined();
      else if (reading !== undefined) {
        expect([reading.region, reading.nationalNumber, validInternational(reading)]).toEqual([phone?.country, phone?.nationalNumber, phone?.isValid()]);
      }
    },
  );

  it('leaves non-geographic calling codes to libphonenumber', () => {
    expect(readInternational('80012345678')).toBeUndefined();
  });

  it.each([
    ['2012345678', 'US'],
    ['4165552671', 'CA'],
    ['3012345678', 'DE'],
    ['612345678', 'FR'],
    ['9876543210', 'IN'],
    ['13810245567', 'CN'],
    ['4956271843', 'RU'],
    ['3123456789', 'IT'],
  ] as Array<[string, CountryCode]>)('formats %s of %s nationally as libphonenumber does', (digits, region) => {
    const reading = readNational(digits, region);
    const phone = parsePhoneNumberFromString(digits, region);
    if (reading !== undefined && reading !== null && validReading(reading)) expect(formatNationalReading(reading)).toBe(phone?.formatNational());
  });
});
