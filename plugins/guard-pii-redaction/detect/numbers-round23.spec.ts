import { describe, expect, it } from 'vitest';
import { foundIn } from './testing/pattern-detections.js';

const valuesOf = (text: string, label: string) => foundIn(text).filter(([found]) => found === label).map(([, value]) => value);

describe('round 23 B: a bare SSN or ITIN in a column whose meaning the text states', () => {
  it.each<[string, string[]]>([
    ['W-9 sheet (payee_tin column = SSN/ITIN):\npayee,payee_tin\nHarbor Landscaping,431770925\nK. Osei Plumbing,923781234', ['431770925', '923781234']],
    ["contractor export; the gov_id field is the contractor's SSN\nname;gov_id;city\nLena Park;528193406;Austin", ['528193406']],
  ])('finds the SSNs in %s', (text, ssns) => {
    expect(valuesOf(text, 'SSN')).toEqual(ssns);
  });

  it.each([
    'W-9 sheet (payee_tin column = EIN):\npayee,payee_tin\nHarbor Landscaping,431770925',
    'vendor master (ext_id column = ERP account):\nvendor,ext_id\nPine Ridge Cleaning,528193406',
    // The meaning stated for another column names nothing of this one.
    'export (ssn column dropped; tax_id = EIN):\nvendor,tax_id\nPine Ridge Cleaning,528193406',
    // An SSN column does not make a 900-area number an ITIN.
    'W-9 sheet (payee_tin column = SSN):\npayee,payee_tin\nK. Osei Plumbing,923781234',
  ])('finds no SSN in %s', (text) => {
    expect(valuesOf(text, 'SSN')).toEqual([]);
  });
});

describe("round 23 B: an applicant's or a tenant's record, its bare SSN and its US phone", () => {
  it.each<[string, string, string]>([
    ["SELECT * FROM applicants WHERE id=77120 → ('Derek Lyons', '098270628', 'dlyons77@yahoo.com', '7135524018')", '098270628', '7135524018'],
    ['tenant screening export row: ("Ben Ortiz", "531720864", "ben.ortiz@outlook.com", "6175550143")', '531720864', '6175550143'],
    ["INSERT INTO loan_apps VALUES ('Maya Torres', '284613097', 'mtorres@gmail.com', '3125559017');", '284613097', '3125559017'],
  ])('finds the SSN and the phone in %s', (text, ssn, phone) => {
    expect(valuesOf(text, 'SSN')).toEqual([ssn]);
    expect(valuesOf(text, 'PHONE')).toEqual([phone]);
  });

  it.each([
    "crm dump: SELECT * FROM customers WHERE id=4410 → ('Dana Lyle', '198270628', 'dlyle@yahoo.com')",
    "users table row: ('Sam Ochoa', '531720864', 'sam.ochoa@outlook.com', 'active')",
    // An application of software is no applicant.
    "app log: application row ('Sam Ochoa', '531720864', 'sam.ochoa@outlook.com')",
  ])('finds no SSN in %s', (text) => {
    expect(valuesOf(text, 'SSN')).toEqual([]);
  });

  it('reads a bare ten-digit field of a record without an SSN in the binding countries only with a trunk 0', () => {
    expect(valuesOf("SELECT * FROM customers → ('Dana Lyle', 'dlyle@yahoo.com', '7135524018')", 'PHONE')).toEqual([]);
  });
});

describe('round 23 B: a compact card number between CSV fields that end or start with digits', () => {
  it.each<[string, string]>([
    ['support export row: 88213,"Laura Bennet",laura.bennet82@gmail.com,+1-312-559-8720,5412350185520236,2024-03-02', '5412350185520236'],
    ['refund batch: 2024-02-11,5555555555554444,USD,declined', '5555555555554444'],
  ])('finds the card in %s', (text, card) => {
    expect(valuesOf(text, 'CREDIT_CARD')).toEqual([card]);
  });

  it.each(['fx drift: EURUSD moved 1,4111111111111111 in the test', 'ratio computed as 0,5555555555554444 after rounding', 'pi-ish: -3,4111111111111111', 'total 4111111111111111,25 EUR', 'Totals,2026\n4539105602773805,4.5'])(
    'finds no card in %s',
    (text) => {
      expect(valuesOf(text, 'CREDIT_CARD')).toEqual([]);
    },
  );
});

describe('round 23 B: phones after a service desk, an on-call name or "phone on the account"', () => {
  it.each<[string, string]>([
    ['Betala fakturan till SE48 9291 9212 5248 5416 7064, kundtjänst 08-520 118 40', '08-520 118 40'],
    ['Kundenservice 030 12345678', '030 12345678'],
    ['Vaktoverlevering: brannmuren ble restartet. Vakt: Ingrid Solberg, 926 41 877.', '926 41 877'],
    ['On-call: Sam Reed, (312) 555-0187', '(312) 555-0187'],
    ['eBay seller account: rosa@gmail.com / teacups&saucers_1962, phone on the account (415) 726-3398', '(415) 726-3398'],
  ])('finds the phone in %s', (text, phone) => {
    expect(valuesOf(text, 'PHONE')).toEqual([phone]);
  });

  it.each([
    'Kundennummer 0301234567 bitte angeben.',
    'kundnr 926 41 877',
    'Vaktmester 926 41 877 kr',
    'refund issued on the account 4155552671 yesterday',
    'आपका आधार अपडेट अनुरोध संख्या URN 0418-22719-55130 है।',
    'Your SRN 0418-22719-55130 was generated.',
    'Што значи „предмет бр. 08-4471/2024“ во решението од судот?',
    'Predmet br. 08-4471/2024 je zatvoren.',
  ])('finds no phone in %s', (text) => {
    expect(valuesOf(text, 'PHONE')).toEqual([]);
  });
});
