import { describe, expect, it } from 'vitest';
import { mayBeValidIn, validNational } from './phone-national.js';
import { readNational } from './phone-parse.js';
import { foundIn } from './testing/pattern-detections.js';

const phonesIn = (text: string) => foundIn(text).filter(([label]) => label === 'PHONE');

describe('round 22 B: a utility meter\'s number is no phone', () => {
  it.each([
    'Medidor 81 2045 3391, lectura 04512 kWh.',
    'No. de medidor 33 1842 7730 en el recibo de luz',
    'Water meter 0161 496 0732, read every quarter',
    'Zählernummer 0271 8834 5520 laut Jahresabrechnung',
    "compteur d'électricité 01 45 22 31 88",
    'Contatore 02 4412 8890 lettura di marzo',
    'Sayaç no 0212 448 3391 okuma 1520',
  ])('finds no phone in %s', (text) => {
    expect(phonesIn(text)).toEqual([]);
  });

  it.each<[string, string]>([
    ['Medidor 81 2045 3391; reportes al 81 8345 2210', '81 8345 2210'],
    ['Call the meter reader at 020 7946 0321.', '020 7946 0321'],
    ['Lectura del medidor: llámeme al 55 4127 8834', '55 4127 8834'],
  ])('still finds the phone in %s', (text, value) => {
    expect(foundIn(text)).toContainEqual(['PHONE', value]);
  });
});

describe('round 22 B: national numbers that start with the calling code, read without the library', () => {
  it.each([
    ['13910824471', 'US'],
    ['18004321000', 'US'],
    ['331234567', 'FR'],
  ] as const)('reads %s in %s from the compiled metadata', (digits, region) => {
    expect(readNational(digits, region)).not.toBeUndefined();
  });

  it('still leaves an international number written without its `+` to the library', () => {
    // In Germany 49 is also an area code; a 13-digit run is too long for a national number, so the library reads +49.
    expect(readNational('4930123456789', 'DE')).toBeUndefined();
  });

  it('gates the matcher on the trunk prefix a region always writes', () => {
    // Written without its trunk 0, a German number is not one (validNational refuses it), so the matcher is not asked.
    expect(validNational('30 1234 5678', 'DE')).toBe(false);
    expect(mayBeValidIn('3012345678', 'DE')).toBe(false);
    expect(mayBeValidIn('03012345678', 'DE')).toBe(true);
    // Budapest `(1) 342 7819`: the area code in parentheses stands for the trunk prefix, so the gate lets it through.
    expect(mayBeValidIn('13427819', 'HU')).toBe(true);
  });
});

describe('round 22 B: tax numbers "of the company", a service\'s line, the customer\'s phone in Malay and Indonesian', () => {
  it.each([
    'USt-IdNr. der Firma: DE 811 569 869.',
    'USt-IdNr. unserer Firma: DE 934 227 815',
    'VAT number of our company: ES 912 448 301',
    'NIF de nuestra empresa: 912 448 301',
    'ID pelanggan 5123 4471 22 untuk tagihan Maret.',
    'Nomor pelanggan 0812 3456 7890 untuk tagihan.',
    'The product line 2025 4471 2290 is discontinued.',
  ])('finds no phone in %s', (text) => {
    expect(phonesIn(text)).toEqual([]);
  });

  it.each<[string, string]>([
    ['M-Pesa refund line: 254 712 180601', '254 712 180601'],
    ['Customer care line 254 722 408 815', '254 722 408 815'],
    ['Nombor telefon pelanggan: 012-324 5738', '012-324 5738'],
    ['Nomor HP pelanggan 0812 3456 7890 sudah diverifikasi.', '0812 3456 7890'],
  ])('finds the phone in %s', (text, value) => {
    expect(foundIn(text)).toContainEqual(['PHONE', value]);
  });
});
