import { withFirstCharacterCheck } from './alternation.js';
import { IBAN_LENGTHS, ibanValid, luhnValid } from './checksums.js';
import { columnHeader, isRecordField, lineNear, statedColumnMeaning, tableBlock } from './columns.js';
import { before, type Detection, eachMatch } from './detection.js';
import { REFERENCE_CUE } from './reference.js';
import { keyedForAnotherNumber, looseColumnHeader, looseHeaderNames } from './ssn-fields.js';
import { detectGluedSsns, ssnInPayrollRecord } from './ssn-records.js';
import { TAX_NUMBER_CUE } from './tax-ids.js';
import { asciiWidth } from './width.js';

/** 12–19 digits, compact or with one kind of separator (space, two spaces, no-break or narrow no-break space, hyphen, dot). */
// Round 28: a case ending glued with a hyphen (Mongolian `7044-аар`, Hungarian `…-es`, Kazakh `…-ге`) ends the number as a space would.
const CARD_CANDIDATE = /(?<![\w.-])\d(?:(?:[ \u00a0\u202f.-]| {2})?\d){11,18}(?!\w|-(?![a-z\u00df-\u024f\u0430-\u04ff]{1,6}(?![\w\u00c0-\u04ff-])))/g;
/**
 * A number glued to `,5` or `3,` is a decimal fraction, unless it is a field of a CSV whose header names a card column. The
 * integer part before the comma (`0,4147…`, `-3,4147…`) or the decimals after it are digits alone: the last group of a
 * hyphenated number (`+1-312-559-8720,5412…`) before, or a date (`…,2024-03-02`) after, is the next field of a CSV row.
 */
/**
 * Round 24: digits after the comma that go on with cents or another field (`4916…2832,129.00`, `…2832,74.5,EUR`,
 * `…2832,129,EUR`) are an amount field of the row, not the card's decimals (`…3805,4.5` alone still is); digits glued to a
 * word before the comma (`txn_8841,`) are an id field, not the integer part.
 */
const DECIMAL_NEIGHBOUR = { before: /(?:^|[^\w-]|(?<!\d)-)\d+,$/, after: /^[.,]\d+(?![\d-]|\.\d\d(?!\d)|[.,]\d+,|,\S)/ };
const CARD_COLUMN = /(?:^|[\n,;\t|"])\s*(?:card|cc|pan|credit[_ ]?card|kart\p{L}*|tarjeta|carte|cartão|cartao|carta|karta|카드|カード|卡号)(?:[_ .-]?(?:number|num|no|nr|nummer|numero|número|numéro|id))?\s*(?=[,;\t|"]|$)/imu;

/**
 * Issuer prefixes (IIN ranges) and lengths of the card schemes in use worldwide; a Luhn-valid number outside
 * them is more likely a reference number.
 */
const CARD_BRANDS: ReadonlyArray<[RegExp, number, number]> = [
  [/^4/, 13, 19], // Visa, with Visa co-badged Elo, Dankort and mada
  [/^(?:5[1-5]|2(?:22[1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720))/, 16, 16], // Mastercard, 2-series included
  [/^3[47]/, 15, 15], // American Express
  [/^(?:6011|65|64[4-9]|622)/, 16, 19], // Discover, and Troy and RuPay on 65
  [/^35(?:2[89]|[3-8]\d)/, 16, 19], // JCB, and RuPay on 353/356
  [/^3(?:0[0-5]|09|[689])/, 14, 19], // Diners Club, and Hipercard on 3841
  [/^(?:62|81)/, 16, 19], // UnionPay (81 since 2022)
  [/^(?:5[06-9]|6\d)/, 12, 19], // Maestro, Elo, Verve, Dankort 5019, Hipercard 606282, RuPay 60/508, Bancontact 6703, Meeza, Shetab
  [/^220[0-4]/, 16, 19], // Mir
  [/^9792/, 16, 16], // Troy
  [/^82/, 16, 16], // RuPay
  [/^9704/, 16, 19], // Napas (Vietnam)
  [/^(?:9860|8600)/, 16, 16], // Humo and UzCard (Uzbekistan)
  [/^9112/, 16, 16], // Belkart
  [/^9051/, 16, 16], // ArCa (Armenia)
  [/^9682/, 16, 16], // mada (Saudi Arabia)
  [/^94\d\d/, 16, 16], // BC Card and the other Korean domestic-only cards (94xx)
  [/^1/, 15, 15], // UATP (airline cards), printed 4-5-6
];
/** UATP numbers start with 1, a prefix no other scheme uses, so only their own 4-5-6 grouping makes one a card. */
const UATP_GROUPING = /^1\d{3}[ \u00a0-](?:\d{5}[ \u00a0-]\d{6}|\d{6}[ \u00a0-]\d{5})$/;
/** A compact UATP number (fifteen digits from 1) is a card only after a card word. */
const UATP_COMPACT = /^1\d{14}$/;
/** Twelve digits is only Maestro's shortest length, and more often an account or reference number: it needs a card word before it. */
const SHORT_CARD_DIGITS = 12;
/**
 * Words for a card, or a scheme's name used as one (`Verve 506099 …`, `RuPay`), before a number whose grouping or length alone
 * does not make it a card: Hausa `katin`, Yoruba `kaadi`, Swahili `kadi`, Vietnamese `thẻ`, Thai `บัตร`, Hindi `कार्ड`.
 */
const CARD_WORD = /(?:verve|rupay|katin|kaadi|kadi|thẻ|บัตร|कार्ड|uatp|unionpay|union pay|银联|銀聯|card|karte|kart[aeiy]?|carte|tarjeta|cartão|cartao|carta|maestro|карт\p{L}*|카드|カード|卡|بطاقة|כרטיס)/iu;
/**
 * Words right before a card-like number that make it a device, shipment or product number (IMEIs pass Luhn too, and a
 * barcode's EAN/UPC/GTIN check digit agrees with Luhn on about one number in ten).
 */
const NOT_A_CARD_CUE =
  /(?:(?<![\p{L}])(?:ean(?:-?(?:13|8))?|upc(?:-?a)?|gtin(?:-?(?:13|14|12|8))?|isbn(?:-?13)?|barcode|bar code|código de barras|code-barres|code barre|strichcode|streepjescode|штрих-?код\p{L}*)|imei(?:sv)?|meid|iccid|esn|serial|s\/n|s[ée]ri[ea]|seriennummer|серийн\p{L}*|tracking|sendungs?\w*|suivi|rastreio|seguimiento|trace|asset(?:\s+tag)?)(?:\s+(?:number|no\.?|nr\.?|nummer|numéro|número|numero|de|du|#))*[\s:#.-]*$/u;

/**
 * An IBAN's country code, check digits and any groups of its body right before a number (`DE13 `, `fr76-`, `NL80 BUNQ `,
 * `GB82 WEST 1234 `): the number is the rest of that IBAN's body, whether mod 97 holds or not. A template's placeholder check
 * digits (`NLxx BANK 0123 4567 89`) head an IBAN's body too.
 */
const IBAN_HEAD = /(?<![A-Za-z0-9])([A-Z]{2}(?:\d{2}|XX|xx)(?:[ \u00a0-]?[A-Z0-9]{4}){0,6}|[a-z]{2}(?:\d{2}|xx)(?:[ \u00a0-]?[a-z0-9]{4}){0,6})[ \u00a0-]?$/;

const IBAN_COUNTRY_DIGITS = /[A-Za-z]{2}(?:\d\d|xx|XX)/;

/** Whether the digits at `at` continue an IBAN-shaped string of a country that uses IBANs. */
export function afterIbanHead(text: string, at: number): boolean {
  const slice = text.slice(Math.max(0, at - 40), at);
  if (!IBAN_COUNTRY_DIGITS.test(slice)) return false;
  const head = IBAN_HEAD.exec(slice);
  return head !== null && IBAN_LENGTHS[head[1].slice(0, 2).toUpperCase()] !== undefined;
}

const SPANISH_ACCOUNT = /^\d{4}([ -]?)\d{4}\1\d{2}\1\d{10}$/;
/**
 * Round 28: a run of digits led by `00` that is a bank account, not an international number: an IBAN's body (mod 97 failed:
 * `ES18 0049 0586 …`) or a Spanish account number (CCC, bank-branch-check-account 4-4-2-10, `0049 0586 40 2626889975`).
 */
export function bankAccountRun(run: string, text: string, at: number): boolean {
  return SPANISH_ACCOUNT.test(run) || afterIbanHead(text, at);
}

/**
 * A card number followed by its expiry date (`4887 7278 3717 4703 08/26`, `… 08 2026`) or its security code (`… 4703 381`):
 * the month or the code was read as one more group of the number. The month is dropped when a year follows it; a trailing
 * three-digit group when the sixteen digits before it are a card and the whole is not (Visa and Maestro print 19 digits 4-4-4-4-3).
 */
const EXPIRY_MONTH_TAIL = /[ \u00a0\u202f.-]+(?:0[1-9]|1[0-2])$/;
const EXPIRY_YEAR_AFTER = /^(?:\s?[\/.-]\s?|[ \u00a0])(?:20)?\d\d(?!\d)/;
const CODE_TAIL = /^(\d{4}(?:[ \u00a0\u202f]+\d{4}){3})[ \u00a0\u202f]+\d{3}$/;

/** Schemes with 19-digit cards printed 6-13: UnionPay (62, 81), Maestro and Verve (50, 56–69). */
const SIX_THIRTEEN_ISSUERS = /^(?:62|81|5[06-9]|6)/;
/**
 * A longer number in the same groups runs on after the candidate (`9400 1118 9922 3384 1752 06`, a postal tracking number of
 * 22 digits): its first sixteen digits are not a card.
 */
const MORE_GROUPS_AFTER = /^(?:[ \u00a0\u202f.-]| {2})\d{4}(?:[ \u00a0\u202f.-]| {2})\d/;

/**
 * The lengths of a candidate's digit groups (`4237 779 802 762`: 4, 3, 3, 3), an empty list when it is compact, undefined
 * when it mixes two kinds of separator. Read in one pass: this runs on every card-shaped run of every text.
 */
function groupLengths(candidate: string): number[] | undefined {
  const groups: number[] = [];
  let separator = '';
  let length = 0;
  for (let at = 0; at < candidate.length; at += 1) {
    const code = candidate.charCodeAt(at);
    if (code >= 48 && code <= 57) {
      length += 1;
      continue;
    }
    if (separator === '') separator = candidate[at];
    else if (candidate[at] !== separator) return undefined;
    // A run of separators (two spaces) ends one group.
    const previous = candidate.charCodeAt(at - 1);
    if (at === 0 || (previous >= 48 && previous <= 57)) groups.push(length);
    length = 0;
  }
  if (separator !== '') groups.push(length);
  return groups;
}

function groupedLikeACard(candidate: string): boolean {
  const groups = groupLengths(candidate);
  if (groups === undefined) return false;
  if (groups.length === 0) return true;
  // Cards printed in fours end in a group of one to four; 4-4-4-2 is Diners' 14 digits (30, 36, 38) and otherwise a serial number.
  const last = groups[groups.length - 1];
  const fours = groups.slice(0, -1).every((length) => length === 4) && last <= 4 && (last !== 2 || groups.length !== 4 || /^3[068]/.test(candidate));
  const amex = groups.length === 3 && groups[0] === 4 && groups[1] === 6 && (groups[2] === 5 || groups[2] === 4);
  // Visa's 13-digit cards were embossed 4-3-3-3 (`4237 779 802 762`).
  const visaThirteen = groups.length === 4 && groups[0] === 4 && groups[1] === 3 && groups[2] === 3 && groups[3] === 3 && candidate.startsWith('4');
  const uatp = groups.length === 3 && groups[0] === 4 && ((groups[1] === 5 && groups[2] === 6) || (groups[1] === 6 && groups[2] === 5));
  // UnionPay, Maestro and Verve print their 19-digit cards 6-13 (the issuer's six digits, then the rest).
  const sixThirteen = groups.length === 2 && groups[0] === 6 && groups[1] === 13 && SIX_THIRTEEN_ISSUERS.test(candidate);
  return fours || amex || visaThirteen || uatp || sixThirteen;
}

function issuedCard(digits: string): boolean {
  // The Luhn digit first: it fails for nine numbers in ten, before the scheme prefixes are tried.
  return luhnValid(digits) && CARD_BRANDS.some(([prefix, min, max]) => prefix.test(digits) && digits.length >= min && digits.length <= max);
}

/** The card number a candidate run holds: the run, or the run without the expiry month or the security code after the number. */
function cardPart(text: string, run: string, at: number): string {
  // `5198160123076237 11/27`: a compact number followed by its expiry month is the number alone.
  if (!groupedLikeACard(run)) return /^\d{12,19}(?= )/.exec(run)?.[0] ?? run;
  const month = EXPIRY_MONTH_TAIL.exec(run);
  if (month !== null && EXPIRY_YEAR_AFTER.test(text.slice(at + run.length, at + run.length + 6))) return run.slice(0, month.index);
  const code = CODE_TAIL.exec(run);
  if (code !== null && !issuedCard(run.replace(/\D/g, '')) && issuedCard(code[1].replace(/\D/g, ''))) return code[1];
  return run;
}

/** Card numbers: 12–19 digits grouped like a card, a known issuer prefix and length, a valid Luhn digit, and no IMEI or tracking cue before. */
export function detectCreditCards(original: string, found: Detection[]): void {
  const text = asciiWidth(original);
  eachMatch(CARD_CANDIDATE, text, (match) => {
    const candidate = cardPart(text, match[0], match.index);
    const digits = candidate.replace(/\D/g, '');
    if (!groupedLikeACard(candidate)) return;
    // 6-13 is the grouping of UnionPay's, Maestro's and Verve's 19-digit cards, and otherwise a batch or file number: it needs a card word before it, or to be a whole
    // field of a record (a customer table's row: `王晓明,139 1042 7765,625930 4903098769817,…`).
    if (/^\d{6}[ \u00a0-]\d{13}$/.test(candidate) && !CARD_WORD.test(before(text, match.index, 40)) && !isRecordField(text, match.index, match.index + candidate.length)) return;
    if (digits.startsWith('1') && !UATP_GROUPING.test(candidate) && !(UATP_COMPACT.test(candidate) && CARD_WORD.test(before(text, match.index, 40)))) return;
    if (!issuedCard(digits) || NOT_A_CARD_CUE.test(before(text, match.index, 30))) return;
    // `IBAN DE13 5001 0517 0648 4898 90`: digits after an IBAN's country and check digits are its body, even when mod 97 fails.
    if (afterIbanHead(text, match.index)) return;
    if (digits.length <= SHORT_CARD_DIGITS && !CARD_WORD.test(before(text, match.index, 40)) && !CARD_COLUMN.test(text)) return;
    const end = match.index + candidate.length;
    if (MORE_GROUPS_AFTER.test(text.slice(match.index + match[0].length, match.index + match[0].length + 12))) return;
    // Only a compact run is a decimal's digits: a grouped one after `7765,` is the next field of a record.
    const glued = !/[ \u00a0\u202f.-]/.test(candidate) && (DECIMAL_NEIGHBOUR.before.test(text.slice(Math.max(0, match.index - 24), match.index)) || DECIMAL_NEIGHBOUR.after.test(text.slice(end, end + 24)));
    if (glued && !CARD_COLUMN.test(text)) return;
    // Round 26: a tax or company registration number of as many digits (`الرقم الضريبي 300012345600003`, `VAT number …`).
    if (TAX_NUMBER_CUE.test(before(text, match.index, 40))) return;
    found.push({ start: match.index, end, label: 'CREDIT_CARD' });
  });
}

const IBAN_SEPARATORS = ' -\u00a0\u202f';
const IBAN_START = /(?<![A-Za-z0-9])([A-Za-z]{2})\d{2}(?=[ \-\u00a0\u202f]?[A-Za-z0-9])/g;

/**
 * IBANs printed compact or in groups of four, separated by spaces or hyphens, in upper case or all in lower case:
 * the country fixes the length, mod 97 checks it.
 */
export function detectIbans(original: string, found: Detection[]): void {
  const text = asciiWidth(original);
  eachMatch(IBAN_START, text, (match) => {
    const lower = match[1] === match[1].toLowerCase();
    if (!lower && match[1] !== match[1].toUpperCase()) return;
    const length = IBAN_LENGTHS[match[1].toUpperCase()];
    if (length === undefined) return;
    const part = lower ? /[a-z0-9]/ : /[A-Z0-9]/;
    let compact = '';
    let at = match.index;
    while (at < text.length && compact.length < length) {
      const char = text[at];
      if (part.test(char)) compact += char;
      else if (!IBAN_SEPARATORS.includes(char) || !part.test(text[at + 1] ?? '') || compact.length < 4) break;
      at += 1;
    }
    if (compact.length !== length || /[A-Za-z0-9]/.test(text[at] ?? '')) return;
    if (!ibanValid(compact.toUpperCase())) return;
    found.push({ start: match.index, end: at, label: 'IBAN' });
    IBAN_START.lastIndex = at;
  });
}

/** A dashed SSN, or one with a letter glued after it: a Medicare claim number of the old kind (HICN) is the SSN and a beneficiary code (`A`, `B1`). */
const SSN_GROUPED = /(?<![\w-])(\d{3})([- ])(\d{2})\2(\d{4})(?=[A-Z]\d?(?![\w-])|(?![\w-]))/g;
const SPACED_GROUP_BEFORE = /(?:^|[^\d.,])\d{1,4} $/;
const SPACED_GROUP_AFTER = /^ \d{1,4}(?![\d.,])/;
const BENEFICIARY_SUFFIX = /^[A-Z]\d?(?![\w-])/;
const SSN_PLAIN = /(?<![\w-])(\d{3})(\d{2})(\d{4})(?![\w-])/g;
/**
 * Words that name a US Social Security number: `SSN`, `SSN#`, `SS#`, `SS No.`, `Soc. Sec. No.`, `social`, the chat clipping
 * `soc` of a person's right before the number (`my soc is`, `soc#`: never `SOC 2`, nor `our SOC is 24/7` of a security
 * operations centre), a
 * `social_security_number` column, an OCR'd scan's misread label (Round 25: `Soc1al Security No.`, `S0cial Secur1ty`, a digit for
 * a letter that looks like it), and in other languages (CJK words need no word boundary: `…さんのソーシャルセキュリティ番号`).
 * Nine plain digits need one of these. Tried at every position of a context: a lookahead on the characters a cue can start
 * with skips the others at once.
 */
const SSN_CUE = new RegExp(
  withFirstCharacterCheck(
    String.raw`(?<![\p{L}\p{N}])(?:ssns?|s\.?\s?s\.?\s?(?:#|no\b|no\.|nr\b|nr\.|nbr|num\b|num\.|number)|s[o0]c[i1l]a[l1][\s_-]?s[e3]cur[i1l]ty|social(?=\s*(?:#|no\b|no\.|number|num\b|is\b|:|\?|=)|'s\b)|(?<=(?<![\p{L}])(?:my|your|ur|his|her|their|our|mom's|dad's)\s)social(?!\s*(?:media|network\p{L}*|worker\p{L}*|life|skills|club|events?|circle|services|studies|science|security\s+(?:office|administration)|posts?|accounts?|handles?|profiles?|links?|feeds?|channels?|calendar|battery|butterfly))|(?<=(?<![\p{L}])(?:my|your|ur|his|her|their|our|mom's|dad's)\s)soc(?=\s*(?:#|no\.?|number|num\.?|is|:|=)\s*$)|soc\s?#(?=\s*$)|soc\.?\s?sec|s\.s\.n|seguro social|sécurité sociale|sozialversicherung\p{L}*|previdenza sociale)(?![\p{L}])|社会保障番号|社会安全号|社會安全號|사회보장번호|ソーシャル・?セキュリティ|소셜\s?(?:시큐리티|넘버|번호)`,
  ),
  'u',
);
/**
 * A form's label may be long (`Social Security Number (as on your card, digits only): 226471903`): an SSN word earlier on
 * the line counts when no digit and no end of a question or a clause stands between it and the number.
 */
const SSN_LABEL_REACH = 120;
const LABEL_BREAK = /[\d?？!;]/g;

function ssnLabelled(text: string, start: number): boolean {
  if (SSN_CUE.test(before(text, start, 40))) return true;
  const [lineStart] = lineNear(text, start, start, SSN_LABEL_REACH);
  const label = text.slice(lineStart, start).toLowerCase();
  let from = 0;
  for (const stop of label.matchAll(LABEL_BREAK)) from = stop.index + 1;
  return from < label.length - 40 && SSN_CUE.test(label.slice(from)) && !REFERENCE_CUE.test(before(text, start, 40));
}

/** A personal SSN given as a taxpayer number: `TIN: 123-45-6789` (an EIN is written 12-3456789, an ITIN starts with 9). */
const TAXPAYER_CUE = /(?<![\p{L}\p{N}])(?:tin|taxpayer(?:\s+id\p{L}*|\s+identification)?|tax\s?id|tax\s+identification)(?![\p{L}])/u;
const SSN_CUE_REACH = 90;
const MEDICARE_CUE = /(?<![\p{L}])(?:medicare|hicn|beneficiary|claim number)(?![\p{L}])/u;
/** Everything of an SQL line up to the tuple a value is in. */
const SQL_ROW_HEAD = /^[^]*\bvalues\s*\([^]*\(|^[^]*\bvalues\s*\(/i;
const ADVERTISED_SSNS = new Set(['078051120', '219099999', '123456789']);
/** The SSA set 987-65-4320 through 987-65-4329 aside for advertisements: an ITIN's shape, nobody's number. */
const ADVERTISING_RANGE = /^98765432\d$/;
/** The first area of the IRS's ITINs (900–999), never an SSN's. */
const ITIN_AREA = 900;
/** The groups the IRS issues ITINs in: 50–65, 70–88, 90–92, 94–99. */
const ITIN_GROUP = /^(?:5\d|6[0-5]|7\d|8[0-8]|9[0-2]|9[4-9])$/;
/**
 * Words that name an ITIN (`ITIN`, `individual taxpayer identification number`, the IRS form that applies for one,
 * `W-7`; glued to CJK text too: `我的ITIN号码`): a number of the 900 areas is one only where the text says so.
 */
const ITIN_CUE = /(?<![a-z\d])(?:itins?|individual\s+taxpayer|w-?7)(?![a-z\d])/;
/** "… 917-71-2043 (ITIN)": the word may follow the number in brackets. */
const ITIN_AFTER = /^\s*[(\[]\s*itin\s*[)\]]/i;

/** A number an SSN or ITIN may be: SSNs outside the areas never issued, ITINs in the IRS's groups; no advertised one. */
function ssnIssuable(area: string, group: string, serial: string): boolean {
  const areaNumber = Number(area);
  if (areaNumber === 0 || areaNumber === 666) return false;
  if (areaNumber >= ITIN_AREA ? !ITIN_GROUP.test(group) : group === '00' || serial === '0000') return false;
  const digits = `${area}${group}${serial}`;
  return !ADVERTISED_SSNS.has(digits) && !ADVERTISING_RANGE.test(digits);
}

/**
 * A number of the 900 areas is an ITIN only after a word for one, an SSN or a taxpayer number (`TIN for Henley:`), or
 * before `(ITIN)`; a dashed one without (`Area 900-99-1234`) is a sample or a reference. Nine plain digits need the ITIN
 * word itself: a `TIN` of nine plain digits is as likely an EIN written without its hyphen.
 */
function itinCued(text: string, start: number, end: number, grouped: boolean): boolean {
  const context = before(text, start, SSN_CUE_REACH);
  if (ITIN_CUE.test(context) || ITIN_AFTER.test(text.slice(end, end + 10))) return true;
  return grouped && (SSN_CUE.test(context) || TAXPAYER_CUE.test(before(text, start, 40)));
}

/** Round 28: an ITIN-shaped dashed number in a table column named for one, an SSN or a taxpayer number (see ssn-fields.ts). */
function namesTaxpayerColumn(text: string, start: number, end: number): boolean {
  const header = columnHeader(text, start, end) ?? looseColumnHeader(text, start, end);
  return header !== undefined && (SSN_CUE.test(header) || ITIN_CUE.test(header) || TAXPAYER_CUE.test(header));
}

/** Speakers' tags that open a line of a chat or a transcript: `[client 9:16]`, `<dana>`, `Client:`, `Marcus (9:16):`, `> `, `- `. */
const SPEAKER_TAG = /^\s*(?:\[[^\]\n]{0,40}\]\s*|<[^>\n]{0,30}>\s*|[^\s\d\[\]<>:：()*-][^\n:：()\[\]<>]{0,30}?(?:\s*\([^)\n]{0,20}\))?\s*[:：>]\s+|[>*-]\s+)*/;
/** A few words before the answer ("mine is", "sure, it's", "c'est"), no digits. */
const SHORT_REPLY = /^(?:[^\s\d,:：-]+[\s,]*){0,4}[:：-]?\s*$/;
const REPLY_END = /^[\s.,;!)\]"'”]*$/;
/** How far back in a conversation an SSN word makes a bare nine-digit answer one. */
const CONVERSATION_REACH = 600;
const REPLY_REACH = 80;

/**
 * Nine plain digits as the whole answer of a chat turn (`[client 9:16] 428716020`, `Marcus: mine is 428716020`) after a
 * conversation about SSNs, unless the question just before asks for another number (a member ID, a routing number).
 */
function ssnReply(text: string, start: number, end: number): boolean {
  const [lineStart, lineEnd] = lineNear(text, start, end, REPLY_REACH);
  if (text[lineStart - 1] !== '\n' || !REPLY_END.test(text.slice(end, lineEnd))) return false;
  const reply = text.slice(lineStart, start).replace(SPEAKER_TAG, '');
  if (reply.length > 30 || !SHORT_REPLY.test(reply)) return false;
  const earlier = text.slice(Math.max(0, lineStart - CONVERSATION_REACH), lineStart - 1).toLowerCase();
  if (!SSN_CUE.test(earlier)) return false;
  const question = earlier.slice(earlier.lastIndexOf('\n') + 1).replace(SPEAKER_TAG, '').replace(/[\s?？.!:：]+$/u, '');
  return !REFERENCE_CUE.test(question);
}

/**
 * Files of records on people that US credit and screening firms keyed by SSN exchange (credit bureau batches, background and
 * tenant screening, loan applicants and borrowers): their one column of nine-digit numbers is the SSN.
 */
const IDENTITY_RECORD_CUE =
  /(?<![\p{L}])(?:credit[\s-]bureaus?|credit (?:reports?|pulls?|files?|checks?)|bureau (?:batch|file|report)|experian|equifax|transunion|background (?:checks?|screening)|tenant screening|borrowers?|loan applicants?)(?![\p{L}])/u;
/** How far from a table an SSN word names its column of nine-digit numbers. */
const TABLE_CUE_REACH = 300;
const NINE_DIGITS = /^\d{3}-?\d{2}-?\d{4}$/;

/**
 * A table without a header line (`Imani Brooks\t321519825\t$68,400`) whose column holds nine-digit numbers on every row, in
 * a text that speaks of SSNs right above or below it ("Are SSNs stored without dashes…"); not when another column does too.
 */
function ssnColumn(text: string, start: number, end: number): boolean {
  const block = tableBlock(text, start, end);
  if (block === undefined) return false;
  const nineDigitColumns = block.rows[0].filter((_, column) => block.rows.every((row) => NINE_DIGITS.test(row[column])));
  if (nineDigitColumns.length !== 1) return false;
  const around = `${text.slice(Math.max(0, block.from - TABLE_CUE_REACH), block.from)}\n${text.slice(block.to, block.to + TABLE_CUE_REACH)}`.toLowerCase();
  return SSN_CUE.test(around) || IDENTITY_RECORD_CUE.test(around);
}

/**
 * US SSNs as `123-45-6789` / `123 45 6789` (not right after a reference cue like "Part no."), or nine plain digits after an
 * SSN cue or in a table column whose header is one; never-issued ranges excluded.
 */
export function detectSsns(original: string, found: Detection[]): void {
  const text = asciiWidth(original);
  eachMatch(SSN_GROUPED, text, (match) => {
    const context = before(text, match.index, 40);
    // Whether an SSN word stands before the number, asked once: the (cheap) cue first, the reference words only without one.
    let cueAnswer: boolean | undefined;
    const ssnCued = () => (cueAnswer ??= SSN_CUE.test(before(text, match.index, SSN_CUE_REACH)));
    // "Social Security number ending …: the full number on the claim is …": the SSN word may stand further back than the reference word.
    const suffixed = BENEFICIARY_SUFFIX.test(text.slice(match.index + match[0].length, match.index + match[0].length + 3));
    // A Medicare claim number (`claim number 271-38-4420B`) is a reference of a kind whose digits are the SSN.
    const medicare = suffixed && MEDICARE_CUE.test(before(text, match.index, SSN_CUE_REACH));
    if (!ssnCued() && !TAXPAYER_CUE.test(context) && !medicare && REFERENCE_CUE.test(context)) return;
    if (suffixed && !medicare && !ssnCued()) return;
    // Spaced groups continued by another group of digits (`01 531 14 2290`, `531 14 2290 7`) are one longer number, a phone's.
    const end = match.index + match[0].length;
    if (match[2] === ' ' && (SPACED_GROUP_BEFORE.test(text.slice(Math.max(0, match.index - 6), match.index)) || SPACED_GROUP_AFTER.test(text.slice(end, end + 6))) && !ssnCued()) return;
    if (Number(match[1]) >= ITIN_AREA && !itinCued(text, match.index, end, true) && !namesTaxpayerColumn(text, match.index, end)) return;
    if (ssnIssuable(match[1], match[3], match[4])) found.push({ start: match.index, end, label: 'SSN' });
  });
  eachMatch(SSN_PLAIN, text, (match) => {
    // In a table the header names the column (`employee_id,full_name,ssn` above `10443,Omar Haddad,292665061`), and
    // an SSN column does not make the employee number beside it one: only a cue in the row itself still counts.
    const named = columnHeader(text, match.index, match.index + 9);
    // The text may say what a column of a vague name holds (`tax_id column = SSN/ITIN`).
    const header = named === undefined ? undefined : `${named} ${statedColumnMeaning(text, match.index, named).toLowerCase()}`;
    // The row is the line, or in an SQL statement the tuple (its column list names every column).
    const row = header === undefined ? '' : text.slice(text.lastIndexOf('\n', match.index) + 1, match.index).replace(SQL_ROW_HEAD, '');
    const end = match.index + 9;
    if (Number(match[1]) >= ITIN_AREA) {
      // Round 28: the ITIN word may name the column under a prose-led header (see ssn-fields.ts).
      if (header !== undefined ? !ITIN_CUE.test(`${header} ${row.toLowerCase()}`) : !itinCued(text, match.index, end, false) && !looseHeaderNames(text, match.index, end, ITIN_CUE)) return;
    } else if (header !== undefined ? !SSN_CUE.test(`${header} ${row.toLowerCase()}`) : !ssnLabelled(text, match.index) && !ssnReply(text, match.index, end) && !ssnColumn(text, match.index, end) && !ssnInPayrollRecord(text, match.index, end) && !looseHeaderNames(text, match.index, end, SSN_CUE)) return;
    // Round 28: a bank routing or account number given under its own key after an SSN (`SSN=679-05-4660 BANK_ROUTING=122105155`).
    if (keyedForAnotherNumber(text, match.index, SSN_CUE)) return;
    if (ssnIssuable(match[1], match[2], match[3])) found.push({ start: match.index, end, label: 'SSN' });
  });
  // Round 26: a record's field tagged `SSN` with the digits glued to the tag (`705SSN259668323`, `SSN-259668323`).
  detectGluedSsns(text, found, ssnIssuable);
}
