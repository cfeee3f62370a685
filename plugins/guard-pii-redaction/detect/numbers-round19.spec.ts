import { describe, expect, it } from 'vitest';
import { labelledIn } from './testing/pattern-detections.js';

describe('round 19 classes (numbers and contacts)', () => {
  it.each<[string, string[]]>([
    // An address joined to a Hebrew prefix by a hyphen starts after it.
    ['נא להעביר ל-kabalot@mishpat-ron.co.il עד מחר', ['EMAIL:kabalot@mishpat-ron.co.il']],
    // A 19-digit Verve card printed 6-13 after the scheme's name or a Hausa card word.
    ['paid with Verve 506143 3760377421410 yesterday', ['CREDIT_CARD:506143 3760377421410']],
    ['katin 506117 2040211384842', ['CREDIT_CARD:506117 2040211384842']],
    // The chat clipping `soc` right before nine digits.
    ['my soc is 512384470 i think', ['SSN:512384470']],
    // A payroll provider's import row keyed by the SSN.
    ['Paychex import: 431772608|Darnell Hughes|dhughes@brightway-logistics.com', ['SSN:431772608', 'EMAIL:dhughes@brightway-logistics.com']],
    // Colloquial Egyptian "call me", glued to the number.
    ['مصر: كلمنى على01278451903 بعد العشا', ['PHONE:01278451903']],
    // A service's port glued to an IPv6 address.
    ['connect timed out to fd00:5:1::a3:5432 (postgres)', ['IP_ADDRESS:fd00:5:1::a3']],
    ['peer fe80::9200 answered', ['IP_ADDRESS:fe80::9200']],
  ])('%s', (text, expected) => {
    expect(labelledIn(text)).toEqual(expected);
  });

  it.each<string>([
    // Nordic personal numbers, date and serial 6-4.
    'CPR fra eksemplet i bogen: 010203-1234.',
    'Exempel i broschyren: personnr 850709-4412',
    // Receipt and order numbers after Thai and Telugu words for them.
    'เลขที่ใบเสร็จรับเงิน 2568-004512 ชำระแล้ว',
    'ఆర్డర్ నంబర్ 22-4518-2290 రద్దు',
    // Barcodes as printed under their bars.
    'Barcode under the price: 0 71234 56789 3.',
    'Strichcode 4 018372 660914',
    // A security operations centre, and an order export keyed by its order number.
    'our SOC is 24/7 now; the queue held 318442907 events',
    'Shopify order export: 318442907|Lena Park|2 items|$84.10',
  ])('%s', (text) => {
    expect(labelledIn(text)).toEqual([]);
  });
});
