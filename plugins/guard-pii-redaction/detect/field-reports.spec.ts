import { describe, expect, it } from 'vitest';
import { foundIn } from './testing/pattern-detections.js';

describe('round 8 classes', () => {
  it.each<[string, string, string]>([
    ['UnionPay card 621483 5742735673823 declined.', 'CREDIT_CARD', '621483 5742735673823'],
    ['UATP card 1619 288868 38959 for the flights.', 'CREDIT_CARD', '1619 288868 38959'],
    ['UATP-Karte 189953965857744 verwenden.', 'CREDIT_CARD', '189953965857744'],
    ['Numer karty: 5436287519750380 04/28', 'CREDIT_CARD', '5436287519750380'],
    ['La contraseña del wifi: WPA2 Hv7k.PqeR2*91 en la pegatina.', 'SECRET', 'Hv7k.PqeR2*91'],
    ['The password is ab4%Tr9.Lmq*2, rotate it.', 'SECRET', 'ab4%Tr9.Lmq*2'],
    ['Access: 10.20.31.45 / root / gT5%hw2Kq*81', 'SECRET', 'gT5%hw2Kq*81'],
    ['sessionid=cd11cfb0abfec32c3a2aac057cfd9c29f578b19646a69b3990633dfa6647aee7', 'SECRET', 'cd11cfb0abfec32c3a2aac057cfd9c29f578b19646a69b3990633dfa6647aee7'],
    ['The deploy token PIPSLFsJSwt6nAzFliRpjjvf leaked.', 'SECRET', 'PIPSLFsJSwt6nAzFliRpjjvf'],
    ['Social Security number, as printed on the award letter and on the claim, is 287-65-4310.', 'SSN', '287-65-4310'],
    ['Faktura betales til NO8315037754219, kontakt oss på 917 45 263.', 'PHONE', '917 45 263'],
    ['Greiðist inn á IS140159260076545510730339, sími 562 4811.', 'PHONE', '562 4811'],
  ])('finds %s', (text, label, value) => {
    expect(foundIn(text)).toContainEqual([label, value]);
  });

  it.each([
    'Muster-IBAN für das Formular: DE02 1203 0000 0000 2020 51.',
    'The Stripe tutorial uses the publishable key pk_test_TYooMQauvdEDq54NiTphI7jx.',
    'Ordre 559120-2025 er afsendt.',
    'Adószám: 24681357-1-42.',
    'Номер на поръчка 5530921187.',
    'Comanda nr. 6620184433 a fost livrată.',
    'Support line TBD: 0800 000 000.',
    'Numéro provisoire : 01 00 00 00 00.',
    'Route core.lan / 24 / vlan-10 added.',
    'The shipment 148483956545629 left the warehouse.',
    'Batch 621483 5742735673823 was archived.',
    'Release token name: releaseCandidateBuild2026 in the pipeline.',
  ])('finds nothing in %s', (text) => {
    expect(foundIn(text)).toEqual([]);
  });
});

describe('round 9 classes (numbers)', () => {
  it.each<[string, string, string]>([
    ['Hola, si hay cualquier problema con el pedido estoy en el 33 1847 2290.', 'PHONE', '33 1847 2290'],
    ['Ciao Marco, grazie: il numero nuovo di Giulia è 347 218 5590.', 'PHONE', '347 218 5590'],
    ['Bedankt voor je bericht, je kunt me bereiken op 06 4172 8835.', 'PHONE', '06 4172 8835'],
    ['Хүргэлтийн ажилтны утас 9515 3372, өдөр бүр.', 'PHONE', '9515 3372'],
    ['Buyurtma boʻyicha 90 318 44 27 raqamiga qoʻngʻiroq qiling.', 'PHONE', '90 318 44 27'],
    ['Ar cieņu,\nIlze Kalniņa\nMob. 26 118 904', 'PHONE', '26 118 904'],
    ['si no abro me marcas al 55 4127 9083', 'PHONE', '55 4127 9083'],
    ['name,phone\nLupita Ortiz,3318472290', 'PHONE', '3318472290'],
    ['emp_no,name,ssn\n2231,Dana,417298563\n2232,Raj Mehta,528317640', 'SSN', '528317640'],
    ['| Employee | SSN |\n|---|---|\n| Carla Nunes | 634105872 |', 'SSN', '634105872'],
    ['山本さんのソーシャルセキュリティ番号 627-30-8153 を登録しました。', 'SSN', '627-30-8153'],
    ['রসিদ billing@rangpurmart.com.bd-এ পাঠানো হয়েছে।', 'EMAIL', 'billing@rangpurmart.com.bd'],
    ['küldje az ugyfel@pekseg-minta.hu-ra, kérem.', 'EMAIL', 'ugyfel@pekseg-minta.hu'],
    ['Address = 10.71.0.9/32', 'IP_ADDRESS', '10.71.0.9'],
    ['inet 192.168.40.12/24 brd 192.168.40.255', 'IP_ADDRESS', '192.168.40.12'],
    ['The host 2a02:8071:2c4::17/64 answers.', 'IP_ADDRESS', '2a02:8071:2c4::17'],
    ['携帯番号：090-3381-2207 までご連絡ください。', 'PHONE', '090-3381-2207'],
  ])('finds %s', (text, label, value) => {
    expect(foundIn(text)).toContainEqual([label, value]);
  });

  it.each([
    'Die VPN-Clients bekommen ihre Adressen aus 10.71.0.0/16, das LAN ist 192.168.40.0/24.',
    'Default route 0.0.0.0/0 via wg0; 172.20.0.0/14 stays local.',
    'The lab prefix 2a02:8071:2c4::/48 is split into /64s.',
    'Netmask 255.255.240.0 for the office LAN.',
    'network 10.33.0.0 mask 255.255.0.0 is advertised.',
    'order_id,customer\n4155552671,ACME GmbH',
    'name,ssn,employee_no\nTeam lead,pending,417298563',
    'Ficha: NIT 129.44127.81-2, RG 23.118.440-7.',
    'Rodné číslo 855812/4410 je v žiadosti dvakrát.',
    'Pojištěnec Jana, r. č. 855812/4410.',
    '社員番号 2204-5518-73 を入力してください。',
    '设备编号 021-6642-1187 已登记。',
    '회원 번호 010-2231-4478 은 아이디가 아닙니다.',
    'Die IBAN AT17 5418 3207 7155 0008 ist ungültig.',
    'Il codice cliente è 347 218 5590.',
    'Захиалгын дугаар 8841 2203 баталгаажлаа.',
  ])('finds nothing in %s', (text) => {
    expect(foundIn(text)).toEqual([]);
  });
});

describe('round 10 classes (numbers)', () => {
  it.each<[string, string, string]>([
    ['Nitumie kwa M-Pesa namba 0712 458 903 leo.', 'PHONE', '0712 458 903'],
    ['Ksh500.00 sent to ANN MUTHONI 0798214563 on 2/3/25. New M-PESA balance is Ksh90.00.', 'PHONE', '0798214563'],
    ['Dépôt Orange Money au 78 412 56 39, merci.', 'PHONE', '78 412 56 39'],
    ['Vippse meg 200 kr på 928 41 573.', 'PHONE', '928 41 573'],
    ['Swisha till 070 418 52 96 innan fredag.', 'PHONE', '070 418 52 96'],
    ['Przelej BLIKiem na 512 847 306.', 'PHONE', '512 847 306'],
    ['Yapéame al 945 128 376 porfa.', 'PHONE', '945 128 376'],
    ['Me chama no zap (85) 98731-2046.', 'PHONE', '(85) 98731-2046'],
    ['টাকা বিকাশে পাঠাও 01819-452736 নম্বরে।', 'PHONE', '01819-452736'],
    ['Ngicela ungifonele ku-072 418 5639 kusasa.', 'PHONE', '072 418 5639'],
    ['Ċemplu fuq 2124 5873 wara nofsinhar.', 'PHONE', '2124 5873'],
    ['هذا رقمي الجديد 76 418 253', 'PHONE', '76 418 253'],
    ['Le livreur est à Douala : 6 94 51 28 37.', 'PHONE', '6 94 51 28 37'],
    ['Nazovite me na 091 458 2736.', 'PHONE', '091 458 2736'],
    ['Log in to fw 192.168.77.1 first.', 'IP_ADDRESS', '192.168.77.1'],
    ['core sw 10.20.0.1 is down', 'IP_ADDRESS', '10.20.0.1'],
  ])('finds %s', (text, label, value) => {
    expect(foundIn(text)).toContainEqual([label, value]);
  });

  it.each([
    'M-PESA: umelipa Ksh 1,250 kwa Till 5284417.',
    'Swish-nummer 123 456 78 90 till klubben.',
    'GCash ref no. 7004 512 8836 219, amount ₱2,350.00.',
    'Chave Pix: 31972458140 (CPF).',
    'v=spf1 ip4:185.12.80.0/22 -all',
    'camera fw 4.0.3.11 is current',
    'Прошивка 3.0.2.19 стабильна.',
    'Runner image 20250311.4.2 ships Node 20.',
    'NL53 RABO 0318 4527 61 is geen geldig rekeningnummer.',
    'GB47 WEST 1234 5698 7654 33 was rejected.',
    'SIN 130 692 544 on the T4 slip.',
    'NHS number 943 476 5919 on the letter.',
    'Pakkenummer 70 7290 4431 2 er klar.',
    'A csomag száma 5120 4477 8123.',
    'Gönderi numaranız 7301 4528 1176.',
    'DHL 4471 8823 55 was handed over.',
    'Zamowienie 812/06/2025 oplacone.',
  ])('finds nothing in %s', (text) => {
    expect(foundIn(text)).toEqual([]);
  });
});

describe('round 11 classes (numbers)', () => {
  it.each<[string, string, string]>([
    ['カード番号：４５３９ ３３５２ ５７１８ ２１９８', 'CREDIT_CARD', '４５３９ ３３５２ ５７１８ ２１９８'],
    ['رقم البطاقة ٦٢٥٠ ٠٠٢٩ ٣٦٥٢ ٥٩٩٧ وتاريخ الانتهاء', 'CREDIT_CARD', '٦٢٥٠ ٠٠٢٩ ٣٦٥٢ ٥٩٩٧'],
    ['収款 IBAN：ＥＳ２７３８９２３４９８０３５４９５６２４３３０', 'IBAN', 'ＥＳ２７３８９２３４９８０３５４９５６２４３３０'],
    ['ＳＳＮは５７１－９９－０３２４です', 'SSN', '５７１－９９－０３２４'],
    ['問い合わせはinfo＠hanamura-shoten.co.jpまで', 'EMAIL', 'info＠hanamura-shoten.co.jp'],
    ['IPアドレス：１０．２４．３．１１７', 'IP_ADDRESS', '１０．２４．３．１１７'],
    ['[preparer] I have the SSN for your wife.\n[preparer] and your own?\n[client] 294633180', 'SSN', '294633180'],
    ["Agent: what's your social?\nClient: 428716027", 'SSN', '428716027'],
    ['Export:\nLena Park\t055752151\t1985-03-12\nOmar Said\t854980401\t1990-11-02\nMask the social security numbers?', 'SSN', '854980401'],
    ["INSERT INTO employees (emp_no, full_name, ssn) VALUES (10871, 'Ray Dunn', '895720203');", 'SSN', '895720203'],
    ["INSERT INTO adherents VALUES (2204,'Marc Dubois','marc.dubois@laposte.net','0758214396');", 'PHONE', '0758214396'],
    ['4410;Jonas Weber;jonas.weber@gmx.de;017643821957;Hamburg', 'PHONE', '017643821957'],
    ["INSERT INTO socios (id, nombre, movil) VALUES (87, 'Lucía Gil', '687241593');", 'PHONE', '687241593'],
    ['2. Lito Cruz – (032) 412 3456 – 7 Osmeña Blvd., Cebu', 'PHONE', '(032) 412 3456'],
    ['Oficina Centro - 91 523 47 80 - 5 plazas libres', 'PHONE', '91 523 47 80'],
    ['Build agents: 10.8.1.21, 10.8.1.22 (both idle).', 'IP_ADDRESS', '10.8.1.22'],
    ['Firmware versions are current; router IP: 192.168.8.1', 'IP_ADDRESS', '192.168.8.1'],
    ['My SIN is on the T4 already; my cell is 604 728 4410.', 'PHONE', '604 728 4410'],
  ])('finds %s', (text, label, value) => {
    expect(foundIn(text)).toContainEqual([label, value]);
  });

  it.each([
    '注文番号：４４１０ ２９８７ ３３１２　合計：￥１２，８００',
    'カード番号：４５３９ ６９５９ ２２３３ ４７２０（無効）',
    'アプリのバージョン：２．１４．０．７',
    "[agent] Thanks, the SSN matches.\n[agent] What's your member ID?\n[client] 538114407",
    'SSN verified. Now the routing number?\nClient: 021000021',
    '[agent] what is the parcel number?\n[client] 538114407',
    'Staff list:\nLena Park\t538114407\t$61,200\nOmar Said\t538114415\t$58,900',
    'emp_id\tname\n538114407\tLena Park\n538114415\tOmar Said\nSSNs are kept in the HR system.',
    "INSERT INTO employees (emp_no, full_name, ssn) VALUES (292665061, 'Omar Haddad', NULL);",
    "INSERT INTO commandes (id, email, numero_commande) VALUES (77, 'anne.roux@free.fr', '0612458730');",
    "INSERT INTO logins VALUES (5, 'anna.berg@web.de', '1718203344', '2024-06-12');",
    'Kundenliste: 4410;Eva Roth;eva.roth@web.de;4102938475;Köln',
    'Current versions: gateway 6.2.0.14, controller 3.1.4.2, NAS 7.0.1.9.',
    'Firmwarestände: Router 5.4.1.2, Repeater 2.10.0.7 und Switch 1.8.3.5.',
    'ファームウェア：ルーター 3.2.1.5、スイッチ 1.4.0.2',
    'Canadian SIN guide: the check digit is Luhn; the sample uses 046 454 286.',
    'Le NAS compte neuf chiffres, par exemple 046 454 286.',
  ])('finds no number in %s', (text) => {
    expect(foundIn(text).filter(([label]) => label !== 'SECRET' && label !== 'EMAIL')).toEqual([]);
  });
});

describe('round 12 classes (numbers)', () => {
  it.each<[string, string, string]>([
    ["it's 4969 6035 9768 1396 11/27, the code is on the back", 'CREDIT_CARD', '4969 6035 9768 1396'],
    ['Karte 5271 7110 7875 4895 09 27 belasten.', 'CREDIT_CARD', '5271 7110 7875 4895'],
    ['Ma carte : 4767-2942-4820-7429-05/29', 'CREDIT_CARD', '4767-2942-4820-7429'],
    ['card 4528 2924 2836 7567 382 (the CVV)', 'CREDIT_CARD', '4528 2924 2836 7567'],
    ['Card 3584−8121−0137−2874 from a PDF.', 'CREDIT_CARD', '3584−8121−0137−2874'],
    ['Bordbestilling lørdag: Kari Nordmann, 915 27 384.', 'PHONE', '915 27 384'],
    ['Our Oslo contact, Siv, is at 412 87 530 most afternoons.', 'PHONE', '412 87 530'],
    ['携帯：０８０−３９１７−２２５４', 'PHONE', '０８０−３９１７−２２５４'],
    ['代表番号 ０３ー５５１２ー８８４０ までお電話ください。', 'PHONE', '０３ー５５１２ー８８４０'],
    ['SSN on the intake form: 318‑60‑4527', 'SSN', '318‑60‑4527'],
    ['payroll import: "E-1182","Marcus Lee","512387741","2024-08-15"', 'SSN', '512387741'],
    ['W-2 prep sheet (no header):\nE204|Dana Whitfield|602915384|$52,300.00|MI', 'SSN', '602915384'],
    ["INSERT INTO payroll VALUES (3391, 'Ana Ruiz', '233718904', '2024-05-31');", 'SSN', '233718904'],
    ['SS number: 512387741', 'SSN', '512387741'],
    ['Patient form — S.S. No. 602915384', 'SSN', '602915384'],
    ['Soc Sec#471208356', 'SSN', '471208356'],
    ['Social Security Number (as printed on your card, no dashes please): 233718904', 'SSN', '233718904'],
    ["my social's 318604527 if you need it", 'SSN', '318604527'],
  ])('finds %s', (text, label, value) => {
    expect(foundIn(text)).toContainEqual([label, value]);
  });

  it.each([
    'Account 4528 2924 2836 7566 381 is a loan reference.',
    "Başvuru no 2025-318804, sonucu e-Devlet'ten takip edebilirsiniz.",
    'Vi har mottatt søknaden din (2025-318804).',
    'In 2024 448213 visitors came to the museum.',
    'Saksnummer 482 19 605 gjelder naboklagen.',
    'Medlemsnummer 932 61 058, kontingent 450 kr.',
    'payroll export row: "EMP-2207","Dev Patel","021000021","checking"',
    'payroll export:\n538114409,Lena Park,$4,120.00\n538114417,Omar Said,$3,980.00',
    'payroll address export: "Lena Park","88 Elm St","Dayton","OH","454023318"',
    'payroll batch: "B-07","Lena Park","538114409","771203456"',
    'Social Security number was verified earlier; order 512387741 shipped today.',
    'Employer EIN 512387741 appears on every W-2 we send.',
    'Grant file for Anika Patel 0210004417 approved.',
    'During 2023 the depot handled 0612448213 scans.',
  ])('finds no number in %s', (text) => {
    expect(foundIn(text).filter(([label]) => label !== 'SECRET' && label !== 'EMAIL')).toEqual([]);
  });
});

describe('round 13 classes', () => {
  it.each([
    ['Numer do babci: 512 384 907, a domowy 12 633 48 21', 'PHONE', '12 633 48 21'],
    ['Prosím volejte zákaznickou linku 222 814 560 nebo 604 318 227.', 'PHONE', '222 814 560'],
    ['Anyu száma 06 70 312 8845, otthoni (1) 209 6614', 'PHONE', '(1) 209 6614'],
    ['Mormors nr. er 36 14 82 07 og hun ringer tilbage i aften.', 'PHONE', '36 14 82 07'],
    ['Mammas numurs: 26 807 314 (zvani pēc sešiem)', 'PHONE', '26 807 314'],
    ['아빠 번호 010-2948-6613, 집 02-587-3120', 'PHONE', '010-2948-6613'],
    ['Servicedesk Nederland/België: 020 531 7788 / 02 644 19 30', 'PHONE', '02 644 19 30'],
    ['Pusat layanan pelanggan: 021 5082 3317 atau SMS ke 0812-4471-905', 'PHONE', '021 5082 3317'],
    ['Per urgenze contattare Marta allo 06 4472 1190 oppure al 338 517 2046.', 'PHONE', '338 517 2046'],
    ['mysql> SELECT id, full_name, mobile FROM leads WHERE id=77;\n| 77 | Rosa Lind | 4155550198 |', 'PHONE', '4155550198'],
    ['hey can you send me your social again? | sure, 415902736 | thanks', 'SSN', '415902736'],
    ['Old Medicare card shows claim number 271-38-4420B — is B the spouse code?', 'SSN', '271-38-4420'],
    ['남편 소셜 번호는 529-16-3380 이에요', 'SSN', '529-16-3380'],
    ['Equifax batch file (pipe-delimited, no header):\n624118093|HALVORSEN, INGRID|19810923\n624118101|DUARTE, PAULO|19770305', 'SSN', '624118093'],
    ['payroll CSV from the old system:\n2207,ANDERS LUND,528316409,2023-05-01,ACTIVE', 'SSN', '528316409'],
    ['用户表导出：\n李娜,138 2207 5516,621483 5902771403812,lina.2207@126.com', 'CREDIT_CARD', '621483 5902771403812'],
    ['회원 DB 일부: 박서연, 010-3391-8024, 9430-7211-8506-3924, seoyeon.park@daum.net', 'CREDIT_CARD', '9430-7211-8506-3924'],
    ['ping6 fe80::2a0:c9ff:fe14:7b3e%en0 answers', 'IP_ADDRESS', 'fe80::2a0:c9ff:fe14:7b3e'],
    ['Moved the VM from 10.20.4.17 to 10.20.4.18 last night.', 'IP_ADDRESS', '10.20.4.18'],
  ])('finds %s', (text, label, value) => {
    expect(foundIn(text)).toContainEqual([label, value]);
  });

  it.each([
    'Firmware bump: 5.2.118.3 → 5.2.119.0 rolled out to the test fleet.',
    'Vul het IBAN in als DExx 1234 5678 9012 3456 78 (alleen een voorbeeld).',
    'Our social club membership 603118294 renews in May.',
    'Serial 318-22-9041C is printed under the battery.',
    'Farmors nr. 2024-118 i arkivet er en gammel kvittering.',
    'See note (3) 2291 4470 in the appendix.',
    'Zamówienie nr 512 384 907 nie jest jeszcze wysłane.',
    'Batch export: 1044,628815 4902217733015,OK',
    'payroll CSV from the old system (routing in column 3):\n2207,ANDERS LUND,021000021,2023-05-01,ACTIVE',
  ])('finds no number in %s', (text) => {
    expect(foundIn(text).filter(([label]) => label !== 'SECRET' && label !== 'EMAIL')).toEqual([]);
  });
});

describe('round 14 classes (numbers)', () => {
  it.each<[string, string, string]>([
    ['Technischer Support Linz: 0732 771 2089 (werktags).', 'PHONE', '0732 771 2089'],
    ['¿Dudas? Llámanos o escribe al 55 2931 7784.', 'PHONE', '55 2931 7784'],
    ['che, mi cel es 11 4478-2290, avisame', 'PHONE', '11 4478-2290'],
    ['Dúvidas: (31) 3224-5510', 'PHONE', '(31) 3224-5510'],
    ['Apoio técnico: 21 418 7730', 'PHONE', '21 418 7730'],
    ['IT-support: 45 18 72 33', 'PHONE', '45 18 72 33'],
    ['Podrška: 01 5533 812', 'PHONE', '01 5533 812'],
    ['Il tecnico è raggiungibile al 331 902 4471.', 'PHONE', '331 902 4471'],
    ['Pokhara office phone: 061-538812', 'PHONE', '061-538812'],
  ])('finds %s', (text, label, value) => {
    expect(foundIn(text)).toContainEqual([label, value]);
  });

  it.each([
    'The appliance supports 30 000 000 sessions.',
    'Bankgiro 5219-3340, Org.nr 556231-7781.',
    'Mã số thuế công ty: 0312345678-003',
    'EIN 03-7712345 on the 1099.',
    'Delegated prefix 2a02:81c0:3:7::/56 for the site.',
    'Dudas: el lote 3319 2207 sale mañana.',
  ])('finds no number in %s', (text) => {
    expect(foundIn(text).filter(([label]) => label !== 'SECRET' && label !== 'EMAIL')).toEqual([]);
  });
});

describe('round 15 classes (numbers)', () => {
  it.each<[string, string, string]>([
    ['rows: "Dana Kim\\t318-52-6604\\t4539-1184-0273-6591"', 'SSN', '318-52-6604'],
    ['rows: "Dana Kim\\t318-52-6604\\t4539-1184-0273-6591"', 'CREDIT_CARD', '4539-1184-0273-6591'],
    ['{"msg":"call back\\r\\n+44 161 496 0372"}', 'PHONE', '+44 161 496 0372'],
    ['Maestro card 630490 4822177355017 declined at the till.', 'CREDIT_CARD', '630490 4822177355017'],
    ['Karte 502066 1833490217749 (Verve) wurde belastet.', 'CREDIT_CARD', '502066 1833490217749'],
    ['The mobile on file is (08) 9321 4470.', 'PHONE', '(08) 9321 4470'],
    ['Bitte rufen Sie unter 0316 772041 zurück.', 'PHONE', '0316 772041'],
    ['हेल्पलाइन: 9958301447', 'PHONE', '9958301447'],
  ])('finds %s', (text, label, value) => {
    expect(foundIn(text)).toContainEqual([label, value]);
  });

  it.each([
    'Parcel code 9402 7731 0865 4424 1170 38 printed on the label.',
    'Batch 630490 4822177355017 ran overnight.',
    'The case file 0316 772041 was archived.',
    'हेल्पलाइन पर टिकट नंबर 9958301447 बताएं।',
    'printf("id\\\\t4539118402736591") escapes its backslash.',
  ])('finds no number in %s', (text) => {
    expect(foundIn(text).filter(([label]) => label !== 'SECRET' && label !== 'EMAIL')).toEqual([]);
  });
});

describe('round 16 classes (numbers)', () => {
  it.each<[string, string]>([
    ['Bitte unter 0223456789 zurückrufen, danke.', '0223456789'],
    ['Frau Berg ist unter 97 41 28 36 jederzeit erreichbar.', '97 41 28 36'],
    ['Könnten Sie Herrn Bianchi unter 347 882 1093 anrufen?', '347 882 1093'],
    ['Sie bat, sie unter 015229384716 zurückzurufen.', '015229384716'],
  ])('finds the number before a German call-back word in %s', (text, value) => {
    expect(foundIn(text)).toContainEqual(['PHONE', value]);
  });

  it.each([
    'Bis Juni sind 3 200 000 erreichbar.',
    'Zu Vorgang 5581203947 bitte zurückrufen, sobald er geprüft ist.',
    'Das Ziel von 31 447 905 Klicks ist erreichbar.',
  ])('finds no number in %s', (text) => {
    expect(foundIn(text).filter(([label]) => label === 'PHONE')).toEqual([]);
  });
});

describe('round 17 classes (numbers)', () => {
  it.each<[string, string, string]>([
    ['Fala com a Joana no (41) 99872-1046 depois das seis.', 'PHONE', '(41) 99872-1046'],
    ['Contato do motorista: (85)98812-4730', 'PHONE', '(85)98812-4730'],
    ['사장님께 말씀드렸고 실장님 번호 010-3389-2217 로 연락 주세요.', 'PHONE', '010-3389-2217'],
    ['대리 번호는 02-557-8841 이에요.', 'PHONE', '02-557-8841'],
    ['Charge it to 4079 673 868 717 please.', 'CREDIT_CARD', '4079 673 868 717'],
  ])('finds %s', (text, label, value) => {
    expect(foundIn(text)).toContainEqual([label, value]);
  });

  it.each([
    'EAN-13: 7617809430063 on the pallet label.',
    'GTIN 4004366236758 is listed twice in the feed.',
    'Code-barres 5905923873272 illisible.',
    'Lot 5036 636 675 356 shipped.',
    '고객 번호 02-3318-5521 확인 부탁드립니다.',
    'Nota fiscal nº (11) 98220-4417 emitida.',
  ])('finds no phone or card in %s', (text) => {
    expect(foundIn(text).filter(([label]) => label === 'PHONE' || label === 'CREDIT_CARD')).toEqual([]);
  });
});

describe('round 18 classes (numbers)', () => {
  it.each<[string, string, string]>([
    ['Her ITIN is 964-81-2257, issued after the W-7.', 'SSN', '964-81-2257'],
    ['Contractor TIN: 932-95-4418 on the 1099.', 'SSN', '932-95-4418'],
    ['Spouse 958-70-3342 (ITIN) files jointly.', 'SSN', '958-70-3342'],
    ['ITIN 977561903 on the return.', 'SSN', '977561903'],
    ['Manda la transferencia al 55 2931 4870, es de mi hermana.', 'PHONE', '55 2931 4870'],
    ['Envío a CABA, cel 11 4873-2610', 'PHONE', '11 4873-2610'],
    ['voicemail: please call back at 3 1 2 7 4 5 8 1 9 6', 'PHONE', '3 1 2 7 4 5 8 1 9 6'],
  ])('finds %s', (text, label, value) => {
    expect(foundIn(text)).toContainEqual([label, value]);
  });

  it.each([
    'ITIN form rejected 931-42-7781: group 42 is never issued.',
    'Sample 964-81-2257 printed on the demo card.',
    'The advertising ITIN 987-65-4322 appears in the brochure.',
    'TIN 932954418 is the firm’s EIN without its hyphen.',
    'Winning numbers: 3 1 2 7 4 5 8 1 9 6.',
    'Our DUNS number is 06-218-4497.',
    'Account on file 0431 776 208 is closed.',
  ])('finds no SSN or phone in %s', (text) => {
    expect(foundIn(text).filter(([label]) => label === 'PHONE' || label === 'SSN')).toEqual([]);
  });
});
