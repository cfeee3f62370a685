import { describe, expect, it } from 'vitest';
import { foundIn } from './testing/pattern-detections.js';

const valuesOf = (text: string, label: string) => foundIn(text).filter(([found]) => found === label).map(([, value]) => value);

describe('round 28 B: ITINs and SSNs in a column named for them', () => {
  it.each<[string, string[]]>([
    // A header line that a chat message runs into: the prose adds fields to its line.
    [
      'can you dedupe these? here are the rows: emp_id,name,ssn,phone\n3301,Kimberly Lau-Henderson,241-77-2051,(614) 555-0172\n3302,Eduardo Ruiz Castellanos,302-62-1180,(614) 555-0190\n3303,Dana Kowalczyk,958-62-1180,(614) 555-0133',
      ['241-77-2051', '302-62-1180', '958-62-1180'],
    ],
    [
      'Filers below, columns name;itin;state\nAnabel Ruiz Montenegro;952-71-4410;TX\nBo Lindqvist-Eriksson;n/a;MN\nCharlotte Okonkwo-Adeyemi;963-81-5502;TX',
      ['952-71-4410', '963-81-5502'],
    ],
    // A plain header line (no prose) and an ITIN-shaped value in its SSN column, rows below.
    ['ssn,name,city\n378-90-1123,Bo Li,Springfield Heights\n412-64-9870,Ana Ruiz-Montenegro,Chicago\n978-90-1123,Bo Li,Springfield Heights', ['378-90-1123', '412-64-9870', '978-90-1123']],
    // Nine plain digits of the ITIN areas in a column named ITIN under a prose-led header (an SSN column alone does not make
    // them one: see numbers-round23.spec.ts).
    ['HR export, columns emp_id,name,itin\n10,Ana Ruiz,957812345\n11,Bo Li,n/a', ['957812345']],
    // An SQL client's rows pasted as comments under the SELECT that names the columns.
    ['SELECT id, holder, ssn, pan FROM refunds WHERE created_at > now() - interval 7 day;\n-- 88 | Rhea Mott-Castellano | 983-74-1190 | n/a', ['983-74-1190']],
  ])('finds the SSNs in %s', (text, ssns) => {
    expect(valuesOf(text, 'SSN')).toEqual(ssns);
  });

  it.each([
    // The same shapes in a column of another name.
    'pasted from the parts export, columns: part_no,desc,qty\n941-77-2051,bolt,4\n958-62-1180,nut,9',
    'SELECT name, part_no FROM parts;\n-- Hex bolt | 983-74-1190',
    'Vendor export, columns id,name,ein\n10,Acme Supply,957812345',
    'Area 941-77-2051 is listed in the sample table',
  ])('finds no SSN in %s', (text) => {
    expect(valuesOf(text, 'SSN')).toEqual([]);
  });
});

describe("round 28 B: a bank routing number under its own key is no SSN", () => {
  it.each<[string, string[]]>([
    ['Snowflake result: EMP_ID=771 SSN=527-19-3364 BANK_ROUTING=122105155 PAN=none', ['527-19-3364']],
    ['SSN: 527-19-3364, routing number: 322271627, account 000123456789', ['527-19-3364']],
    ['ssn=527-19-3364 aba=256074974', ['527-19-3364']],
    // An account or member number under its own key after an SSN.
    ['SSN 527-19-3364, account number 412649870', ['527-19-3364']],
    ['SSN 527-19-3364; member ID 518302746', ['527-19-3364']],
    // The SSN's own key still names it after a routing word further back.
    ['routing 322271627, SSN 412649870', ['412649870']],
  ])('finds only the SSN in %s', (text, ssns) => {
    expect(valuesOf(text, 'SSN')).toEqual(ssns);
  });
});

describe('round 28 B: an IPv6 address ends where the address ends', () => {
  it.each<[string, string]>([
    ['Ο server για το mod είναι στο 2a03:b0c0:3:d0::1e4:7001', '2a03:b0c0:3:d0::1e4:7001'],
    ['Our game server lives at 2a01:4f8:c17:3b::2:8080 if anyone wants to join', '2a01:4f8:c17:3b::2:8080'],
    // A log or a connection message glues the service's port to the address.
    ['redis ping timeout at 2001:db8:42::7:6379 after 3 retries', '2001:db8:42::7'],
    ['upstream connect error: fd00:5:1::a3:5432 refused (postgres)', 'fd00:5:1::a3'],
  ])('reads the address in %s', (text, address) => {
    expect(valuesOf(text, 'IP_ADDRESS')).toEqual([address]);
  });
});

describe('round 28 B: card numbers with a case ending, and test cards', () => {
  it.each<[string, string]>([
    ['Миний карт 6284 9734 9333 7044-аар Netflix төлсөн', '6284 9734 9333 7044'],
    ['A kártyám, az 5412 5794 4205 3157-es, lejárt', '5412 5794 4205 3157'],
    ['A kártyámról, az 5412 5794 4205 3157-ről van szó', '5412 5794 4205 3157'],
    // The test-card shape alone, with no test or example word, is a card.
    ['my card 5555 5555 5555 0962 was declined twice', '5555 5555 5555 0962'],
  ])('finds the card in %s', (text, card) => {
    expect(valuesOf(text, 'CREDIT_CARD')).toEqual([card]);
  });

  it.each([
    'Тестовая карта из документации ЮKassa: 5555 5555 5555 4477, работает только в тестовом магазине',
    'Tarjetas de prueba de la pasarela (modo sandbox): 2200 0000 0000 0814 para Mir',
    'Stripe docs list 4000 0000 0000 0077 as the test card that always succeeds',
    'ref 5412-5794-4205-3157-ABC',
  ])('finds no card in %s', (text) => {
    expect(valuesOf(text, 'CREDIT_CARD')).toEqual([]);
  });
});

describe('round 28 B: short national numbers and callback numbers', () => {
  it.each<[string, string[]]>([
    ['Kanna raha kontole EE38 2200 2210 2014 5685, mu number 513 7686', ['513 7686']],
    ['Leggðu inn á IS14 0159 2600 7654 5510 7303 39 fyrir miðana, s. 618 1646', ['618 1646']],
    ['Грошы за квіткі на BY07 MTBK 4483 3004 8608 6049 0097, тэлефон 8 029 499-17-81', ['8 029 499-17-81']],
    ['Пішыце ў Віцебск, мой нумар 8 029 612-45-07', ['8 029 612-45-07']],
    ['미국 고객 SSN 492-15-0862, 회신 번호 (213) 438-5042.', ['(213) 438-5042']],
    ['米国の顧客です。返信先番号 (213) 555-0148 までご連絡ください', ['(213) 555-0148']],
    ['NZ customer: 021 448 3920, 09 377 2841', ['021 448 3920', '09 377 2841']],
    // Six-digit plans: the Faroe Islands, Greenland, Andorra.
    ['Rokningur – gjaldast inn á FO65 9181 6152 4571 10, tlf. 31 44 18', ['31 44 18']],
    ['Nuuk-imi najugaqarpunga, tlf. 32 47 19', ['32 47 19']],
    ['Reserva a Andorra la Vella, tel. 612 408, demà', ['612 408']],
    // Estonian and Icelandic words point to the country where no place, IBAN or letter of its own does.
    ['Tere! Helista mulle homme, minu number on 512 4478, aitäh', ['512 4478']],
    ['Halló, hringdu í mig í síma 694 2210, takk fyrir', ['694 2210']],
  ])('finds the phones in %s', (text, phones) => {
    expect(valuesOf(text, 'PHONE')).toEqual(phones);
  });

  it.each([
    // A student's or an employee's own number after "my number" words.
    "Mon numéro étudiant c'est 22108734 et mon INE 070123456AB",
    'مرحبا، رقمي الجامعي 20231187 وكلمة المرور',
    'Mi número de estudiante es 20230418 y no puedo entrar',
    'мой номер студенческого 20224471',
    'Öğrenci numaram 20231187, şifremi unuttum',
    // A bill number in Estonian, an Icelandic page number, a Korean order number, a customer number.
    'Arve number 513 7686, tasuda Tallinnas',
    'Sjá bls. 618 1646 í handbókinni, Reykjavík',
    '주문 번호 010-4417-2093 확인 부탁드립니다',
    'customer no. 415 555 2671',
    // Six digits without a phone word, or after a reference word.
    'Tórshavn: bilurin kostar 250 000 kr, ring um kvøldið',
    'Andorra la Vella, codi postal AD500, referència 321 234',
    // The body of an IBAN whose check digits fail, led by a bank code 00xx.
    'El primer IBAN tiene los dígitos de control mal (ES18 0049 0586 4026 2688 9975)',
    // A Spanish account number (CCC) whose bank code starts 00.
    'Cuenta (CCC) de la comunidad: 0049 0586 40 2626889975',
  ])('finds no phone in %s', (text) => {
    expect(valuesOf(text, 'PHONE')).toEqual([]);
  });
});
