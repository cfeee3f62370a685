import { withFirstCharacterCheck } from './alternation.js';
import type { Detection } from './detection.js';

/**
 * Values published as examples by card networks, payment providers, banks and standards: test cards, the IBANs of
 * the IBAN registry and bank docs, Stripe's documentation key, the jwt.io sample token.
 */
const PUBLISHED_EXAMPLES: ReadonlySet<string> = new Set([
  '4242424242424242', '4111111111111111', '4012888888881881', '4000056655665556', '5555555555554444', '5105105105105100',
  '2223003122003222', '378282246310005', '371449635398431', '6011111111111117', '3530111333300000', '30569309025904',
  '4000000000000002', '4000002500003155', '4000000000009995', '5200828282828210', '6200000000000005', '6011000990139424',
  '3566002020360505', '36227206271667', '38520000023237',
  'DE89370400440532013000', 'GB82WEST12345698765432', 'GB29NWBK60161331926819', 'FR1420041010050500013M02606',
  'NL91ABNA0417164300', 'ES9121000418450200051332', 'CH9300762011623852957', 'AT611904300234573201', 'BE68539007547034',
  'IT60X0542811101000000123456', 'PL61109010140000071219812874', 'SE4550000000058398257466', 'NO9386011117947', 'DK5000400440116243',
  'FI2112345600000785', 'DE02120300000000202051', 'DE02500105170137075030', 'DE02100500000054540402', 'DE75512108001245126199',
  'GB33BUKB20201555555555', 'FR7630006000011234567890189', 'BE71096123456769', 'AT483200000012345864', 'CH5604835012345678009',
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc', 'pk_test_TYooMQauvdEDq54NiTphI7jx',
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
]);

/** Values from ranges reserved for documentation: RFC 5737 and RFC 3849 addresses, RFC 2606 domains, 555-01xx and all-zero numbers. */
const RESERVED_FOR_DOCUMENTATION: Readonly<Record<string, RegExp>> = {
  IP_ADDRESS: /^(?:192\.0\.2|198\.51\.100|203\.0\.113)\.\d{1,3}$|^2001:0?db8(?::|$)/i,
  EMAIL: /@(?:[\w-]+\.)*(?:example\.(?:com|org|net)|[\w-]+\.(?:test|example|invalid))$/i,
  // NANP 555-01xx, all zeros, and Ofcom's drama numbers (07700 900xxx, 020 7946 0xxx, 0161 496 0xxx…)
  PHONE: /555[\s.-]?01\d\d$|(?:^|\D)0{3}[\s.-]?0{4}$|7700[\s.-]?900[\s.-]?\d{3}$|20[\s.-]?7946[\s.-]?0\d{3}$|1\d1[\s.-]?496[\s.-]?0\d{3}$/,
};

/**
 * Words that present a value as an example, in the languages of the corpus: "for example", "documentation",
 * "test card", "placeholder", "syntax", "sandbox". A bare "test" is not one ("Stripe test key … leaked").
 */
export const DOCUMENTATION_CONTEXT_SOURCE = String.raw`(?<![\p{L}.@-])(?:examples?|e\.g\.|for instance|documentation|docs|documented|quick-?starts?|tutorials?|getting started|rfc\s?(?:5737|3849|2606|6761)|placeholders?|samples?|dummy|sandbox|syntax|illustrat\p{L}*|test[- ]?(?:cards?|numbers?|mode|ibans?|data|values?|environment|pages?|site)|testing|pruebas|de teste|testes|di test|testseite|testdaten|testzwecke\p{L}*|jwt\.io|ejemplos?|exemples?|(?:beispiel|muster|example|exemple|ejemplo|exemplo|esempio|voorbeeld)-(?:iban|karte|konto|card|nummer|number|key|schlüssel)\p{L}*|beispiel\p{L}*|muster\p{L}*|esempi[oa]?|exemplos?|voorbeeld\p{L}*|przykład\p{L}*|příklad\p{L}*|пример\p{L}*|örne\p{L}*|contoh|ví dụ|eksempel|exempel|esimerk\p{L}*|παράδειγμα|documentaci[oó]n|dokumentation|documentação|documentazione|documentatie|dokumentacj\p{L}*|документаци\p{L}*|sintaxis|syntaxe|sintassi|sintaxe|platzhalter|marcador|segnaposto|tarjetas? de prueba|cartão de teste|carte de test|testkarte\p{L}*|carta di test|тестов\p{L}*|مثال|توثيق|דוגמ\p{L}*|תיעוד)(?![\p{L}-]|\.[\p{L}])|例えば|例：|例:|サンプル|ドキュメント|テスト用|例如|示例|范例|範例|文档|文檔|测试卡|예시|예를 들어|문서|테스트용`;
/**
 * Session 12 (speed only): with a lookahead on the characters a match can start with (alternation.ts). The words start after a lookbehind,
 * so the engine tried the whole alternation at every position of the line; the class, folded under the same `i` flag as the words'
 * first letters, rejects the others at once. The same answers (documentation-speed12.spec.ts).
 */
export const DOCUMENTATION_CONTEXT = new RegExp(withFirstCharacterCheck(DOCUMENTATION_CONTEXT_SOURCE), 'iu');
const CONTEXT_WINDOW = 160;
/**
 * Round 28: the shape of the test cards payment providers publish by the dozen (YooKassa `5555 5555 5555 4477`, Stripe
 * `4000 0000 0000 0077`, Mir `2200 0000 0000 0814`, `4242 4242 4242 4242`): an issuer's prefix of up to four digits, then eight
 * or more of one repeated digit (or a pair repeated six times), then the last digits. An issued card's account digits are almost
 * never so; with an example or a test word on its line (see DOCUMENTATION_CONTEXT) the number is a test card.
 */
const TEST_CARD_SHAPE = /^(?:\d{0,4}(\d)\1{7,}|(\d\d)\2{5})\d{1,7}$/;

function compact(value: string, label: string): string {
  return label === 'CREDIT_CARD' || label === 'IBAN' ? value.replace(/[\s\u00a0\u202f.-]/g, '').toUpperCase() : value;
}

/**
 * A value the text presents as a documentation example: a published example value, or a value of a range reserved
 * for documentation, with an example word on its line. The same reserved values in an ordinary message stay PII
 * (writers use 203.0.113.x or 555 numbers as stand-ins for real ones).
 */
export function isDocumentedExample(text: string, detection: Detection): boolean {
  const value = text.slice(detection.start, detection.end);
  const reserved = RESERVED_FOR_DOCUMENTATION[detection.label];
  const compacted = compact(value, detection.label);
  const testShape = detection.label === 'CREDIT_CARD' && TEST_CARD_SHAPE.test(compacted);
  if (!PUBLISHED_EXAMPLES.has(compacted) && !(reserved?.test(value) ?? false) && !testShape) return false;
  const lineStart = text.lastIndexOf('\n', detection.start - 1) + 1;
  const lineEnd = text.indexOf('\n', detection.end);
  const around = text.slice(Math.max(lineStart, detection.start - CONTEXT_WINDOW), Math.min(lineEnd === -1 ? text.length : lineEnd, detection.end + CONTEXT_WINDOW));
  return DOCUMENTATION_CONTEXT.test(around);
}
