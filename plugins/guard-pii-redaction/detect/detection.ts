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
export const REFERENCE_CUE = new RegExp(String.raw`(?:(?<![\p{L}\p{N}])(?:${REFERENCE_WORDS})(?:\s+(?:${REFERENCE_NOUNS}))?|no\.|nr\.|n[°º]|#)[\s:#.-]*$`, 'u');
