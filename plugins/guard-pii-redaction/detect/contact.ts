import { type CountryCode, findPhoneNumbersInText } from 'libphonenumber-js/max';
import { before, type Detection, eachMatch } from './detection.js';

const EMAIL = /(?<![\p{L}\p{N}._%+'-])[\p{L}\p{N}_%+'-]+(?:\.[\p{L}\p{N}_%+'-]+)*@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)*\.\p{L}{2,24}(?![\p{L}\p{N}-]|\.[\p{L}\p{N}])/gu;

/** E-mail addresses: a dotted local part, `@`, a dotted domain ending in a letter-only TLD (so `pkg@1.2.3` is not one). */
export function detectEmails(text: string, found: Detection[]): void {
  eachMatch(EMAIL, text, (match) => found.push({ start: match.index, end: match.index + match[0].length, label: 'EMAIL' }));
}

/** Runs of digits and phone punctuation with at least 7 digits: the only places libphonenumber is asked to look. */
const PHONE_REGION = /(?:\+|(?<![\w+#]|\w-)\(?)\d[\d ().\/\-\u00a0\u2011]{5,24}\d(?:\s*(?:ext\.?|x|#)\s*\d{1,6})?/g;
const PHONE_CUE = /(?:phone|tel\b|tel\.|tél|telefon|teléfono|telefono|mobile|mobil|cell|handy|portable|móvil|movil|fax|call|ring|anrufen|appel|llam|whatsapp|sms|contact|kontakt|reach|erreichbar|joignable)/;
/** Words after which a number is a reference, not a phone: "order 4155552671", "Kundennummer 0049...". */
const REFERENCE_CUE =
  /(?:\b(?:order|invoice|ticket|ref|reference|tracking|account|customer|id|serial|sn|ein|tax|case|file|oid|bestell\w*|rechnung\w*|konto|kunden\w*|serien\w*|aktenzeichen|commande|facture|compte|dossier|pedido|factura|cuenta|expediente)|no\.|nr\.|#)[\s:#.-]*$/;
const INTERNATIONAL = /^(?:\+|00)/;
/** Shapes that libphonenumber may accept for some region but that are dates or SSNs. */
const NOT_A_NATIONAL_NUMBER = [
  /(?<![\d.])(?:19|20)\d\d[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])(?![\d.])/,
  /(?<![\d.])(?:0?[1-9]|[12]\d|3[01])[./](?:0?[1-9]|1[0-2])[./](?:19|20)?\d\d(?![\d.])/,
  /^(?:19|20)\d\d\/\d+$/,
  /^\d{3}-\d{2}-\d{4}$/,
  /^\d{2}-\d{7}$/,
  /(?:^|\.)\d\.\d\.\d(?:\.|$)/,
];
const MIN_NATIONAL_DIGITS = 9;

function acceptNational(raw: string, context: string): boolean {
  if (digitCount(raw) < MIN_NATIONAL_DIGITS || NOT_A_NATIONAL_NUMBER.some((shape) => shape.test(raw))) return false;
  return /[ ().\/\-\u00a0\u2011]/.test(raw) || PHONE_CUE.test(context);
}

function digitCount(text: string): number {
  let count = 0;
  for (let at = 0; at < text.length; at += 1) if (text.charCodeAt(at) >= 48 && text.charCodeAt(at) <= 57) count += 1;
  return count;
}

/**
 * Phone numbers, parsed and validated by libphonenumber-js (full metadata). International
 * numbers (`+` or `00`) count anywhere; a national number counts for one of `regions` when it is
 * written with separators or follows a cue word ("call", "Telefon", "téléphone"...), so a bare
 * 10-digit order number does not.
 */
export function createPhoneDetector(regions: readonly CountryCode[]) {
  return (text: string, found: Detection[]): void => {
    eachMatch(PHONE_REGION, text, (region) => {
      if (digitCount(region[0]) < 7) return;
      const offset = region.index;
      const window = region[0].replace(/^00(?=[1-9])/, '+');
      const shift = region[0].length - window.length;
      const international = INTERNATIONAL.test(region[0]);
      const candidates = international ? [undefined] : regions;
      for (const country of candidates) {
        const numbers = findPhoneNumbersInText(window, country ? { defaultCountry: country } : {});
        const accepted = numbers.filter((number) => {
          const raw = window.slice(number.startsAt, number.endsAt);
          const context = before(text, offset + number.startsAt, 30);
          if (REFERENCE_CUE.test(context)) return false;
          if (raw.startsWith('+')) return true;
          return !international && acceptNational(raw, context);
        });
        for (const number of accepted) {
          const start = number.startsAt === 0 ? offset : offset + number.startsAt + shift;
          found.push({ start, end: offset + number.endsAt + shift, label: 'PHONE' });
        }
        if (accepted.length > 0) break;
      }
    });
  };
}
