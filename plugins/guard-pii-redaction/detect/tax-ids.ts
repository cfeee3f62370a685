/**
 * Round 26: tax and company registration numbers, which some countries print with as many digits as a card and which may pass
 * Luhn (a Saudi VAT number is fifteen digits from 3, `الرقم الضريبي 300012345600003`; a UAE TRN fifteen from 100): after the
 * label of one, a card-shaped number is that registration, not a card.
 */
import { prefixTree, testedAtLeadingCharacters } from './alternation.js';

/** Tax, VAT and company registration labels, lower case, in the languages of the corpus and the field reports. */
const TAX_LABEL_LIST = [
  // en
  'vat', 'vat no\\.?', 'vat number', 'vat reg(?:istration)?(?: no\\.?| number)?', 'tax id', 'tax number', 'tax no\\.?', 'tax registration(?: no\\.?| number)?',
  'tax identification number', 'taxpayer id', 'tin', 'trn', 'gst(?:in)?', 'gst no\\.?', 'ein', 'company (?:reg(?:istration)?|registration) (?:no\\.?|number)',
  // fr, de, es, pt, it, nl
  'tva', 'numéro de tva(?: intracommunautaire)?', 'n° tva', 'siret', 'siren', 'ust-?idnr\\.?', 'ust-?id', 'umsatzsteuer-?id(?:entifikationsnummer)?', 'steuernummer',
  'steuer-?nr\\.?', 'nif', 'cif', 'nit', 'ruc', 'rfc', 'cuit', 'número de identificación fiscal', 'identificación fiscal', 'cnpj', 'número fiscal',
  'partita iva', 'p\\.\\s?iva', 'codice fiscale', 'btw(?:-?nummer)?', 'btw nr\\.?', 'kvk(?:-?nummer)?',
  // tr, pl, ru/uk, el, he
  'vergi (?:no|numarası|kimlik no)', 'vkn', 'nip', 'инн', 'ипн', 'єдрпоу', 'αφμ', 'α\\.φ\\.μ\\.', 'מספר עוסק', 'עוסק מורשה', 'ח\\.פ\\.?', 'מספר מע"מ',
  // ar, fa, ur
  'الرقم الضريبي', 'رقم ضريبي', 'الرقم الضريبي الموحد', 'رقم التسجيل الضريبي', 'الرقم الضريبي للمنشأة', 'رقم ضريبة القيمة المضافة',
  'شماره اقتصادی', 'کد اقتصادی', 'شناسه ملی', 'شماره مالیاتی', 'این ٹی این', 'ٹیکس نمبر',
];
const TAX_LABELS = prefixTree(TAX_LABEL_LIST);
/**
 * A word every label holds (checked below): a context without one holds no label, and the cue (a try at each of its words) is not
 * asked. Most card numbers have none before them.
 */
const TAX_STEM = /vat|tax|tin|trn|gst|ein|company|tva|siret|siren|ust|steuer|nif|cif|nit|ruc|rfc|cuit|fiscal|cnpj|iva|btw|kvk|vergi|vkn|nip|инн|ипн|єдрпоу|αφμ|α\.φ|עוסק|ח\.פ|מע"מ|ضريب|اقتصادی|ملی|مالیاتی|این ٹی|ٹیکس/;
for (const label of TAX_LABEL_LIST) if (!TAX_STEM.test(label.replace(/\\/g, ''))) throw new Error(`tax-ids.ts: the label ${label} holds no word of TAX_STEM`);

/** A tax or registration label right before the number (a colon, `#`, `:` or a dash may follow it), lower case. */
// Tried only at the first letters of its labels (see testedAtLeadingCharacters): its lookbehind made every position of the context a try.
const TAX_LABEL_CUE = testedAtLeadingCharacters(
  new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${TAX_LABELS})(?:\s*(?:is|es|est|ist|:|：|#|-))?[\s:：#.-]*$`, 'u'),
);
export const TAX_NUMBER_CUE = {
  test: (context: string): boolean => TAX_STEM.test(context) && TAX_LABEL_CUE.test(context),
};
