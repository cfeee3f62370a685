import { describe, expect, it } from 'vitest';
import nlp from 'compromise';
import { DEFAULT_BINDING, ENTITY_TYPES, type EntityType } from '../config.schema.js';
import { ibanValid, luhnValid } from './checksums.js';
import { createTextDetector } from './index.js';

const detector = createTextDetector({ types: ENTITY_TYPES, binding: DEFAULT_BINDING, nlp });
const found = (text: string) => detector(text).map((detection) => [detection.label, text.slice(detection.start, detection.end)]);

describe('checksums', () => {
  it('checks Luhn', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('79927398713')).toBe(true);
  });

  it('checks IBAN length and mod 97', () => {
    expect(ibanValid('DE89370400440532013000')).toBe(true);
    expect(ibanValid('GB82WEST12345698765432')).toBe(true);
    expect(ibanValid('DE89370400440532013001')).toBe(false);
    expect(ibanValid('DE8937040044053201300')).toBe(false);
    expect(ibanValid('XX89370400440532013000')).toBe(false);
  });
});

describe('detectors find', () => {
  it.each<[string, EntityType | string, string]>([
    ['Write to anna.schmidt@beispiel.de today.', 'EMAIL', 'anna.schmidt@beispiel.de'],
    ['Mail: o\'brien+news@mail.example.co.uk.', 'EMAIL', "o'brien+news@mail.example.co.uk"],
    ['Call +44 20 7946 0958 tomorrow.', 'PHONE', '+44 20 7946 0958'],
    ['Ruf mich an: 0049 30 901820', 'PHONE', '0049 30 901820'],
    ['Appelez le 01 42 68 53 00 svp', 'PHONE', '01 42 68 53 00'],
    ['US office: (213) 373-4253.', 'PHONE', '(213) 373-4253'],
    ['Mi móvil es +34 612 34 56 78.', 'PHONE', '+34 612 34 56 78'],
    ['Card 4111 1111 1111 1111 exp 12/27', 'CREDIT_CARD', '4111 1111 1111 1111'],
    ['Amex 3782-822463-10005 please', 'CREDIT_CARD', '3782-822463-10005'],
    ['pay with 5555555555554444.', 'CREDIT_CARD', '5555555555554444'],
    ['IBAN DE89 3704 0044 0532 0130 00 BIC COBADEFFXXX', 'IBAN', 'DE89 3704 0044 0532 0130 00'],
    ['iban:GB82WEST12345698765432.', 'IBAN', 'GB82WEST12345698765432'],
    ['FR14 2004 1010 0505 0001 3M02 606 est mon compte', 'IBAN', 'FR14 2004 1010 0505 0001 3M02 606'],
    ['SSN 536-22-1234 on file', 'SSN', '536-22-1234'],
    ['my social security number is 536221234', 'SSN', '536221234'],
    ['server at 192.168.10.27 is down', 'IP_ADDRESS', '192.168.10.27'],
    ['ping 2001:db8:85a3::8a2e:370:7334 now', 'IP_ADDRESS', '2001:db8:85a3::8a2e:370:7334'],
    ['link-local fe80::1ff:fe23:4567:890a%eth0 seen', 'IP_ADDRESS', 'fe80::1ff:fe23:4567:890a'],
    ['key AKIA2E0A8F3B244C9986 in the repo', 'SECRET', 'AKIA2E0A8F3B244C9986'],
    ['token ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 leaked', 'SECRET', 'ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789'],
    ['Authorization: Bearer abcDEF123456ghiJKL789', 'SECRET', 'abcDEF123456ghiJKL789'],
    ['stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'SECRET', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'],
    ['DB_PASSWORD=hunter2hunter2!', 'SECRET', 'hunter2hunter2!'],
    ['Main line (415) 555-0177 ext. 310, ask for Sam.', 'PHONE', '(415) 555-0177'],
    ['Reach me at +1 (617) 555-0142 x204 today.', 'PHONE', '+1 (617) 555-0142'],
    ['Tokyo branch: +81 3-5321-4455.', 'PHONE', '+81 3-5321-4455'],
    ['Zentrale München 089/21803346', 'PHONE', '089/21803346'],
    ['Standard : +33 (0)1 44 55 66 77', 'PHONE', '+33 (0)1 44 55 66 77'],
    ['The service listens on ::1 only.', 'IP_ADDRESS', '::1'],
    ['Route 2001:db8:cafe:: is announced.', 'IP_ADDRESS', '2001:db8:cafe::'],
    ['The old gateway 9.9.9.9 answers pings again.', 'IP_ADDRESS', '9.9.9.9'],
    ['Applicant SSN# 524 31 8807 on file', 'SSN', '524 31 8807'],
    ['Contact Herr Thomas Müller about it.', 'PERSON', 'Thomas Müller'],
    ['I met John Smith yesterday.', 'PERSON', 'John Smith'],
    ['Je m\'appelle Claire Dubois.', 'PERSON', 'Claire Dubois'],
    ['Ship to 221B Baker Street, London NW1 6XE please', 'ADDRESS', '221B Baker Street, London NW1 6XE'],
    ['Lieferadresse: Hauptstraße 5, 10115 Berlin.', 'ADDRESS', 'Hauptstraße 5, 10115 Berlin'],
    ['au 12 rue de la Paix, 75002 Paris.', 'ADDRESS', '12 rue de la Paix, 75002 Paris'],
    ['vivo en Calle Mayor 10, 28013 Madrid.', 'ADDRESS', 'Calle Mayor 10, 28013 Madrid'],
  ])('%s → %s', (text, label, value) => {
    expect(found(text)).toContainEqual([label, value]);
  });

  it('finds a JWT by its decodable header', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
    expect(found(`token=${jwt}`)).toEqual([['SECRET', jwt]]);
  });

  it('finds a whole PEM private key block', () => {
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB\n-----END RSA PRIVATE KEY-----';
    expect(found(`key:\n${pem}\nthanks`)).toEqual([['SECRET', pem]]);
  });

  it('finds a PEM private key pasted without its END line', () => {
    const pem = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nQyNTUxOQAAACDx3pJ8Qn1v7Yc0Kx2mWq9ZsT4hLbE6aRr5uVw3NfGkOg';
    expect(found(`my key is\n${pem}\n(rest cut)`)).toEqual([['SECRET', pem]]);
  });

  it('leaves a PEM block without key material alone', () => {
    expect(found('-----BEGIN RSA PRIVATE KEY-----\n<your private key here>\n-----END RSA PRIVATE KEY-----')).toEqual([]);
    expect(found('-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----')).toEqual([]);
  });
});

describe('detectors leave alone', () => {
  it.each([
    'Order #4155552671 ships Monday.',
    'Your order number is 4155552671.',
    'Logged at 2024-03-01 12:30:45 UTC and 2024-03-01T12:30:45.123Z.',
    'Upgrade to version 1.2.3.4 or v10.0.0.1 today.',
    'Request id 123e4567-e89b-12d3-a456-426614174000 failed.',
    'sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 and md5 d41d8cd98f00b204e9800998ecf8427e',
    'It costs $1,299.99 or 1.299,99 € or 12 345,00 EUR.',
    'Tracking 1Z999AA10123456784 arrives 03/04/2025.',
    'Invoice INV-2024-000123 due 15.04.2024.',
    'Install lodash@4.17.21 and @scope/pkg@1.0.0.',
    'Assets logo@2x.png and hero@3x.webp.',
    'ISBN 978-3-16-148410-0 and ref 1234 5678 9012 3456.',
    'Call std::vector<int>::size() at 10:30:00.',
    'MAC 00:1A:2B:3C:4D:5E on port 8080.',
    'Population 8 336 817 in 2023.',
    'SSN 000-12-3456 and 666-12-3456 and 912-34-5678 are invalid.',
    'Password: see the vault.',
    'ISBN-10 0-306-40615-2, and 978-0-306-40615-7 without a cue.',
    'FedEx tracking number 7946 2108 4321 was created.',
    'A German number needs its trunk 0: 7946 2108 4321.',
    'Part no. 482-19-7733 and claim number 418-22-9034.',
    'AssemblyVersion("1.0.0.0"), requests==2.31.0.1, section 3.2.1.4, la versión del firmware es 1.4.2.9.',
    'Upgrade from 1.2.3.4 to 1.2.3.5 fixed the leak.',
    'api_key=YOUR_API_KEY_HERE and token=${GITHUB_TOKEN} and client_secret: {{ vault_client_secret }}',
  ])('%s', (text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('person names in key/value text', () => {
  it('takes a quoted value only when the quote closes after the name', () => {
    expect(found('{"name": "Front desk", "floor": 2}')).toEqual([]);
    expect(found('{"name": "Ana Lopez", "floor": 2}')).toContainEqual(['PERSON', 'Ana Lopez']);
  });
});

describe('overlaps, allow list and custom entities', () => {
  it('keeps one value where types overlap', () => {
    expect(found('email john.smith@example.com')).toEqual([['EMAIL', 'john.smith@example.com']]);
  });

  it('skips allowed values', () => {
    const allowing = createTextDetector({ types: ['email'], binding: { ...DEFAULT_BINDING, allow: ['help@portico.dev'] } });
    expect(allowing('help@portico.dev or me@x.org').length).toBe(1);
  });

  it('finds custom regex and dictionary entities, and survives a broken pattern', () => {
    const invalid: string[] = [];
    const custom = createTextDetector({
      types: [],
      binding: {
        ...DEFAULT_BINDING,
        custom: [
          { label: 'EMPLOYEE_ID', pattern: 'EMP-\\d{6}', flags: 'u', caseSensitive: false, action: 'tokenize' },
          { label: 'PROJECT', terms: ['Bluebird', 'Night Jar'], caseSensitive: false, action: 'replace' },
          { label: 'BROKEN', pattern: '(', flags: 'u', caseSensitive: false, action: 'mask' },
        ],
      },
      onInvalidCustom: (label) => invalid.push(label),
    });
    const text = 'EMP-123456 works on bluebird and Night Jar, not Bluebirds.';
    expect(custom(text).map((d) => [d.label, text.slice(d.start, d.end)])).toEqual([
      ['EMPLOYEE_ID', 'EMP-123456'],
      ['PROJECT', 'bluebird'],
      ['PROJECT', 'Night Jar'],
    ]);
    expect(invalid).toEqual(['BROKEN']);
  });
});

describe('vendor tokens of any length in their documented range', () => {
  let seed = 9;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const body = (length: number, alphabet = BASE62) => Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
  const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const HEX = '0123456789abcdef';

  it.each<[string, (length: number) => string, number[]]>([
    ['npm', (n) => `npm_${body(n)}`, [32, 36, 37, 40, 48]],
    ['GitHub classic', (n) => `ghp_${body(n)}`, [36, 40, 76, 120]],
    ['GitHub OAuth / app / refresh', (n) => `${['gho', 'ghu', 'ghs', 'ghr'][n % 4]}_${body(n)}`, [36, 37, 38, 39, 251]],
    ['GitHub fine-grained', (n) => `github_pat_${body(22)}_${body(n)}`, [59, 60, 70]],
    ['GitLab', (n) => `glpat-${body(n, `${BASE62}_-`)}`, [20, 21, 26, 40]],
    ['Slack', (n) => `xoxb-${body(12, '0123456789')}-${body(13, '0123456789')}-${body(n)}`, [24, 28, 32]],
    ['Stripe live', (n) => `sk_live_${body(n)}`, [24, 34, 99]],
    ['Stripe restricted test', (n) => `rk_test_${body(n)}`, [24, 60]],
    ['OpenAI legacy', (n) => `sk-${body(n)}`, [48, 51]],
    ['OpenAI project', (n) => `sk-proj-${body(n, `${BASE62}_-`)}`, [48, 120, 156]],
    ['Anthropic', (n) => `sk-ant-api03-${body(n, `${BASE62}_-`)}`, [93, 95, 100]],
    ['Google', (n) => `AIza${body(n, `${BASE62}_-`)}`, [35, 36, 39]],
    ['Hugging Face', (n) => `hf_${body(n)}`, [34, 35, 37, 40]],
    ['SendGrid', (n) => `SG.${body(22, `${BASE62}_-`)}.${body(n, `${BASE62}_-`)}`, [43, 44, 50]],
    ['Twilio', (n) => `SK${body(n, HEX)}`, [32]],
    ['AWS access key id', (n) => `${n % 2 === 0 ? 'AKIA' : 'ASIA'}${body(n, UPPER)}`, [16, 17, 20, 32]],
  ])('%s', (_, make, lengths) => {
    for (const length of lengths) {
      const token = make(length);
      expect(found(`the key ${token} leaked.`), `${token} (${length})`).toEqual([['SECRET', token]]);
    }
  });

  it('keeps a full stop after a GitLab token outside it', () => {
    const token = `glpat-${body(20)}`;
    expect(found(`Revoke ${token}.`)).toEqual([['SECRET', token]]);
  });

  it.each([
    'npm_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX and npm_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    'export GITHUB_TOKEN=ghp_0000000000000000000000000000000000000',
    'OPENAI_API_KEY=sk-YOUR_OPENAI_API_KEY_HERE_PLEASE or sk-proj-your-openai-project-key-goes-here',
    'Set SLACK_BOT_TOKEN to xoxb-your-bot-token-here',
    'HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    'AWS_ACCESS_KEY_ID=AKIAXXXXXXXXXXXXXXXX',
    'stripe sk_live_000000000000000000000000 or sk_test_abcabcabcabcabcabcabcabc',
    'npm_1234567890abcdefghijklmnopqrstuvwxyz is a sequence',
    'glpat-xxxxxxxxxxxxxxxxxxxx, AIza-your-google-api-key-goes-here-now',
    'Twilio SKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    'Authorization: Bearer <token> or Bearer ${ACCESS_TOKEN} or Bearer YOUR_ACCESS_TOKEN',
    'npm_${NPM_TOKEN} and ghp_<token> and sk-<your key>',
    'Too short: npm_a1B2c3 and ghp_a1B2c3D4e5.',
    'Install the sk-learn-compatible-estimator-pipeline package.',
    'DATABASE_URL=postgres://${DB_USER}:${DB_PASS}@db/app and mongodb://admin:<password>@host and postgres://user:password@localhost/db',
  ])('%s', (text) => {
    expect(found(text)).toEqual([]);
  });

  it('leaves a run longer than the vendor allows alone', () => {
    expect(found(`ghp_${body(300)}`)).toEqual([]);
  });
});

describe('credentials in connection strings and assignments', () => {
  it.each<[string, string]>([
    ['postgres://app:S3cr3t-Pa55@db:5432/app', 'S3cr3t-Pa55'],
    ['redis://:s3cretRedisPass1@cache:6379/0', 's3cretRedisPass1'],
    ['Server=db;User Id=sa;Password=Str0ng!Passw0rd;Encrypt=true', 'Str0ng!Passw0rd'],
    ['GET /v1/items?api_key=9f8e7d6c5b4a3f2e1d0c&format=json', '9f8e7d6c5b4a3f2e1d0c'],
    ['x-api-key: 7Hq2LmN9pR4sT6vW8yZ1', '7Hq2LmN9pR4sT6vW8yZ1'],
    ['refresh_token="dGhpcyBpcyBub3QgcmVhbA9"', 'dGhpcyBpcyBub3QgcmVhbA9'],
  ])('%s', (text, value) => {
    expect(found(text)).toContainEqual(['SECRET', value]);
  });
});

describe('values glued to text of another script', () => {
  it.each<[string, string, string]>([
    ['担当者のアドレスはkimura.aoi@sales.example.co.jpです', 'EMAIL', 'kimura.aoi@sales.example.co.jp'],
    ['请发到chen.jie@mail.example.cn谢谢', 'EMAIL', 'chen.jie@mail.example.cn'],
    ['문의는lee.sora@example.co.kr로', 'EMAIL', 'lee.sora@example.co.kr'],
    ['Пишите наsmirnov@example.ru', 'EMAIL', 'smirnov@example.ru'],
    ['راسلني علىlayla@example.ae', 'EMAIL', 'layla@example.ae'],
    ['почта: пользователь@пример.рф', 'EMAIL', 'пользователь@пример.рф'],
    ["write to zoë.o'neil@exämple.de", 'EMAIL', "zoë.o'neil@exämple.de"],
    ['サーバーは10.20.30.40です', 'IP_ADDRESS', '10.20.30.40'],
    ['電話は+81 3-5321-4455です', 'PHONE', '+81 3-5321-4455'],
    ['账户DE89 3704 0044 0532 0130 00已确认', 'IBAN', 'DE89 3704 0044 0532 0130 00'],
    ['カード4111 1111 1111 1111で', 'CREDIT_CARD', '4111 1111 1111 1111'],
  ])('%s → %s', (text, label, value) => {
    expect(found(text)).toEqual([[label, value]]);
  });
});

describe('field bug reports', () => {
  it('finds an Azure storage or Service Bus key in a connection string', () => {
    const key = 'Zq3Lk9VbT2xWm8Np4Rs7Yc1Hd6Jf0Ga5Ke2Lu9Ow3Pi8Qx7Tz4Vy1Nb6Mc0Ed3Fh5Gj8Ik2Lm4No7Pq9Rs1Tu==';
    expect(found(`DefaultEndpointsProtocol=https;AccountName=files;AccountKey=${key};EndpointSuffix=core.windows.net`)).toEqual([['SECRET', key]]);
    expect(found('Endpoint=sb://bus.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=Xk8Pq2Lm5Nv9Rt3Wz7Yb1Cd4Fg6Hj0Ks2Mq5Ow8Ua=')).toEqual([
      ['SECRET', 'Xk8Pq2Lm5Nv9Rt3Wz7Yb1Cd4Fg6Hj0Ks2Mq5Ow8Ua='],
    ]);
  });

  it.each([
    'AccountKey=<your-storage-key>;SharedAccessKey={{ sas_key }}',
    'git clone git@github.com:portico-dev/gateway.git',
    'git remote add upstream git@gitlab.example.com:team/app.git',
    'scp dump.sql backup@files.example.net:/srv/dumps/',
    'ssh -i ~/.ssh/id_ed25519 ubuntu@bastion.example.com',
    'pip install git+ssh://git@github.com/org/tool.git',
    'Upgrading from 10.2.0.14 to 10.2.1.3 needs a reboot.',
    'We upgraded to 6.4.2.11; the 3.2.0.5 release and 2.1.0.14-rc1 follow.',
    'Nach dem Update auf 5.0.1.12, après la mise à jour vers 2.7.0.3, tras actualizar a 4.4.1.9.',
    'Company VAT number: GB 123 4567 89',
    'USt-IdNr.: DE 123 456 789',
    'N° SIRET : 732 829 320 00074, SIREN 732 829 320',
    'Numéro de TVA intracommunautaire : FR 40 303 265 045',
    'CIF de la empresa: B 1234 5678, ABN 51 824 753 556, GST No. 123 456 789',
    'ご注文番号は 4155 5526 71 です。',
    '订单号 138 0013 8001 已发货',
    '주문번호: 010 1234 5678',
    'Product Name: Travel Mug, colour Blue',
    'name,sku,qty\nTravel Mug,MUG-01,2\nDesk Lamp,LMP-7,1',
  ])('%s', (text) => {
    expect(found(text)).toEqual([]);
  });

  it.each<[string, string, string]>([
    ['Questions go to maintainers@example.org: we answer within a day.', 'EMAIL', 'maintainers@example.org'],
    ['Blocked after the upgrade: requests from 198.51.100.23 are denied.', 'IP_ADDRESS', '198.51.100.23'],
    ['BGP update from peer 192.0.2.1 dropped.', 'IP_ADDRESS', '192.0.2.1'],
    ['USt-IdNr. DE 123 456 789, Telefon 030 12345678', 'PHONE', '030 12345678'],
    ['予約は+81 3-1234-5678まで', 'PHONE', '+81 3-1234-5678'],
  ])('still finds %s', (text, label, value) => {
    expect(found(text)).toContainEqual([label, value]);
  });

  it.each<[string, string[]]>([
    ['Cardholder: Helen Park', ['Helen Park']],
    ['Card holder name: Tomasz Nowak, expiry 09/27', ['Tomasz Nowak']],
    ['Name on card: Ingrid Solberg', ['Ingrid Solberg']],
    ['Karteninhaber: Jürgen Hoffmann', ['Jürgen Hoffmann']],
    ['Nombre: Rocío Fernández', ['Rocío Fernández']],
    ['姓名：王小明', ['王小明']],
    ['氏名: 山田 太郎', ['山田 太郎']],
    ['id,name,email\n17,Helen Park,helen.park@example.com\n18,Ravi Menon,ravi@example.org', ['Helen Park', 'Ravi Menon']],
    ['customer;city;total\nOksana Kovalenko;Lviv;120.00', ['Oksana Kovalenko']],
    ['[09:14] Priya Raman: can you resend it?\n[09:15] Tomás Ortega: sure', ['Priya Raman', 'Tomás Ortega']],
    ['12/03/2024, 18:02 - Keanu Whitfield: running late', ['Keanu Whitfield']],
  ])('finds the person in %s', (text, names) => {
    const people = found(text).filter(([label]) => label === 'PERSON').map(([, value]) => value);
    expect(people).toEqual(names);
  });
});

describe('round 6 classes', () => {
  const patternsOnly = createTextDetector({ types: ENTITY_TYPES.filter((type) => type !== 'person' && type !== 'address'), binding: DEFAULT_BINDING });
  const values = (text: string) => patternsOnly(text).map((detection) => [detection.label, text.slice(detection.start, detection.end)]);

  it.each<[string, string, string]>([
    ["La password del database di produzione dell'ufficio è Nebbia#Po_2031", 'SECRET', 'Nebbia#Po_2031'],
    ['Lösenordet till gästnätet är Kräftskiva!19', 'SECRET', 'Kräftskiva!19'],
    ['Ο κωδικός του router είναι Meltemi#2030', 'SECRET', 'Meltemi#2030'],
    ['รหัสผ่านเครื่องพิมพ์คือ Printer#Lab_42', 'SECRET', 'Printer#Lab_42'],
    ['Config row: spring.datasource.password=Harbour!Cod_17', 'SECRET', 'Harbour!Cod_17'],
    ['requirepass Hx4!tQ8#mW，记得同步', 'SECRET', 'Hx4!tQ8#mW'],
    ['card_number,exp\n5186026800889784,12/30', 'CREDIT_CARD', '5186026800889784'],
    ['Card: 4539  1056  0277  3805', 'CREDIT_CARD', '4539  1056  0277  3805'],
    ['Call me on 233 24 418 2290 after the meeting.', 'PHONE', '233 24 418 2290'],
    ['SS #: 371-52-8846', 'SSN', '371-52-8846'],
  ])('finds %s', (text, label, value) => {
    expect(values(text)).toContainEqual([label, value]);
  });

  it.each([
    'La password è scaduta: chiedi una nuova password.',
    'รหัสผ่านคือสิ่งที่ต้องเก็บเป็นความลับ',
    'Totals,2026\n4539105602773805,4.5',
    'Serial 4628-1037-5529-00 on the label.',
    'Stripe testing page: 4242 4242 4242 4242.',
    'Bill 2026/0318/22 generated.',
    'Order count 233 24 418 2290 last year.',
  ])('finds nothing in %s', (text) => {
    expect(values(text)).toEqual([]);
  });
});
