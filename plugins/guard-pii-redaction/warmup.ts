import type { TextDetector } from './detect/index.js';

/**
 * Text the plugin runs its detectors over at start, so that the first prompts of a new process do not pay for compiling them.
 * V8 runs a regular expression as bytecode at first and compiles it to machine code on a later run or at once on a long subject
 * (about 1,000 characters and up); the detectors' large alternations (cue words in ~90 languages, reference words, vendor
 * prefixes) then cost seconds together: without this, the first 2 KB prompt after a start took 2.3–3.0 s on a loaded 2-core
 * machine. So the warm-up text is one long subject, not line by line. Every value below is made up; the lines only need to
 * reach the detectors' paths (cue words, checksums, phone regions, vendor prefixes, scripts).
 */
export const WARMUP_LINES: readonly string[] = [
  'Hi, I am Jane Doe, mail jane.doe@example.com, call +49 30 901820 or (212) 555-0142, fax 0049 30 9018 2099.',
  'Card 4111 1111 1111 1111 exp 09/27, Amex 3782 822463 10005, IBAN DE89 3704 0044 0532 0130 00, gb29nwbk60161331926819.',
  'SSN 123-45-6789, ITIN 912-70-1234, order #4410-2231-8876, invoice INV-2024-00017, tracking 1Z999AA10123456784.',
  'Server 10.0.0.5:8080 and 2001:db8::1, build 4.18.2.1101, released 2024-03-05T10:15:00Z, ISBN 978-3-16-148410-0.',
  'password=Hunter2!x; pwd: S3cure#Pass; my wifi key is correct-horse-battery-staple; login admin/admin123 on the router.',
  'export AWS_ACCESS_KEY_ID=AKIAABCDEFGHIJKLMNOP AWS_SECRET_ACCESS_KEY=abcdEFGHijklMNOPqrstUVWXyz0123456789abcd',
  'GITHUB_TOKEN=ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 slack xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUv',
  'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
  'postgres://app:Tr0ub4dor&3@db.internal:5432/main redis://:r3d1s-pass@10.1.2.3:6379 sk-proj-AbCdEf0123456789GhIjKl',
  '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----',
  'Mein Passwort ist Sommer2024!, Telefon 030 12345678, Handy 0151 23456789, Kontonummer DE02 1203 0000 0000 2020 51.',
  'Mon mot de passe : soleil-Brest-77, appelez le 06 12 34 56 78 ou le +33 1 42 68 53 00, référence commande 2024-118.',
  'Mi contraseña es Luna#Verde9, llámame al 612 345 678 o al +34 91 123 45 67, pedido nº 88231, DNI 12345678Z.',
  'Minha senha é Praia@2023, celular (11) 91234-5678, CPF 123.456.789-09, Pix chave +55 21 98765-4321.',
  'Мой пароль: Медведь_2024, звоните +7 912 345-67-89, заказ № 554433, карта 2200 1234 5678 9010.',
  'كلمة المرور هي Nour_2024! واتصل على ‎+971 50 123 4567، رقم الطلب 99812، آيبان SA03 8000 0000 6080 1016 7519.',
  'סיסמה: Shalom!2024, טלפון 052-123-4567, מספר הזמנה 77612.',
  'मेरा पासवर्ड है Dilli@123, फ़ोन +91 98765 43210, ऑर्डर नंबर 402-118, आधार 1234 5678 9012.',
  'パスワードはSakura2024!です。電話 090-1234-5678、注文番号 2024-0315-77。',
  '密码是 Changan#88，手机 138 0013 8000，订单号 20240315001，身份证 110101199003074578。',
  '비밀번호는 Seoul!2024 입니다. 전화 010-1234-5678, 주문번호 2024-11-0087.',
  'รหัสผ่านคือ Bangkok_99 โทร 081 234 5678 เลขที่คำสั่งซื้อ 66001122',
  'Şifrem Istanbul.34! , telefon 0532 123 45 67, sipariş no 88-12-77; hasło: Krakow#2024, tel. 512 345 678.',
  'Nenosiri ni Simba_2024, piga +254 712 345 678; kata sandi Jakarta99!, hp 0812-3456-7890; mật khẩu HaNoi@2024.',
  'user,password,email\nmia,Qw3rty!Blue,mia@example.org\nnoah,Tango-Delta-42,noah@example.net',
  '{"api_key": "AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW", "stripe": "sk_live_51AbCdEfGhIjKlMnOpQrStUvWx", "ip": "192.168.1.20"}',
  'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX npm_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789',
];

/**
 * Runs the detector over the warm-up text twice, each pass in its own turn of the event loop after the plugin's start, so the
 * boot is not held up by it. Returns a function that stops it (at shutdown, or when a test stops the host first); a pending pass
 * never keeps the process alive on its own.
 */
export function warmUpInBackground(detect: TextDetector, passes = 2): () => void {
  const text = WARMUP_LINES.join('\n');
  let left = passes;
  let pending: NodeJS.Immediate | undefined;
  const pass = () => {
    detect(text);
    left -= 1;
    pending = left > 0 ? setImmediate(pass).unref() : undefined;
  };
  pending = setImmediate(pass).unref();
  return () => {
    if (pending) clearImmediate(pending);
    pending = undefined;
  };
}
