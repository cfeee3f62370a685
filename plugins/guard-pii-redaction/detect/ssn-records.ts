/**
 * Payroll and HR records that carry an employee's SSN as a field of their own with no column to name it: a CSV, TSV or SQL
 * row of a payroll text, and the import lines of payroll providers, whose rows are keyed by the SSN.
 */
import { isRecordField, lineNear } from './columns.js';
import { type Detection, overlapsAny } from './detection.js';

/** Words of payroll, HR and US tax forms, whose records carry an employee's SSN as a field of its own. */
const PAYROLL_CUE =
  /(?<![\p{L}\p{N}])(?:payroll|pay-?roll|pay\s?stubs?|paychecks?|salar(?:y|ies)|wages?|w-?[249]|i-?9|1099(?:-\w+)?|withholding|new[\s-]hires?|onboarding|hris|personnel|employee (?:records?|files?|exports?|master)|nómina|folha de pagamento|lohn\p{L}*|gehalt\p{L}*|paie|salaires?|busta paga|stipendi|loonadministratie|salaris\p{L}*)(?![\p{L}])/u;
/**
 * Tables of people who give their SSN to apply or to borrow (`SELECT * FROM applicants`, `tenant_applications`): their
 * records carry it as a field of its own just as payroll's do. Not customers, users or members, whose nine-digit fields are
 * account numbers.
 */
const APPLICANT_CUE = /(?<![\p{L}])(?:applicants?|tenants?|borrowers?|loan[\s_-]?apps?|enrollees?|claimants?|dependents?)(?![\p{L}])/u;
const PAYROLL_REACH = 200;
const ROUTING_WORD = /(?<![\p{L}])(?:routing|aba|rtn|bank|deposit|ach|transit)(?![\p{L}])/u;
const NINE_DIGIT_FIELD = /(?<![\w-])\d{9}(?![\w-])/g;
/** A US state before a nine-digit field makes it a ZIP+4 written without its hyphen. */
const STATE_FIELD = /(?:^|[,;\t|])\s*["']?[A-Z]{2}["']?\s*[,;\t|]\s*["']?$/;

/** ABA routing numbers (3-7-1 weights, mod 10): the other nine-digit number of a payroll record, for the direct deposit. */
function routingValid(digits: string): boolean {
  let sum = 0;
  for (let at = 0; at < 9; at += 1) sum += (digits.charCodeAt(at) - 48) * [3, 7, 1][at % 3];
  return sum % 10 === 0;
}

/**
 * Payroll providers whose import and export lines are keyed by the employee's SSN, written as the row's first field
 * (`ADP import: 019835265|<name>|<phone>|<e-mail>`): where a provider is named, the first field is the SSN, not an own key.
 */
const PAYROLL_PROVIDER =
  /(?<![\p{L}\p{N}])(?:adp|paychex|gusto|paylocity|paycom|paycor|rippling|trinet|justworks|bamboohr|workday|ukg|kronos|quickbooks payroll)(?![\p{L}])/u;
/** What may stand before a row's first field on its line: nothing, or a short label without digits (`ADP import: `, `Gusto export, new hires: `). */
const FIRST_FIELD_HEAD = /^(?:[^\d\n]{0,40}[:：])?\s*$/;
/** The delimiter right after a first field, and a row of three fields or more: that delimiter twice. */
const NEXT_FIELD = /^\s*([,;\t|])/;

/**
 * A whole field of a record (a CSV, TSV or SQL row: `"EMP-3391","Carla Mendes","226471903","…"`) in a payroll or HR text,
 * which names no column: an employee's SSN when it is the row's only nine-digit field that is not a routing number, not the
 * row's first field (its key, unless a payroll provider keys its rows by SSN) and not a ZIP+4 after a state.
 */
export function ssnInPayrollRecord(text: string, start: number, end: number): boolean {
  const [lineStart, lineEnd] = lineNear(text, start, end, PAYROLL_REACH);
  const head = text.slice(lineStart, start);
  const first = FIRST_FIELD_HEAD.test(head);
  if (!first && (!/[,;\t|]/.test(head) || STATE_FIELD.test(head) || !isRecordField(text, start, end))) return false;
  const row = text.slice(lineStart, lineEnd);
  const around = text.slice(Math.max(0, lineStart - PAYROLL_REACH), lineEnd).toLowerCase();
  let nineDigitFields = 0;
  let others = 0;
  for (const field of row.matchAll(NINE_DIGIT_FIELD)) {
    if (!routingValid(field[0])) nineDigitFields += 1;
    if (lineStart + field.index !== start) others += 1;
  }
  if (first) {
    const delimiter = NEXT_FIELD.exec(text.slice(end, end + 3))?.[1];
    const fields = delimiter === undefined ? 0 : row.split(delimiter).length;
    return fields >= 3 && others === 0 && !routingValid(text.slice(start, end)) && PAYROLL_PROVIDER.test(around);
  }
  // One in ten SSNs passes the routing checksum too: such a field is the SSN when it is the row's only nine-digit one and
  // nothing speaks of a bank or a direct deposit.
  const cued = () => PAYROLL_CUE.test(around) || APPLICANT_CUE.test(around.replace(/_/g, ' '));
  if (routingValid(text.slice(start, end))) return others === 0 && !ROUTING_WORD.test(around) && cued();
  return nineDigitFields === 1 && cued();
}

/** The tag as records write it (upper, lower or title case), and the nine digits after it (an `_` or a `-` may stand between). */
const GLUED_TAGS = ['SSN', 'ssn', 'Ssn'];
const NINE_DIGITS_AT = /(\d{3})(\d{2})(\d{4})(?!\d)/y;

function asciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * Round 26: a fixed-width or flat-file record tags its SSN field with the letters `SSN` glued to the nine digits
 * (`705SSN259668323`, `SSN_259668323`, `ssn-259668323`): the tag names the field as a label would. Not after other letters
 * (`CLASSN…` is another code), not the ITIN areas (900–999: the tag is then the file's, not the number's), not ten digits or more.
 */
export function detectGluedSsns(text: string, found: Detection[], issuable: (area: string, group: string, serial: string) => boolean): void {
  const glued: Detection[] = [];
  for (const tag of GLUED_TAGS) {
    for (let at = text.indexOf(tag); at >= 0; at = text.indexOf(tag, at + tag.length)) {
      if (at > 0 && asciiLetter(text.charCodeAt(at - 1))) continue;
      const next = text[at + tag.length];
      NINE_DIGITS_AT.lastIndex = next === '_' || next === '-' ? at + tag.length + 1 : at + tag.length;
      const match = NINE_DIGITS_AT.exec(text);
      if (match === null || Number(match[1]) >= 900 || !issuable(match[1], match[2], match[3])) continue;
      const start = match.index;
      const end = start + 9;
      if (!overlapsAny(found, start, end)) glued.push({ start, end, label: 'SSN' });
    }
  }
  found.push(...glued.sort((a, b) => a.start - b.start));
}
