import { describe, expect, it } from 'vitest';
import { foundIn } from './testing/pattern-detections.js';
import { plausibleIn } from './phone-plans.js';
import { RegionHints, regionHints } from './phone-regions.js';

describe('national phone numbers of countries outside the binding, with the country read from the text', () => {
  it.each([
    ['script', 'Мой телефон 8 (495) 627-18-43, звоните.', '8 (495) 627-18-43'],
    ['script', '请拨打138 1024 5567联系我。', '138 1024 5567'],
    ['script', '연락처 010-4821-7730 입니다', '010-4821-7730'],
    ['script', '電話は03-1234-5678です', '03-1234-5678'],
    ['script', 'โทร 081 234 5678 ได้เลย', '081 234 5678'],
    ['letters of one language', 'Proszę dzwonić pod 512 345 678, dziękuję.', '512 345 678'],
    ['letters of one language', 'Cep telefonum 0532 123 45 67, teşekkürler.', '0532 123 45 67'],
    ['place', 'Our Lagos office: 0803 123 4567.', '0803 123 4567'],
    ['place', 'Manila hotline 0917 123 4567', '0917 123 4567'],
    ['demonym', 'My Brazilian number is (11) 98432-7710.', '(11) 98432-7710'],
    ['domain', 'Write to ana@empresa.com.br or ring (21) 3456-7890.', '(21) 3456-7890'],
    ['currency', 'Pay ₹499 and call 098450 12345 to confirm.', '098450 12345'],
    ['cue word alone', 'WhatsApp me on 0712 345678 tonight.', '0712 345678'],
  ])('by %s: %s', (_how, text, value) => {
    expect(foundIn(text)).toContainEqual(['PHONE', value]);
  });

  it.each([
    ['fiction, North America', 'Call (555) 123-4567 now.', '(555) 123-4567'],
    ['fiction, UK drama', 'Mobile: +44 7700 900461', '+44 7700 900461'],
    ['(+cc) notation', 'Móvil (+34) 612 34 56 78', '(+34) 612 34 56 78'],
    ['Arabic-Indic digits', 'اتصل بي على ٠٥٠١٢٣٤٥٦٧ بعد الظهر', '٠٥٠١٢٣٤٥٦٧'],
    ['full-width digits', '電話番号は０３－１２３４－５６７８です', '０３－１２３４－５６７８'],
    ['narrow no-break spaces', 'Tél. : 01\u202f42\u202f68\u202f53\u202f00', '01\u202f42\u202f68\u202f53\u202f00'],
    ['en dashes', 'Manchester desk: 0161\u2013496\u20130754', '0161\u2013496\u20130754'],
  ])('%s: %s', (_how, text, value) => {
    expect(foundIn(text)).toContainEqual(['PHONE', value]);
  });

  it.each([
    'We aim to reach 25 000 000 users; phone sales passed 45 678 901.',
    'Telefonkonferenz am 12. 03. 2025 um 14 Uhr.',
    'Mobile app build 2024.11.22.1 rolled out.',
    'Meu CPF é 123.456.789-09.',
    'Заказ № 123-456-7890 отправлен, трек-номер 8001 2345 6789.',
  ])('leaves amounts, dates, builds and id numbers alone: %s', (text) => {
    expect(foundIn(text)).toEqual([]);
  });

  it('finds every number of a contact list once one of them named the country', () => {
    const rows = Array.from({ length: 40 }, (_, row) => `contact ${row},0803 ${100 + row} ${4000 + row}`);
    const text = `Lagos team\n${rows.join('\n')}`;
    expect(foundIn(text).filter(([label]) => label === 'PHONE')).toHaveLength(40);
  });

  it('reads hints from the text around the number only', () => {
    expect(regionHints('Lagos', 0, 5)).toContain('NG');
    expect(regionHints(`${'x '.repeat(200)}0803 123 4567`, 400, 413)).not.toContain('NG');
    expect(regionHints('Dubai, 04 345 6789, mail info@firma.de', 7, 18)).toEqual(expect.arrayContaining(['AE', 'DE']));
    // Read stage by stage, the hints come in the order of the full list, and `includes` sees the later stages.
    const text = 'Olá! Em São Paulo, R$ 50 pagos, ligue 11 98765-4321 ou mail ana@firma.de, IBAN PT50 0002 0123';
    const lazy = new RegionHints(text, 38, 51);
    expect(lazy.includes('DE')).toBe(true);
    expect([...lazy]).toEqual(regionHints(text, 38, 51));
    expect([...new RegionHints(text, 38, 51)]).toEqual(regionHints(text, 38, 51));
  });

  it('asks the metadata before parsing: length and pattern of a national number, with or without its trunk prefix', () => {
    expect(plausibleIn('08031234567', 'NG')).toBe(true);
    expect(plausibleIn('8031234567', 'NG')).toBe(true);
    expect(plausibleIn('12345', 'US')).toBe(false);
    expect(plausibleIn('4155550123', 'DK')).toBe(false);
  });
});

describe('payment cards of every scheme', () => {
  it.each([
    ['Mir', '2200 0551 0787 6821'],
    ['Troy', '9792 3489 0462 2970'],
    ['RuPay', '8210 7808 3176 8656'],
    ['UnionPay 19 digits', '6250 9675 5884 8379 494'],
    ['UnionPay 81', '8123 3064 4682 5859'],
    ['Verve 19 digits', '5078 2498 0714 9890 949'],
    ['Napas', '9704 8520 6766 9790'],
    ['mada', '9682 8192 0624 9087'],
    ['BC Card', '9410 1737 2215 2345'],
    ['Mastercard 2-series', '2720-9746-7137-8736'],
    ['dots', '4970.9078.9973.1438'],
  ])('%s: %s', (_brand, card) => {
    expect(foundIn(`card ${card} declined`)).toEqual([['CREDIT_CARD', card]]);
  });

  it('finds IBANs in lower case or with hyphens', () => {
    expect(foundIn('iban de89 3704 0044 0532 0130 00')).toEqual([['IBAN', 'de89 3704 0044 0532 0130 00']]);
    expect(foundIn('IBAN DE89-3704-0044-0532-0130-00.')).toEqual([['IBAN', 'DE89-3704-0044-0532-0130-00']]);
    expect(foundIn('IBAN FR76\u00a03000\u00a06000\u00a00112\u00a03456\u00a07890\u00a0189')).toEqual([['IBAN', 'FR76\u00a03000\u00a06000\u00a00112\u00a03456\u00a07890\u00a0189']]);
  });

  it.each([
    'Bad Amex-like 3759 4884 5104 538 fails Luhn.',
    'Bad Mir 2202 9153 7948 6453 fails Luhn.',
    'IMEI 356938038499290 and IMEI: 860123450406763.',
    'SKU 415-738-2671-BLK and BLK-415-738-2671.',
    'NDC 0777-3105-02, NDC 50090-3142-0.',
  ])('leaves card-like and code-like numbers alone: %s', (text) => {
    expect(foundIn(text)).toEqual([]);
  });
});

describe('vendor secret formats', () => {
  it.each([
    ['pypi-AgEIcHlwaS5vcmcLIEorwaf-a85hSGLZ_oZ3vxHrvGPlvyAddCs6lpNgumMmVFDJ73FLze6K0Dt'],
    ['glpat-YJyZP9yylTZl8QnXezzh'],
    ['gldt-_N77Ml3hOk9XwAu1EYZp'],
    ['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'],
    ['dop_v1_49504bf3b52aeee272c639e3f9735ee877352955770c949c80087d301e259947'],
    ['dapi14336ca1d5fc68de912aba25f4b23842'],
    ['hvs.CAESIgkMIz9Z3BXWKxkBwW4D50NlwDNzgW8I-PZJSo5nHna4'],
    ['lin_api_VQCcq4caHNZBeyTKAgjgEBSHdOa70kGfEvVjmPxE'],
    ['7820318305:AAHyE_MCUPs47rUF5kjzq6bnG76jzNUvSrh'],
    ['d4aad03f16648eaadb8e2637784893ac-us21'],
    ['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'],
    ['AGE-SECRET-KEY-10VZEA3CH5H3JUUPN40PCNRL3P62RRZXN5M4LHYUE2U2DVLVFK7ZXV4HZ6C'],
  ])('%s', (token) => {
    expect(foundIn(`use ${token} here`)).toEqual([['SECRET', token]]);
  });

  it('finds the key of a GCP service-account JSON, escaped line breaks and all', () => {
    const key = String.raw`-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\nMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\n-----END PRIVATE KEY-----`;
    expect(foundIn(`{"type": "service_account", "private_key": "${key}\\n", "client_email": "ci@proj.iam.gserviceaccount.com"}`)).toContainEqual(['SECRET', key]);
  });

  it('finds credentials after key names and password words of many languages', () => {
    expect(foundIn('JWT_SECRET=qj4psvy4IgBk7TWiWe0ELeFRuUasUVrgN3yosaFc')).toEqual([['SECRET', 'qj4psvy4IgBk7TWiWe0ELeFRuUasUVrgN3yosaFc']]);
    expect(foundIn('Пароль: nfc7p#cIVTA59')).toEqual([['SECRET', 'nfc7p#cIVTA59']]);
    expect(foundIn('A senha é Kqn9!Khmv87, não compartilhe.')).toEqual([['SECRET', 'Kqn9!Khmv87']]);
    expect(foundIn('パスワードはbabP2P$wQpK2です。')).toEqual([['SECRET', 'babP2P$wQpK2']]);
    expect(foundIn('Authorization: Basic ZGVwbG95OnpKR3Fsc0F4ZGVxaFVoIQ==')).toEqual([['SECRET', 'ZGVwbG95OnpKR3Fsc0F4ZGVxaFVoIQ==']]);
    expect(foundIn('Zugangsdaten: passwort=Eiche5#Berg')).toEqual([['SECRET', 'Eiche5#Berg']]);
    expect(foundIn('export PGPASSWORD=Hq5#Lm8vT2xz')).toEqual([['SECRET', 'Hq5#Lm8vT2xz']]);
    expect(foundIn('Пароль от Wi-Fi: Xk9#mP2$vL')).toEqual([['SECRET', 'Xk9#mP2$vL']]);
    expect(foundIn('Şifrem Rt6&uV3kHj, kimseye söyleme.')).toEqual([['SECRET', 'Rt6&uV3kHj']]);
    expect(foundIn('pw: Mn4&bV8cXz')).toEqual([['SECRET', 'Mn4&bV8cXz']]);
    expect(foundIn('login?user=bob&password=Ab3xY9zQ&next=/home')).toEqual([['SECRET', 'Ab3xY9zQ']]);
    expect(foundIn('Your password must contain 8+ characters, e.g. a digit.')).toEqual([]);
  });

  it.each([
    ['{ awsSecretAccessKey: "Jd3Fk8Lq2Wv9Xn5Bz7Rt4Yp1Hs6Mc0Ga8Ke2Lu5N" }', 'Jd3Fk8Lq2Wv9Xn5Bz7Rt4Yp1Hs6Mc0Ga8Ke2Lu5N'],
    ["dbPassword: 'Hq5#Lm8vT2xz'", 'Hq5#Lm8vT2xz'],
    ['OPENAI_KEY=4f9a2c7e1b3d5f8a0c6e9b2d4f7a1c3e', '4f9a2c7e1b3d5f8a0c6e9b2d4f7a1c3e'],
    ['Authorization: Token 9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b', '9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b'],
    ['Ocp-Apim-Subscription-Key: 7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f', '7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f'],
  ])('finds a credential after a camelCase, vendor or header name: %s', (text, secret) => {
    expect(foundIn(text)).toEqual([['SECRET', secret]]);
  });

  it('leaves keys that only describe a credential alone', () => {
    expect(foundIn('sortKey: "user#2024-11-22", tokenType: "Bearer", tokenUrl: "https://auth.example.com/token", keyId: "k-2024-11"')).toEqual([]);
  });

  it.each([
    ['mysql -h db -u app -pVx7#kQ2mLp9z orders', 'Vx7#kQ2mLp9z'],
    ["sshpass -p 'R4nd0m!Pass77' ssh deploy@host", 'R4nd0m!Pass77'],
    ['docker login registry.example.com -u ci -p Zk8qWm3Rt6Yh1Pv4', 'Zk8qWm3Rt6Yh1Pv4'],
    ['curl -u admin:Qm9!xT4kLw2z https://ci.example.com', 'Qm9!xT4kLw2z'],
  ])('finds a password on a command line: %s', (text, secret) => {
    expect(foundIn(text)).toContainEqual(['SECRET', secret]);
  });

  it.each([
    'The AWS docs show AKIAIOSFODNN7EXAMPLE and aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY.',
    'api_key: "sk_test_example_key_do_not_use", token: "dummy-token-1234"',
    'next_page_token=CiAKGjBpNDd2Nmp2Zml2cXRwYjBpOXA3 and token_type=Bearer',
    '"private_key_id": "4f1d3b2a9c", "public_key": "ssh-ed25519AAAAC3Nza"',
    'pwd: /home/deploy/releases/current',
    'PYPI_TOKEN=pypi-YOUR_TOKEN_HERE',
  ])('leaves documented examples, placeholders and non-credential keys alone: %s', (text) => {
    expect(foundIn(text)).toEqual([]);
  });
});

describe('versions in other languages', () => {
  it.each([
    'Ошибка в версии 1.24.3.7: таймаут.',
    '버전 2.4.10.7 업데이트 후 오류',
    '升级到 2.6.14.1 之后无法登录。',
    'Sürüm 7.1.0.22 yüklendi.',
    'Released 1.24.3.7 yesterday; kernel 5.15.0.91.',
  ])('%s', (text) => {
    expect(foundIn(text)).toEqual([]);
  });

  it('still finds an address next to a network word in the same language', () => {
    expect(foundIn('Сервер 203.0.113.58 не отвечает.')).toEqual([['IP_ADDRESS', '203.0.113.58']]);
  });
});

describe('values wrapped in brackets, quotes or backticks', () => {
  it.each([
    ['a backtick after a hex key', '`export DD_APP_KEY=7d1e9a3c5b2f4e6a8c0d2b4f6e8a1c3d`', ['SECRET', '7d1e9a3c5b2f4e6a8c0d2b4f6e8a1c3d']],
    ['full-width parentheses', '担当：木村（090-2468-1357）', ['PHONE', '090-2468-1357']],
    ['a parenthesis before the +', 'Driver Joko (+62 813 2468 1357) is at the gate.', ['PHONE', '+62 813 2468 1357']],
    ['CJK corner brackets', '電話「06-6123-4567」まで', ['PHONE', '06-6123-4567']],
    ['square brackets', 'Aarhus office [+45 42 86 19 73] answers until 3.', ['PHONE', '+45 42 86 19 73']],
  ])('%s', (_how, text, value) => {
    expect(foundIn(text)).toContainEqual(value);
  });

  it('keeps an area code in parentheses, which is part of the number', () => {
    expect(foundIn('Call (213) 373-4253 today.')).toEqual([['PHONE', '(213) 373-4253']]);
  });
});

describe('eight-digit national numbers', () => {
  it.each([
    ['Danish text, 2-2-2-2', 'Du kan fange Jørgen på 42 86 19 73 i morgen.', '42 86 19 73'],
    ['Norwegian cue, 3-2-3', 'Mobilen min er 934 56 781.', '934 56 781'],
    ['Singapore, 4-4', 'Singapore hotline 6234 5678 is staffed.', '6234 5678'],
    ['Latvian cue, 2-3-3', 'Lūdzu, tālr. 29 876 543.', '29 876 543'],
    ['Tunisian cue, 2-3-3', 'Tunis, tél. 98 765 432.', '98 765 432'],
  ])('%s', (_how, text, value) => {
    expect(foundIn(text)).toContainEqual(['PHONE', value]);
  });

  it.each([
    'Mobile subscriptions in Norway passed 12 500 000 last year.',
    'Tilbudet var 45 678 901 kr for prosjektet på Hamar.',
    'The Oslo operator sold 41 234 567 minutes of calls in May.',
    'Firmaets CVR 29 40 61 58 står på fakturaen.',
    'Perioden 2019-2024 i Danmark var præget af vækst.',
  ])('not an amount, a year range, a count or a company number: %s', (text) => {
    expect(foundIn(text).filter(([label]) => label === 'PHONE')).toEqual([]);
  });
});

describe('round 7 secrets and hard negatives', () => {
  it.each([
    ['Razorpay', 'key rzp_live_Hq7Lm2Xc9Vb4Nt', 'rzp_live_Hq7Lm2Xc9Vb4Nt'],
    ['AWS secret after its spoken key name', 'Secret Access Key 7Yq+Lm2/Xc9Vb4Nt8Pw3Rk6Zs1Jd5Gf0Ha4Ue9Ti', '7Yq+Lm2/Xc9Vb4Nt8Pw3Rk6Zs1Jd5Gf0Ha4Ue9Ti'],
    ['AWS secret after its key id', 'AKIAQ7LMX2C9VB4NT8PW / 7Yq+Lm2/Xc9Vb4Nt8Pw3Rk6Zs1Jd5Gf0Ha4Ue9Ti', '7Yq+Lm2/Xc9Vb4Nt8Pw3Rk6Zs1Jd5Gf0Ha4Ue9Ti'],
    ['PHP define()', "define('DB_PASSWORD', 'mq%48Tz$Lw7');", 'mq%48Tz$Lw7'],
    ['PHP array', "'password' => 'Vr5$kq%29Lx',", 'Vr5$kq%29Lx'],
  ])('%s', (_how, text, secret) => {
    expect(foundIn(text)).toContainEqual(['SECRET', secret]);
  });

  it.each([
    'Beispiel-IBAN der Bank: DE02 1203 0000 0000 2020 51 (zur Illustration).',
    'Protocollo n. 73921/2026 del registro.',
    'Linha digitável 34191.79001 01043.510047.',
    'Ledger reference 5018 7554 5003 was posted twice.',
    'CEP 04538-133, São Paulo.',
  ])('%s', (text) => {
    expect(foundIn(text)).toEqual([]);
  });
});
