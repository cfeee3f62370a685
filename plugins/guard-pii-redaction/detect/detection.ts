import type { EntityType } from '../config.schema.js';

/** One value found in a text: `[start, end)` in UTF-16 code units, and the placeholder label. */
export interface Detection {
  start: number;
  end: number;
  label: string;
}

/** Placeholder label of each built-in type: `<EMAIL_1>`, `<CREDIT_CARD>`. */
export const LABELS: Record<EntityType, string> = {
  email: 'EMAIL',
  phone: 'PHONE',
  credit_card: 'CREDIT_CARD',
  iban: 'IBAN',
  ssn: 'SSN',
  ip_address: 'IP_ADDRESS',
  secret: 'SECRET',
  person: 'PERSON',
  address: 'ADDRESS',
};

/** A detector appends what it finds in `text` to `found`. */
export type Detector = (text: string, found: Detection[]) => void;

/** Runs a global regex over `text` and keeps the matches `accept` returns a span for. */
export function eachMatch(pattern: RegExp, text: string, visit: (match: RegExpExecArray) => void): void {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    visit(match);
    if (match[0].length === 0) pattern.lastIndex += 1;
  }
}

/** The `window` characters before `at`, lower-cased: where cue words ("phone", "SSN") are looked for. */
export function before(text: string, at: number, window: number): string {
  return text.slice(Math.max(0, at - window), at).toLowerCase();
}

/** Words after which a number is a reference, not a personal value ("order 4155552671", "tracking number 7946…", "Part no. 482-19-7733"). */
const REFERENCE_WORDS = [
  'order', 'invoice', 'ticket', 'ref', 'reference', 'tracking', 'account', 'customer', 'id', 'serial', 'sn', 'ein', 'tax', 'case', 'file',
  'oid', 'isbn(?:-?1[03])?', 'issn', 'part', 'item', 'sku', 'model', 'policy', 'claim', 'batch', 'lot', 'pin', 'passcode', 'code',
  'bestell\\w*', 'rechnung\\w*', 'konto', 'kunden\\w*', 'serien\\w*', 'aktenzeichen', 'auftrag\\w*', 'artikel\\w*', 'sendung\\w*', 'paket\\w*', 'vertrag\\w*',
  'commande', 'facture', 'compte', 'dossier', 'suivi', 'colis', 'pièce', 'pedido', 'factura', 'cuenta', 'expediente', 'envío', 'envio', 'pieza',
].join('|');
const REFERENCE_NOUNS = String.raw`number|no\.?|nr\.?|num\.?|nummer|numéro|número|n[°º]\.?|id|code`;
/**
 * Tax and company identifiers, which look like national phone numbers: "VAT number: GB 123 4567 89", "USt-IdNr.: DE 123 456 789",
 * "N° SIRET : 732 829 320 00074", "Numéro de TVA intracommunautaire : FR 40 303 265 045", "CIF: B 1234 5678", "ABN 51 824 753 556".
 * A qualifier word or two and a two-letter country prefix may stand between the cue and the digits.
 */
const TAX_WORDS = String.raw`vat|tva|iva|btw|mwst|ust|ust-?id(?:nr)?|umsatzsteuer[\p{L}-]*|steuer[\p{L}-]*|siret|siren|rcs|cif|nif|nipc|ein|abn|acn|gst(?:in)?|hst|qst|tin|utr|kvk|cnpj|ruc|rfc|registration|handelsregister|hrb|hra`;
const TAX_QUALIFIERS = String.raw`${REFERENCE_NOUNS}|intra-?communautaire|intracomunitari[ao]|intracommunity|reg\.?|registration|ident\w*|company|empresa|société|societe|entreprise|firma|unternehmen|business|de|la|du|des|del|the`;
/** Order, invoice, tracking, member and tax numbers in Japanese, Chinese and Korean, which have no spaces to mark a word: 注文番号は, 订单号, 주문번호: */
const CJK_REFERENCE = String.raw`(?:注文|受注|発注|請求書?|伝票|追跡|お?問い?合わ?せ|会員|顧客|お客様|予約|登録|法人|管理|商品|品|订单|訂單|发票|發票|运单|運單|快递|快遞|物流|客户|客戶|会员|會員|税|稅|纳税人识别|주문|송장|운송장|고객|회원|예약|사업자(?:등록)?|등록)(?:番号|番號|号码|號碼|编号|編號|号|號|번호|코드|コード|id|no\.?)(?:は|が|：|は、|为|為|是|는|은|이|가)?`;
export const REFERENCE_CUE = new RegExp(
  String.raw`(?:(?<![\p{L}\p{N}])(?:${REFERENCE_WORDS})(?:\s+(?:${REFERENCE_NOUNS}))?|(?<![\p{L}\p{N}])(?:${TAX_WORDS})(?:[\s.:-]+(?:${TAX_QUALIFIERS}))*(?:[\s:#.-]+[a-z]{1,2})?|no\.|nr\.|n[°º]|#|${CJK_REFERENCE})[\s:：#.-]*$`,
  'u',
);
