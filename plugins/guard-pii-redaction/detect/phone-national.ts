/**
 * The acceptance rules of national numbers (written without `+`): the shapes that are never one (dates, amounts, IDs, cards),
 * the digit counts and groupings that need a cue word, the shapes that point to a country or are read out digit by digit, and
 * validity in a region as written (trunk prefix, compiled metadata), plus the reading of an international number that
 * phones.ts and validWithoutPlus share.
 */
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { formatNationalReading, readInternational, readNational, validInternational, validParse, validReading } from './phone-parse.js';
import { formatsWithTrunkZero, mayWriteTrunkZero, plausibleIn } from './phone-plans.js';
import { PHONE_CUE } from './phone-cues.js';

/** A range of years, 2019-2024: never a phone, even grouped 4-4 like one. */
export const YEAR_RANGE = /^(?:19|20)\d\d[ -](?:19|20)\d\d$/;
/** Shapes that libphonenumber may accept for some region but that are dates, SSNs, drug codes (NDC 4-4-2, 5-3-2, 5-4-1) or CPFs. */
/**
 * 2-7 (`12-3456789`) is a US employer number, unless a cue word stands before it and it starts with a trunk 0: an area code
 * and a seven-digit number (Kathmandu `01-4123906`, `02-5123456`).
 */
const EMPLOYER_NUMBER = /^\d{2}-\d{7}$/;
const TRUNK_AREA_HYPHEN = /^0\d-\d{7}$/;
export const NOT_A_NATIONAL_NUMBER = [
  /(?<![\d.])(?:19|20)\d\d[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])(?![\d.])/,
  /(?<![\d.])(?:0?[1-9]|[12]\d|3[01])[./]\s?(?:0?[1-9]|1[0-2])[./]\s?(?:19|20)?\d\d(?![\d.])/,
  /^(?:19|20)\d\d\.\d{1,2}\.\d{1,2}\./, // a dated build, 2024.11.22.1
  /^[1-9]\d?(?:[ .\u00a0]\d{3}){2,}$/, // an amount or a count in thousands, 25 000 000 (0 800 123 456 is a French toll-free number)
  /^(?:19|20)\d\d\/\d+(?:\/\d+)*$/, // a year-led bill or file number, 2026/0318/22
  // Round 25: a bill numbered in its financial year (Indian invoices, `INV/2024-25/0183`, `GST/2023-2024/117`): no phone's grouping.
  /^(?:19|20)\d\d-(?:(?:19|20)?\d\d)\/\d+(?:\/\d+)*$/,
  // Round 25: a US date, month first (`DOB 03/14/1991`), whose day above 12 the day-first shape above does not take.
  /(?<![\d.])(?:0?[1-9]|1[0-2])\/(?:0?[1-9]|[12]\d|3[01])\/(?:19|20)\d\d(?![\d.])/,
  /^\d{3}-\d{2}-\d{4}$/,
  /^\d{4,5}-\d{3,4}-\d{1,2}$/,
  /^\d{3}\.\d{3}\.\d{3}-\d{2}$/, // Brazilian CPF
  /^\d{1,3}(?:\.\d{3,5}){1,3}-\d{1,2}$/, // dotted groups and a check digit: PIS 120.56378.83-1, RG 12.345.678-9, RUT 12.345.678-5
  YEAR_RANGE,
  /^\d{5}-\d{3}$/, // a Brazilian postcode (CEP 01310-100; cep is also Turkish for a mobile)
  /(?:^|\.)\d\.\d\.\d(?:\.|$)/,
  /^[1-9]\d*\/(?:(?:0?[1-9]|1[0-2])\/)?(?:19|20)\d\d$/, // a file or protocol number with its (month and) year, 64284/2026, 771/05/2024
  /^\d+\.\d+$/, // a decimal number, 60451.92251
  /^[1-9]\d{4,}-(?:19|20)\d\d$/, // an order number with its year, 448871-2026
  /^(?:19|20)\d\d([-.])(?:0[1-9]|1[0-2])\1\d{3,6}$/, // a reference led by its year and month, encounter 2024-06-0093 (4-2-4 is no country's phone)
  /^[1-9]\d{1,2}\.0\.\d{3,5}\.\d{1,4}$/, // a browser's version, Chrome/122.0.6261.112 (a dotted phone has no lone 0 group)
  /^(?:19|20)\d\d[ -]\d{5,}$/, // a year and a number, 2025-318804, "in 2024 448213 visitors" (4-6 is no country's grouping of such digits)
  /^\d{8}-\d-\d{2}$/, // a Hungarian tax number, 12345678-2-41
  /^(?=(?:[^0]*0){6})\(?0?[1-9]\d{0,2}\)?(?:[ .-]?0)+$/, // a placeholder, every subscriber digit zero: 0800 000 000, 01 00 00 00 00
  /^[1-9]\d{0,2}(?:\.(?:0|[1-9]\d{0,2})){3}(?:\/\d{1,3})?$/, // a dotted quad, alone or as a CIDR range (51.89.166.0/24): an address, a network or a version
  /^(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\.\d/, // a build or image named by its date, 20240609.1.1
  // A Nordic personal number, a birth date and a serial split 6-4 by a hyphen: Danish CPR and Icelandic kennitala DDMMYY-NNNN,
  // Swedish personnummer YYMMDD-NNNN (no country writes its phones 6-4; German six-digit area codes never read as a date).
  /^(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d\d-\d{4}$/,
  /^\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])-\d{4}$/,
  // A barcode as printed under its bars: UPC-A 1-5-5-1 (`0 48291 73650 2`), EAN-13 1-6-6 (`5 901234 123457`).
  /^\d[ \u00a0-]\d{5}[ \u00a0-]\d{5}[ \u00a0-]\d$/,
  /^\d[ \u00a0]\d{6}[ \u00a0]\d{6}$/,
];
/**
 * How eight-digit national numbers are grouped: 2-2-2-2, 4-4 and the 3-2-3 of Norwegian mobiles (`922 48 317`, never a
 * thousands grouping); 2-3-3 is also how amounts are written, so it needs a cue word, as do eight digits written compact.
 */
export const EIGHT_DIGIT_GROUPS = /^(?:\d{2}(?:[ \u00a0]\d{2}){3}|\d{4}[ \u00a0-]\d{4}|\d{3}[ \u00a0]\d{2}[ \u00a0]\d{3})$/;
export const EIGHT_DIGIT_GROUPS_CUED = /^(?:\d{2}[ \u00a0.-]\d{3}[ \u00a0.-]\d{3}|\d{8})$/;
export const MIN_NATIONAL_DIGITS = 9;
/** Nordic, Gulf, Singapore and Hong Kong numbers have eight digits: a national number that short needs a cue word. */
export const MIN_CUED_NATIONAL_DIGITS = 8;
/** Iceland's numbers have seven digits, written 3-4 (`581 2345`): only after a cue word, in a text that points to Iceland. */
export const ICELANDIC_GROUPS = /^\d{3}[ \u00a0-]\d{4}$/;
/** Round 28: six digits in three pairs or two triples, the Faroese, Greenlandic and Andorran numbers (see phone-short-national.ts). */
export const SIX_DIGIT_GROUPS = /^(?:\d\d[ \u00a0.-]\d\d[ \u00a0.-]\d\d|\d{3}[ \u00a0-]\d{3})$/;
/** A run longer than one number (E.164 allows 15 digits) may hold a number and something else: only then is the matcher asked to look inside. */
export const MAX_DIGITS = 15;
export const MAX_NATIONAL_DIGITS = 12;
const MIN_DIGITS_WITH_COUNTRY_CODE = 11;
/** National numbers are written in groups of two or more digits ("0 800 123 456" has one single digit). */
export const SINGLE_DIGIT_GROUPS = /(?:(?:^|[^\d])\d(?!\d)[^\d]*){3}/;
/** A US ZIP+4 code (`60622-4417`); after a phone cue the same shape is a Brazilian mobile without its area code. */
const ZIP_PLUS_4 = /^\d{5}-\d{4}$/;
/** A separator of a phone number's groups. */
export const SEPARATOR = /[ ().\/\-\u00a0\u2011]/;
export const ALWAYS = () => true;

/** `shortCued`: the text already holds an international number, whose country's eight-digit numbers need no cue word. */
export function acceptNational(raw: string, context: string, shortCued = false, isCued?: () => boolean): boolean {
  // Whether a cue word is before the number is asked last in each check, and once: most numbers are decided by their shape alone.
  let answer: boolean | undefined;
  const cued = () => (answer ??= isCued === undefined ? PHONE_CUE.test(context) : isCued());
  const digits = digitCount(raw);
  if (ZIP_PLUS_4.test(raw) && !cued()) return false;
  if (digits < MIN_CUED_NATIONAL_DIGITS || notANationalNumber(raw)) return false;
  if (digits < MIN_NATIONAL_DIGITS && !shortCued && !cued()) return false;
  if (EMPLOYER_NUMBER.test(raw) && !(TRUNK_AREA_HYPHEN.test(raw) && cued())) return false;
  if (isHyphenatedIsbn13(raw) || isBirthNumber(raw)) return false;
  return SEPARATOR.test(raw) || cued();
}

/** The answer for the number last asked about: acceptNational asks up to three times per number. */
let lastShape = { raw: '', notNational: false };

/**
 * The shapes as two alternations: one pass over a run instead of twenty (the same answer as testing each in turn). Round 24:
 * the shapes anchored at the start apart, so the engine tries them at the run's start only; mixed with the unanchored date
 * shapes they were tried at every position of it.
 */
const alternation = (shapes: readonly RegExp[]) => new RegExp(shapes.map((shape) => `(?:${shape.source})`).join('|'));
const ANCHORED_NOT_NATIONAL = alternation(NOT_A_NATIONAL_NUMBER.filter((shape) => shape.source.startsWith('^')));
const UNANCHORED_NOT_NATIONAL = alternation(NOT_A_NATIONAL_NUMBER.filter((shape) => !shape.source.startsWith('^')));

/**
 * Session 12 (speed only): each unanchored shape (the dates, the dotted single digits) holds a `-`, `/` or `.`, so a run without one (most
 * phones are written with spaces) is none of them and that alternation is not run over it.
 */
function mayHoldUnanchoredShape(raw: string): boolean {
  return raw.includes('-') || raw.includes('/') || raw.includes('.');
}

export function notANationalNumber(raw: string): boolean {
  if (lastShape.raw !== raw) {
    lastShape = { raw, notNational: ANCHORED_NOT_NATIONAL.test(raw) || (mayHoldUnanchoredShape(raw) && UNANCHORED_NOT_NATIONAL.test(raw)) };
  }
  return lastShape.notNational;
}

/**
 * A Czech or Slovak birth number (rodné číslo), `YYMMDD/NNNN`: a date (women's months +50, later series +20) and, with ten
 * digits, divisible by 11. German numbers with a slash after the area code (`030/1234567`) are not of this shape.
 */
function isBirthNumber(raw: string): boolean {
  const match = /^(\d\d)(\d\d)(\d\d)\/(\d{3,4})$/.exec(raw);
  if (match === null) return false;
  const month = Number(match[2]) % 50;
  const day = Number(match[3]);
  if (!((month >= 1 && month <= 12) || (month >= 21 && month <= 32)) || day < 1 || day > 31) return false;
  if (match[4].length === 3) return true;
  const number = Number(`${match[1]}${match[2]}${match[3]}${match[4]}`);
  return number % 11 === 0 || (Math.floor(number / 10) % 11 === 10 && number % 10 === 0);
}

/** 978-/979- and a valid ISBN-13 check digit, written with hyphens: a book, not a phone. */
function isHyphenatedIsbn13(raw: string): boolean {
  const digits = raw.replace(/\D/g, '');
  if (!raw.includes('-') || digits.length !== 13 || !/^97[89]/.test(digits)) return false;
  let sum = 0;
  for (let at = 0; at < 13; at += 1) sum += (digits.charCodeAt(at) - 48) * (at % 2 === 0 ? 1 : 3);
  return sum % 10 === 0;
}

/**
 * 13–19 digits in groups of four (the last shorter) or 4-6-5: a card number, valid or not, never a phone; longer runs
 * in fours are account numbers and IBAN bodies, where the matcher would look for a phone in vain.
 */
export function groupedLikeACard(raw: string, digits: number): boolean {
  if (digits < 13) return false;
  const groups = digitGroupLengths(raw);
  if (groups === undefined) return false;
  const fours = groups.length >= 3 && groups.slice(0, -1).every((length) => length === 4) && groups[groups.length - 1] <= 4;
  return fours || (digits <= 19 && groups.length === 3 && groups[0] === 4 && groups[1] === 6);
}

/**
 * Session 12 (speed only): the lengths of the groups of `raw` split at runs of spaces, hyphens and no-break spaces, undefined when one is
 * not all ASCII digits (a character of another kind, or an empty group before a leading or after a trailing separator): what
 * `raw.split(/[ \-\u00a0]+/)` and a `/^\d+$/` test of each group said, read in one pass instead of a regex try per character.
 */
export function digitGroupLengths(raw: string): number[] | undefined {
  const lengths: number[] = [];
  let length = 0;
  for (let at = 0; at < raw.length; at += 1) {
    const code = raw.charCodeAt(at);
    if (code >= 48 && code <= 57) length += 1;
    else if (code !== 32 && code !== 45 && code !== 0xa0) return undefined;
    else if (length > 0) {
      lengths.push(length);
      length = 0;
    } else if (at === 0) return undefined;
  }
  if (length === 0) return undefined;
  lengths.push(length);
  return lengths;
}

/**
 * A national run that no reading below can keep, whatever its context: one grouped like a card or in single digits, seven
 * digits not grouped the Icelandic way (too short for any other reading), or a shape that is never a national number
 * (acceptNational refuses it, with or without a cue). The Icelandic and eight-digit readings come first below and take
 * shapes of their own (`12.345.678` is an amount and, after a cue, a Danish number), so those shapes are left to them.
 */
export function neverNationalByShape(region: string, digits: number): boolean {
  if (digits === 7 && ICELANDIC_GROUPS.test(region)) return false;
  if (digits === 6 && SIX_DIGIT_GROUPS.test(region)) return false;
  if (digits === 8 && (EIGHT_DIGIT_GROUPS.test(region) || EIGHT_DIGIT_GROUPS_CUED.test(region))) return false;
  return digits < MIN_CUED_NATIONAL_DIGITS || SINGLE_DIGIT_GROUPS.test(region) || groupedLikeACard(region, digits) || notANationalNumber(region);
}

const AREA_IN_PARENTHESES = /^\([1-9]\d{0,2}\)/;
const TRUNKLESS_PARENTHESES: ReadonlySet<CountryCode> = new Set(['HU', 'AR']);
/** An area code written as a group of its own before the number (Buenos Aires `11 4182-7736`, Córdoba `351 422-1876`). */
const AREA_GROUP_FIRST = /^[1-9]\d{1,3}[ \u00a0]\d/;
/** Where the area code is written without the trunk prefix as a group of its own as often as with it. */
const TRUNKLESS_AREA_GROUP: ReadonlySet<CountryCode> = new Set(['AR']);
/** Where mobile numbers are written without the trunk 0 as often as with it ("98765 43210"). */
const OPTIONAL_TRUNK: ReadonlySet<CountryCode> = new Set(['IN']);

/**
 * A Brazilian mobile as Brazilians write it, `(11) 98472-3150`: a two-digit area code in parentheses, then nine digits from 9
 * split 5-4 by a hyphen. No other country writes that shape, so it points to Brazil when the text around it does not.
 */
const BRAZILIAN_MOBILE = /^\([1-9]\d\) ?9\d{4}-\d{4}$/;

/**
 * Mexico's three metropolitan areas (Mexico City 55 and 56, Guadalajara 33, Monterrey 81) write their ten digits 2-4-4,
 * `55 4782 1930`, the other areas 3-3-4: the shape points to Mexico when the text around it does not.
 */
const MEXICAN_METRO = /^(?:55|56|33|81) \d{4} \d{4}$/;

/** The countries a national number's own written shape points to. */
export function regionsOfShape(window: string): readonly CountryCode[] {
  if (BRAZILIAN_MOBILE.test(window)) return ['BR'];
  return MEXICAN_METRO.test(window) ? ['MX'] : [];
}

/**
 * A number read out digit by digit, as a voicemail or call transcript writes it (`call us back at 8 6 5 4 4 2 1 9 0 7`): single
 * digits between single spaces. Such a run is a phone only after a cue word; scores, grids and lottery draws have none.
 */
export const DICTATED_DIGITS = /^\d(?: \d){6,14}$/;

/** DICTATED_DIGITS, asked only of a run whose second character is a space (session 12, speed only: most runs are not dictated). */
export function isDictated(run: string): boolean {
  return run.charCodeAt(1) === 32 && DICTATED_DIGITS.test(run);
}

/**
 * Valid for `region` as written: where the national format starts with a trunk prefix 0 (DE, GB, FR…),
 * the written number must too; libphonenumber would otherwise read "7946 2108 4321" as a German number.
 */
export function validNational(raw: string, region: CountryCode): boolean {
  const digits = digitsOf(raw);
  // Where an area code in parentheses or as its own group is written without the trunk prefix (Budapest `(1) 342 7819`, Buenos
  // Aires `(11) 4567-8901`, `11 4567-8901`).
  const trunkWritten =
    digits.startsWith('0') ||
    OPTIONAL_TRUNK.has(region) ||
    (TRUNKLESS_PARENTHESES.has(region) && AREA_IN_PARENTHESES.test(raw)) ||
    (TRUNKLESS_AREA_GROUP.has(region) && AREA_GROUP_FIRST.test(raw));
  if ((!trunkWritten && formatsWithTrunkZero(region)) || !plausibleIn(digits, region)) return false;
  // The parse is read from the compiled metadata (phone-parse.ts) where it can be; the library parses the rest.
  return (PLAIN_NATIONAL.test(raw) ? validReadingOf(digits, region, trunkWritten) : undefined) ?? parsedValidNational(raw, region, trunkWritten);
}

/** validNational's checks after the parse, on the compiled metadata's reading of the digits: undefined where the library must parse. */
function validReadingOf(digits: string, region: CountryCode, trunkWritten: boolean): boolean | undefined {
  const reading = readNational(digits, region);
  if (reading === undefined) return undefined;
  if (reading === null || !validReading(reading)) return false;
  // The format is asked only where it may start with a 0 the number was written without: a national number that starts with one
  // (Italy's, read from a number that starts with its calling code), or a trunk prefix or a formatting rule with one.
  if (trunkWritten || (!mayWriteTrunkZero(region) && !reading.nationalNumber.startsWith('0'))) return true;
  return !formatNationalReading(reading).replace(/\D/g, '').startsWith('0');
}

/** ASCII digits and the separators of a phone run, no `+`: what readNational reads as libphonenumber's parse would. */
const PLAIN_NATIONAL = /^[\d ().\/\-\u00a0\u2011]+$/;

/** validNational's checks after the parse, on libphonenumber's own parse. */
function parsedValidNational(raw: string, region: CountryCode, trunkWritten: boolean): boolean {
  const phone = parsePhoneNumberFromString(raw, region);
  if (phone === undefined || !validParse(phone)) return false;
  return trunkWritten || (!mayWriteTrunkZero(region) && !phone.nationalNumber.startsWith('0')) || !phone.formatNational().replace(/\D/g, '').startsWith('0');
}

/**
 * Whether some number written with these digits and the separators of a phone run could pass validNational in the region: its
 * checks on the digits alone, counting the trunk prefix as written wherever the way of writing the area code may stand for it
 * (where only the library's parse can say, yes). The matcher is asked only where some run of a window's groups may be valid.
 */
export function mayBeValidIn(digits: string, region: CountryCode): boolean {
  const trunkWritten = digits.startsWith('0') || OPTIONAL_TRUNK.has(region) || TRUNKLESS_PARENTHESES.has(region) || TRUNKLESS_AREA_GROUP.has(region);
  if ((!trunkWritten && formatsWithTrunkZero(region)) || !plausibleIn(digits, region)) return false;
  return validReadingOf(digits, region, trunkWritten) ?? true;
}

/** After a cue word, `254 722 408815`: an international number written without its `+` (never a national number of any region tried). */
export function validWithoutPlus(window: string, digits: number): boolean {
  if (digits < MIN_DIGITS_WITH_COUNTRY_CODE || digits > MAX_DIGITS || !/^[1-9][\d \-.]*$/.test(window)) return false;
  return readPlus(`+${window}`).valid;
}

/** A `+`, then ASCII digits and the separators of a phone run: what readInternational reads as libphonenumber's parse would. */
const PLAIN_INTERNATIONAL = /^\(?\+[\d ().\/\-\u00a0\u2011]*$/;

/** Whether an international number is valid, and the country a parse assigns it (valid or not), read as libphonenumber reads it. */
export function readPlus(written: string): { valid: boolean; country: CountryCode | undefined } {
  // Without a `+` (a run of `000…`) and without a default region, libphonenumber finds no calling code, so no number.
  if (!written.includes('+')) return { valid: false, country: undefined };
  const reading = PLAIN_INTERNATIONAL.test(written) ? readInternational(written.replace(/\D/g, '')) : undefined;
  if (reading === null) return { valid: false, country: undefined };
  if (reading !== undefined) return { valid: validInternational(reading), country: reading.region };
  const phone = parsePhoneNumberFromString(written);
  return { valid: phone !== undefined && validParse(phone), country: phone?.country };
}

/** The digits of the number last asked about: validNational asks for each region it tries, in a row. */
let lastDigits = { raw: '', digits: '' };

function digitsOf(raw: string): string {
  if (lastDigits.raw !== raw) lastDigits = { raw, digits: raw.replace(/\D/g, '') };
  return lastDigits.digits;
}

export function digitCount(text: string): number {
  let count = 0;
  for (let at = 0; at < text.length; at += 1) if (text.charCodeAt(at) >= 48 && text.charCodeAt(at) <= 57) count += 1;
  return count;
}
