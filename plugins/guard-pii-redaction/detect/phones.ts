import { type CountryCode, findPhoneNumbersInText } from 'libphonenumber-js/max';
import { columnHeader, isRecordField, lineNear } from './columns.js';
import { before, type Detection, eachMatch } from './detection.js';
import { luhnValid } from './checksums.js';
import { afterIbanHead, bankAccountRun } from './financial.js';
import { inVersionList, VERSION_CUE } from './network.js';
import { appRegions } from './phone-apps.js';
import { CUE_AFTER, CUE_AFTER_REACH, greekMobileInGreekText, joinedToPhoneBefore, onCallBefore, PHONE_CUE } from './phone-cues.js';
import {
  acceptNational,
  ALWAYS,
  digitCount,
  EIGHT_DIGIT_GROUPS,
  EIGHT_DIGIT_GROUPS_CUED,
  groupedLikeACard,
  isDictated,
  MAX_DIGITS,
  MAX_NATIONAL_DIGITS,
  mayBeValidIn,
  MIN_NATIONAL_DIGITS,
  neverNationalByShape,
  readPlus,
  regionsOfShape,
  SEPARATOR,
  SINGLE_DIGIT_GROUPS,
  validNational,
  validWithoutPlus,
  YEAR_RANGE,
} from './phone-national.js';
import { groupRuns, reportedRuns } from './phone-matcher-runs.js';
import { formatsWithTrunkZero, plausibleIn } from './phone-plans.js';
import { CUED_REGIONS, EIGHT_DIGIT_REGIONS, RegionHints } from './phone-regions.js';
import { shortNationalCountry, sixDigitCandidate } from './phone-short-national.js';
import { IDENTITY_MENTION, REFERENCE_CUE, SAMPLE_CUE } from './reference.js';
import { asciiWidth } from './width.js';

/**
 * Runs of digits and phone punctuation with at least 7 digits: the only places libphonenumber is asked to look.
 * An extension ("ext. 42", "x204") is not part of the value: the number alone reaches the person. A run glued to
 * a code before or after it (`BLK-415-738-2671`, `415-738-2671-BLK`) is part of that code; a Nguni locative prefix
 * (`ku-082 …`, `e-011 …`) is not a code. Up to 34 characters: two numbers of a list (`030 298 1147 / 03 231 88 14`) are one run.
 */
const PHONE_REGION = /(?:\(?\+|(?<![\w+#]|\w(?<!(?:^|[^\w-])(?:ku|ka|kwa|ko|e|ngo|nge))-)\(?)\d[\d ().\/\-\u00a0\u2011]{5,32}\d(?!\d|[-\u2011.\/][A-Za-z0-9]|[A-Za-z_])/g;
const INTERNATIONAL = /^\(?(?:\+|00)/;
/**
 * Numbers reserved for fiction, which libphonenumber calls invalid but which are written as phone numbers all the
 * same: North American 555 (area code or exchange 555-01xx is valid already), UK drama mobiles 07700 900xxx.
 */
const FICTIONAL = /^(?:1?555\d{7}|(?:44|0)7700900\d{3})$/;
/**
 * Arabic-Indic, Persian and full-width digits, full-width punctuation, thin spaces and dashes, read as their ASCII counterparts
 * (one code unit each). An en or em dash between spaces separates the items of a list (`Jomar – (02) 8724 3019 – 14 Rizal St.`),
 * so it stays a dash that ends a number.
 */
const WIDE_DIGITS = /[\u0660-\u0669\u06f0-\u06f9\uff10-\uff19\uff08\uff09\uff0b\uff0d\u3000\u2009\u202f\u2010-\u2015]/g;
const SPACE = /\s/;

function asciiDigits(text: string): string {
  return text.replace(WIDE_DIGITS, (char, at: number) => {
    const code = char.charCodeAt(0);
    if (code >= 0x2013 && code <= 0x2015 && SPACE.test(text[at - 1] ?? '') && SPACE.test(text[at + 1] ?? '')) return char;
    if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660);
    if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0);
    if (code >= 0xff10 && code <= 0xff19) return String(code - 0xff10);
    if (code >= 0x2010 && code <= 0x2015) return '-';
    return { '\uff08': '(', '\uff09': ')', '\uff0b': '+', '\uff0d': '-', '\u3000': ' ', '\u2009': ' ', '\u202f': ' ' }[char] ?? char;
  });
}
const IBAN_COUNTRY = /(?<![A-Za-z0-9])([A-Z]{2})\d{2}[ ]?\d{4}[ ]?\d{4}/g;
/** An amount or a count: the number followed by a currency or a unit. */
const AMOUNT_AFTER = /^\s?(?:kr\b|,-|nok|dkk|sek|eur|usd|€|\$|£|dt\b|tnd|qar|kwd|bhd|omr|sgd|hkd|min|minut|calls|users|units|stk|pcs|personer|people|items|kunder|brukere)/i;
/** Any national number followed by a currency is an amount: `33 1847 2290 pesos`, `4 500 000 soles`, `1 200 300 MXN`. */
const CURRENCY_AFTER = /^\s?(?:pesos?\b|soles\b|reais\b|euros?\b|dollars?\b|dólares\b|rupees?\b|rupiah\b|rp\b|lei\b|forint\b|ft\b|(?:mxn|cop|clp|ars|pen|brl|idr|inr|ron|huf|try|eur|usd|gbp)\b|€|\$|£|₹|₽|₺)/i;
/** The matcher costs ~60 µs a run: a text full of digit runs (a CSV of amounts) gets this many looks inside, then parses only. */
const MATCHER_BUDGET = 32;

const IMAGE_BEFORE = /(?<![\p{L}])(?:image|img|tag|rev\.?|revision)\s*[:=]?\s*$/u;
/** Words before a dotted run that make it a version, a build or an image rather than a phone: network.ts's version words, image and tag. */
const VERSION_BEFORE = {
  test: (context: string): boolean => VERSION_CUE.test(context) || IMAGE_BEFORE.test(context),
};

/**
 * A Brazilian CPF written without separators (eleven digits, two mod-11 check digits): a Pix key or a taxpayer number, not a
 * phone, when only an app's name (not a phone word) is near.
 */
function isCpf(window: string): boolean {
  if (!/^\d{11}$/.test(window) || /^(\d)\1{10}$/.test(window)) return false;
  const check = (length: number) => {
    let sum = 0;
    for (let at = 0; at < length; at += 1) sum += (window.charCodeAt(at) - 48) * (length + 1 - at);
    return ((sum * 10) % 11) % 10 === window.charCodeAt(length) - 48;
  };
  return check(9) && check(10);
}

/** A Canadian SIN as it is printed, 3-3-3 (its check digit is Luhn's). */
const SIN_GROUPS = /^\d{3}([ \u00a0-])\d{3}\1\d{3}$/;
const IDENTITY_REACH = 160;
const SIN_WORD = /(?<![a-zà-ÿ])(?:sins?|nas|social insurance|assurance sociale)(?![a-zà-ÿ])/i;

/**
 * A number the line presents as the sample or the format of an identity number ("the SIN format is 3-3-3, the CRA sample uses
 * 046 454 286", "NAS, p. ex. …"), or a SIN after one is named: an identity number, not a phone.
 */
function identityNumber(text: string, start: number, raw: string): boolean {
  const [lineStart] = lineNear(text, start, start, IDENTITY_REACH);
  const sample = SAMPLE_CUE.test(text.slice(Math.max(lineStart, start - 25), start));
  const sin = !sample && SIN_GROUPS.test(raw) && luhnValid(raw.replace(/\D/g, ''));
  if (!sample && !sin) return false;
  const line = text.slice(lineStart, start);
  return sample ? IDENTITY_MENTION.test(line) : SIN_WORD.test(line);
}

const RECORD_REACH = 300;

/** Whether a detection of one of `labels` stands on the line of `[start, end)`. */
function onLine(text: string, start: number, end: number, found: readonly Detection[], labels: readonly string[]): boolean {
  if (!found.some((other) => labels.includes(other.label) && Math.abs(other.start - start) < RECORD_REACH)) return false;
  const [lineStart, lineEnd] = lineNear(text, start, end, RECORD_REACH);
  return found.some((other) => labels.includes(other.label) && other.start >= lineStart && other.end <= lineEnd);
}

/** A whole field of a record (`,'0645219873',`) on a line that also holds an e-mail address or an IBAN. */
function recordWithContact(text: string, start: number, end: number, found: readonly Detection[]): boolean {
  return onLine(text, start, end, found, ['EMAIL', 'IBAN']) && isRecordField(text, start, end);
}

/** A spaced hyphen and one to three digits ending a run. */
const LIST_TAIL = / +- +\d{1,3}$/;

/** Inside a UPS tracking code (`1Z 4F8 A73 03 9182 7745`) a run of digits is part of the code. */
const INSIDE_UPS_TRACKING = /(?<![a-z0-9])1z(?:\s?[0-9a-z]{1,6})*\s?$/;

/** How far (characters) an international number's country reaches: the national numbers around it are tried in that country. */
const NEAR_INTERNATIONAL = 200;

function countOf(text: string, char: string): number {
  let count = 0;
  for (let at = text.indexOf(char); at >= 0; at = text.indexOf(char, at + 1)) count += 1;
  return count;
}

/**
 * Eight digits grouped the way Denmark, Norway, Singapore, Hong Kong, the Gulf, the Baltics or Central America write
 * their numbers (`40 86 44 52`, `6123 4567`), valid in one of those countries the text points to (its language,
 * places, domains) or the binding names; 2-3-3 (`21 904 817`) also reads as an amount, so it needs a cue word too.
 */
function eightDigitNational(
  raw: string,
  text: string,
  start: number,
  end: number,
  isCued: () => boolean,
  regions: readonly CountryCode[],
  seen: CountryCode[],
  only?: readonly CountryCode[],
): boolean {
  if ((!EIGHT_DIGIT_GROUPS.test(raw) && !EIGHT_DIGIT_GROUPS_CUED.test(raw)) || YEAR_RANGE.test(raw)) return false;
  if (AMOUNT_AFTER.test(text.slice(end, end + 8))) return false;
  // After an app's name, only the countries the app serves.
  if (only !== undefined) return only.some((region) => EIGHT_DIGIT_REGIONS.has(region) && validNational(raw, region));
  // A text that already held a number of the country is a contact list of it: its 2-3-3 numbers need no cue of their own.
  // Session 12 (speed only): whether a cue word is near is asked only here, of a number of an eight-digit shape that is no amount and
  // not grouped like one (a grouped number needs none).
  const groupedOrCued = EIGHT_DIGIT_GROUPS.test(raw) || isCued();
  // An IBAN of the country before the number (`Faktura til NO93…, spørsmål til 412 34 567`) is an earlier number of it too.
  if (!groupedOrCued) for (const iban of text.slice(0, start).matchAll(IBAN_COUNTRY)) if (!seen.includes(iban[1] as CountryCode)) seen.push(iban[1] as CountryCode);
  // Uncued numbers not grouped like one are read only in the countries of earlier numbers: the text's hints are not needed.
  const country = firstRegion([seen, regions, groupedOrCued ? () => regionHints(text, start, end) : []], (region) => {
    return EIGHT_DIGIT_REGIONS.has(region) && (groupedOrCued || seen.includes(region)) && validNational(raw, region);
  });
  if (country === undefined) return false;
  if (!seen.includes(country)) seen.unshift(country);
  return true;
}

/** The hints of the number last asked about: the eight-digit, Icelandic and national checks of one number all ask. */
let lastHints: { text: string; start: number; end: number; regions: RegionHints } | undefined;

function regionHints(text: string, start: number, end: number): RegionHints {
  if (lastHints === undefined || lastHints.text !== text || lastHints.start !== start || lastHints.end !== end) {
    lastHints = { text, start, end, regions: new RegionHints(text, start, end) };
  }
  return lastHints.regions;
}

/** The matcher finds numbers inside a run that also holds other digits ("+44 20 7946 0958 2024"). */
function matchInside(window: string, country: CountryCode | undefined, accept: (raw: string, at: number) => boolean): Array<[number, number]> {
  return findPhoneNumbersInText(window, country ? { defaultCountry: country } : {})
    .filter((number) => accept(window.slice(number.startsAt, number.endsAt), number.startsAt))
    .map((number) => [number.startsAt, number.endsAt]);
}

/** Regions to try, in order; a list given as a function (the text's hints) is read only when the regions before it all failed. */
type RegionList = readonly CountryCode[] | (() => Iterable<CountryCode>);

/**
 * The first region `valid` accepts, each tried once. The lists are the binding's regions, the countries earlier numbers of
 * this text belonged to (a contact list is mostly of one country), those of international numbers near it, the countries the
 * text around the number points to, then (after a cue word) the common ones.
 */
function firstRegion(lists: readonly RegionList[], valid: (region: CountryCode) => boolean): CountryCode | undefined {
  const tried = new Set<CountryCode>();
  for (const list of lists) {
    for (const region of typeof list === 'function' ? list() : list) {
      if (tried.has(region)) continue;
      tried.add(region);
      if (valid(region)) return region;
    }
  }
  return undefined;
}

/**
 * Phone numbers, parsed and validated by libphonenumber-js (full metadata). International
 * numbers (`+` or `00`) count anywhere; a national number counts when it is written with separators
 * or follows a cue word ("call", "Telefon", "телефон", "电话"...), so a bare 10-digit order number does not,
 * and is valid for one of `regions`, for a country the text around it points to (script, place names,
 * domains, currency; see phone-regions.ts) or, after a cue word, for one of the common countries.
 * Cheap checks run first; a whole run is parsed before the (slower) matcher looks inside it.
 */
export function createPhoneDetector(regions: readonly CountryCode[]) {
  return (original: string, found: Detection[]): void => {
    const text = asciiDigits(asciiWidth(original));
    const seen: CountryCode[] = [];
    const firstNew = found.length;
    let matcherBudget = MATCHER_BUDGET;
    // International numbers first (each kind in text order): their countries are the ones the text's national numbers are tried in first.
    const internationalRuns: RegExpExecArray[] = [];
    const nationalRuns: RegExpExecArray[] = [];
    eachMatch(PHONE_REGION, text, (region) => void (INTERNATIONAL.test(region[0]) ? internationalRuns : nationalRuns).push(region));
    const regionsOfText = [...internationalRuns, ...nationalRuns];
    const internationals: Array<{ at: number; country: CountryCode }> = [];
    for (const match of regionsOfText) {
      // An opening parenthesis without its closing one inside the run wraps the number: `(+62 817 345 355)`, `（090-…）`.
      const unwrapped = match[0].startsWith('(') && !match[0].includes(')');
      let region = unwrapped ? match[0].slice(1) : match[0];
      // A spaced hyphen before one to three digits separates a list item (`(02) 8724 3019 - 14 Rizal St.`, `… - 3 pax`).
      const listTail = region.includes(' - ') ? LIST_TAIL.exec(region) : null;
      if (listTail !== null && digitCount(region.slice(0, listTail.index)) >= 7) region = region.slice(0, listTail.index);
      const digits = digitCount(region);
      if (digits < 7 && !(digits === 6 && sixDigitCandidate(region, text, match.index))) continue; // Round 28: six-digit plans, see phone-short-national.ts
      const offset = match.index + (unwrapped ? 1 : 0);
      const end = offset + region.length;
      // Round 26: a run over a value another detector found (a card, an IBAN, an address) is skipped before its shape is read.
      if (found.some((other) => other.start < end && offset < other.end)) continue;
      const isInternational = INTERNATIONAL.test(region) && !(region.startsWith('00') && bankAccountRun(region, text, offset)); // Round 28: see bankAccountRun
      const dictated = !isInternational && digits <= MAX_NATIONAL_DIGITS && isDictated(region);
      // Most national runs are dates, amounts, card and ID numbers, decided by their shape before their context is read.
      if (!isInternational && !dictated && neverNationalByShape(region, digits)) continue;
      // A field of a table is read with its column's header (`phone`, `order_id`), not with the fields before it.
      const header = columnHeader(text, offset, end);
      const context = header === undefined ? before(text, offset, 30) : `${header}: `;
      if (REFERENCE_CUE.test(context) || INSIDE_UPS_TRACKING.test(context)) continue;
      const window = region.replace(/^00(?=[1-9])/, '+');
      const shift = region.length - window.length;
      const push = ([start, end]: [number, number]) =>
        found.push({ start: start === 0 ? offset : offset + start + shift, end: offset + end + shift, label: 'PHONE' });
      if (isInternational) {
        const parsed = readPlus(window);
        if (parsed.valid || FICTIONAL.test(window.replace(/\D/g, ''))) {
          push([0, window.length]);
          if (parsed.country) internationals.push({ at: offset, country: parsed.country });
        } else if (digits > MAX_DIGITS && matcherBudget-- > 0 && window.includes('+')) {
          // Only a number written with its `+` is kept (a run that starts `000…` holds none).
          matchInside(window, undefined, (raw, at) => raw.startsWith('+') && !REFERENCE_CUE.test(before(text, offset + at, 30))).forEach(push);
        }
        continue;
      }
      // Whether a cue word is before the number (or a German call-back word after it), asked only where the answer decides something.
      let cuedAnswer: boolean | undefined;
      const isCued = () =>
        (cuedAnswer ??=
          PHONE_CUE.test(context) ||
          CUE_AFTER.test(text.slice(end, end + CUE_AFTER_REACH)) ||
          joinedToPhoneBefore(text, offset, found) ||
          greekMobileInGreekText(text, offset, region) ||
          onCallBefore(text, offset));
      if (dictated) {
        const hints = () => regionHints(text, offset, end);
        if (isCued() && firstRegion([regions, seen, hints, CUED_REGIONS], (candidate) => validNational(window, candidate)) !== undefined) push([0, window.length]);
        continue;
      }
      if (digits <= 7 && shortNationalCountry(region, context, regions, () => regionHints(text, offset, end), isCued) !== undefined) {
        push([0, window.length]);
        continue;
      }
      // A version, a build or a section (`fw 3.2.0.14`, `image 20240609.1.1`), and the body of an IBAN, even one that fails mod 97.
      if ((window.includes('.') && VERSION_BEFORE.test(context)) || afterIbanHead(text, offset)) continue;
      // The countries of a payment or messaging app named nearby (M-PESA, Vipps, Orange Money, bKash, zap…), tried when nothing else made the number one.
      let apps: CountryCode[] | undefined;
      const byApp = () => (apps ??= isCued() ? [] : appRegions(text, offset, end));
      if (digits === 8 && eightDigitNational(region, text, offset, end, isCued, regions, seen)) {
        push([0, window.length]);
        continue;
      }
      if (CURRENCY_AFTER.test(text.slice(end, end + 10))) continue;
      if (digits === 8 && (EIGHT_DIGIT_GROUPS.test(region) || EIGHT_DIGIT_GROUPS_CUED.test(region)) && byApp().length > 0 && eightDigitNational(region, text, offset, end, ALWAYS, regions, seen, byApp())) {
        push([0, window.length]);
        continue;
      }
      const near = internationals.filter(({ at }) => Math.abs(at - offset) <= NEAR_INTERNATIONAL).map(({ country }) => country);
      if (SINGLE_DIGIT_GROUPS.test(region) || groupedLikeACard(region, digits)) continue;
      // A whole field of a record that holds an e-mail address or an IBAN (an SQL row, a CSV line) is a contact's field: a
      // number written without separators needs no cue word there, but is tried only in the countries the text points to.
      let inRecord = false;
      // A text that already holds a number of a country (an international one near, a national one before) is a contact list of
      // it: its eight-digit numbers (`(1) 342 7819` after a Hungarian mobile) need no cue word, but are read only in that country.
      if (
        !acceptNational(region, context, near.length > 0 || seen.length > 0, isCued) &&
        !(inRecord = digits >= MIN_NATIONAL_DIGITS && !SEPARATOR.test(window) && !isCued() && recordWithContact(text, offset, end, found) && acceptNational(region, context, near.length > 0, ALWAYS))
      ) {
        if (digits <= MAX_NATIONAL_DIGITS && acceptNational(region, context, false, ALWAYS) && !isCued() && !isCpf(window) && byApp().length > 0) {
          const country = byApp().find((candidate) => validNational(window, candidate));
          if (country !== undefined) {
            if (!seen.includes(country)) seen.unshift(country);
            push([0, window.length]);
          }
        }
        continue;
      }
      const balanced = countOf(window, '(') === countOf(window, ')');
      if (balanced && digits <= MAX_NATIONAL_DIGITS) {
        // An uncued eight-digit number is read only in the countries of the international numbers near it and of the numbers before it.
        const nearOnly = digits < MIN_NATIONAL_DIGITS && !isCued();
        const hints = () => regionHints(text, offset, end);
        const country = firstRegion([regions, seen, near, nearOnly ? [] : hints, regionsOfShape(window), () => (isCued() ? CUED_REGIONS : [])], (candidate) => {
          if ((nearOnly && !near.includes(candidate) && !seen.includes(candidate)) || !validNational(window, candidate)) return false;
          // A record's bare number is read in the binding's countries only where they write a trunk 0 (`0645…`): a ten-digit
          // customer number is a valid North American number as often as not.
          // A record that holds an SSN is a US person's: its ten-digit field is their phone.
          return !inRecord || formatsWithTrunkZero(candidate) || seen.includes(candidate) || near.includes(candidate) || hints().includes(candidate) || (candidate === 'US' && onLine(text, offset, end, found, ['SSN']));
        });
        let pushed = country !== undefined;
        if (country !== undefined) {
          if (!regions.includes(country) && !seen.includes(country)) seen.unshift(country);
          push([0, window.length]);
        }
        if (!pushed && !isCpf(window)) {
          const country = byApp().find((candidate) => validNational(window, candidate));
          if (country !== undefined) {
            if (!seen.includes(country)) seen.unshift(country);
            push([0, window.length]);
            pushed = true;
          }
        }
        if (!pushed && (FICTIONAL.test(window.replace(/\D/g, '')) || (isCued() && validWithoutPlus(window, digits)))) push([0, window.length]);
        continue;
      }
      if (isCued() && validWithoutPlus(window, digits)) {
        push([0, window.length]);
        continue;
      }
      // Inside a run without separators only a cue word makes a number national (see acceptNational).
      if ((!SEPARATOR.test(window) && !isCued()) || matcherBudget-- <= 0) continue;
      const runs = groupRuns(window);
      const taken: Array<[number, number]> = [];
      let left = digits;
      firstRegion([regions, seen, () => regionHints(text, offset, end)], (candidate) => {
        if (!runs.some((run) => mayBeValidIn(run, candidate))) return false;
        const reported = reportedRuns(window, (group) => plausibleIn(group, candidate));
        if (reported !== undefined && !reported.some((run) => mayBeValidIn(run, candidate))) return false;
        const inside = matchInside(window, candidate, (raw, at) => acceptNational(raw, before(text, offset + at, 30)) && validNational(raw, candidate));
        for (const span of inside) {
          // The matcher's span may start at the space before the number.
          while (window[span[0]] === ' ') span[0] += 1;
          if (!taken.every(([start, stop]) => span[1] <= start || span[0] >= stop)) continue;
          taken.push(span);
          push(span);
          left -= digitCount(window.slice(span[0], span[1]));
        }
        // Numbers of two countries in one run (`030 298 1147 / 03 231 88 14`): the next regions are asked for the rest.
        return taken.length > 0 && left < 7;
      });
    }
    // Asked only of the national numbers kept: one the line presents as a sample identity number (or a SIN after a SIN word),
    // and a dotted one in a list of versions under a heading ("Firmware versions: router 10.2.1.1234, …"), is none.
    for (let at = found.length - 1; at >= firstNew; at -= 1) {
      const { start, end, label } = found[at];
      const raw = text.slice(start, end);
      if (label !== 'PHONE' || INTERNATIONAL.test(raw)) continue;
      const sample = identityNumber(text, start, raw) && !PHONE_CUE.test(before(text, start, 30));
      if (sample || (raw.includes('.') && inVersionList(text, start))) found.splice(at, 1);
    }
  };
}
