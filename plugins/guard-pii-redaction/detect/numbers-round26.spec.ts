import { describe, expect, it } from 'vitest';
import { foundIn } from './testing/pattern-detections.js';

const valuesOf = (text: string, label: string) => foundIn(text).filter(([found]) => found === label).map(([, value]) => value);

describe("round 26 B: a person's own number in Nepali and other Indic languages", () => {
  it.each<[string, string]>([
    ['मेरो नम्बर 9866726236 हो, वाइफाइ चाहियो', '9866726236'],
    ['हाम्रो नम्बर 9803456712 मा मेसेज पठाउनुहोस्', '9803456712'],
    ['मेरा नम्बर 9876501234 है, शाम को बात करो', '9876501234'],
    ['મારો નંબર 9825012345 છે', '9825012345'],
    ['ನನ್ನ ನಂಬರ್ 9845012345 ಗೆ ಕರೆ ಮಾಡಿ', '9845012345'],
  ])('finds the phone in %s', (text, phone) => {
    expect(valuesOf(text, 'PHONE')).toEqual([phone]);
  });

  it.each([
    // An order or account number after the same words, and a bare ten-digit number: no phone without a cue.
    'मेरो अर्डर नम्बर 9866712345 हो, कहिले आउँछ?',
    'मेरा खाता नंबर 9876501234 है',
    'अर्डर 9866726236 को डेलिभरी भोलि हुन्छ',
  ])('finds no phone in %s', (text) => {
    expect(valuesOf(text, 'PHONE')).toEqual([]);
  });
});

describe('round 26 B: an SSN tag glued to its nine digits in a fixed-width record', () => {
  it.each<[string, string]>([
    ["fixed-width ACH addenda: 705SSN259668323 isn't how NACHA works", '259668323'],
    ['Fixed-width payroll extract, line 12: 0042SSN412558907DOB19850312 does not parse', '412558907'],
    ['legacy mainframe record HDR01SSN_523448196 NAME=DOE JANE', '523448196'],
  ])('finds the SSN in %s', (text, ssn) => {
    expect(valuesOf(text, 'SSN')).toEqual([ssn]);
  });

  it.each([
    'Part code GSSN259668323 is on the GSSN line, not a person',
    'batch tag SSN2596683231 overflowed into the next column',
    'fixed-width header: SSN000000000 is the placeholder field',
  ])('finds no SSN in %s', (text) => {
    expect(valuesOf(text, 'SSN')).toEqual([]);
  });
});

describe("round 26 B: a log's heading with a version word before an address", () => {
  it.each<[string, string]>([
    ['Driver app crash log: device 100.64.18.22 user_phone=+61 412 849 306', '100.64.18.22'],
    ['Treiber-Fehlerprotokoll: Gerät 100.101.7.33 ohne Verbindung', '100.101.7.33'],
    ['Registro de errores de la release: nodo 100.64.9.201 sin respuesta', '100.64.9.201'],
  ])('finds the address in %s', (text, ip) => {
    expect(valuesOf(text, 'IP_ADDRESS')).toEqual([ip]);
  });

  it.each(['Firmware versions: router 4.3.2.1, AP 2.14.0.3, switch 7.0.12.4', 'Treiber-Versionen: Drucker 3.2.0.12, Scanner 2.1.4.8'])(
    'finds no address in %s',
    (text) => {
      expect(valuesOf(text, 'IP_ADDRESS')).toEqual([]);
    },
  );
});

describe('round 26 B: a tax or company registration number as long as a card', () => {
  it.each([
    'الرقم الضريبي 300012345600003 مذكور في الفاتورة.',
    'رقم التسجيل الضريبي: 344484647754903 للمؤسسة',
    'VAT number 301690953741083 on the supplier invoice',
    'Numéro de TVA 302647178804293 sur la facture',
    'USt-IdNr. 303856812038973 bitte auf jede Rechnung',
    'Vergi no 300920847833833 faturada yazılı',
  ])('finds no card in %s', (text) => {
    expect(valuesOf(text, 'CREDIT_CARD')).toEqual([]);
  });

  it('still finds a card after a tax word that is not its label', () => {
    expect(valuesOf('Paid the VAT with my Amex 3714 496353 98431 yesterday', 'CREDIT_CARD')).toEqual(['3714 496353 98431']);
  });
});
