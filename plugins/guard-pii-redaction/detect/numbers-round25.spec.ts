import { describe, expect, it } from 'vitest';
import { foundIn } from './testing/pattern-detections.js';

const valuesOf = (text: string, label: string) => foundIn(text).filter(([found]) => found === label).map(([, value]) => value);

describe("round 25 B: an OCR'd Social Security label with a digit for a look-alike letter", () => {
  it.each<[string, string]>([
    ['OCR text of the W-4: Socia1 Security No. 521-60-3384 Filing status: single', '521-60-3384'],
    ['scanned intake sheet: Soc1al security # 604 22 1938, emp1oyer on file', '604 22 1938'],
    ['Benefit form (OCR) S0cial Secur1ty: 433710958 Employer: Lakeside Foods', '433710958'],
  ])('finds the SSN in %s', (text, ssn) => {
    expect(valuesOf(text, 'SSN')).toEqual([ssn]);
  });

  it.each([
    'OCR scan p.1: Soc1al Security No. ___ ___ ____ (left blank by the applicant)',
    // An invalid area (000) is no SSN, whatever the label.
    'OCR: Soc1al Security No. 000 46 2207',
  ])('finds no SSN in %s', (text) => {
    expect(valuesOf(text, 'SSN')).toEqual([]);
  });
});

describe('round 25 B: a booking or reservation number in more languages', () => {
  it.each([
    'Номер бронирования 5820-3317, заезд 12 мая, оплата на месте.',
    'Номер бронювання 6631-0472 підтверджено, сніданок включено.',
    'کد رزرو ۵۸۲۰-۳۳۱۷ برای دو شب تأیید شد.',
    'رقم الحجز 7719-0453، الوصول يوم الخميس.',
  ])('finds no phone in %s', (text) => {
    expect(valuesOf(text, 'PHONE')).toEqual([]);
  });

  it.each<[string, string]>([
    // A call verb between the booking word and the number: the booking desk's phone.
    ['По вопросам брони звоните 8 (495) 741-22-90', '8 (495) 741-22-90'],
    ['برای رزرو با ۰۲۱ ۸۸۷۴ ۵۵۱۲ تماس بگیرید', '۰۲۱ ۸۸۷۴ ۵۵۱۲'],
  ])('finds the phone in %s', (text, phone) => {
    expect(valuesOf(text, 'PHONE')).toEqual([phone]);
  });
});

describe('round 25 B: a US month-first date, and a bill numbered in its financial year', () => {
  it.each([
    'Called the clinic on 03/14/2024 about the refill, still waiting.',
    'Phone interview scheduled 05/21/2025 with the hiring team.',
    'M-PESA statement dated 04/22/2025, balance 1,200 shillings.',
    'Dana DOB 03/14/1991',
    'बिल संख्या GST/2023-24/0457 का भुगतान बाकी है।',
    'Invoice SO/2025-26/1142 raised for the March AMC visit, amount ₹ 18,500.',
  ])('finds no phone in %s', (text) => {
    expect(valuesOf(text, 'PHONE')).toEqual([]);
  });

  it.each<[string, string]>([
    ['Kontakt | Tel. 0221/4471 833 | Mo-Fr', '0221/4471 833'],
    ['call me at 312/555-0147 | evenings', '312/555-0147'],
    ['Invoice INV/2024-25/0183 queries: call 022 4918 2274', '022 4918 2274'],
  ])('finds the phone in %s', (text, phone) => {
    expect(valuesOf(text, 'PHONE')).toEqual([phone]);
  });
});
