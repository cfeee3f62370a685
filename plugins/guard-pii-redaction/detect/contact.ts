import { type CountryCode, findPhoneNumbersInText, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { before, type Detection, eachMatch, REFERENCE_CUE } from './detection.js';

/** Any script: the whole run of address characters around an `@`, so a glued neighbour shows up as script mixing. */
const EMAIL = /(?<![\p{L}\p{N}._%+'-])[\p{L}\p{N}_%+'-]+(?:\.[\p{L}\p{N}_%+'-]+)*@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)*\.\p{L}{2,24}(?![\p{L}\p{N}-]|\.[\p{L}\p{N}])/gu;
/**
 * Latin script only (ASCII plus accented letters, `zoë@exämple.de`), ending in an ASCII TLD: it stops where
 * Japanese, Chinese, Arabic or Cyrillic text is glued to the address without a space ("…は tanaka@example.co.jpです").
 */
const LATIN_EMAIL =
  /(?<![\p{Script=Latin}\p{N}._%+'-])[\p{Script=Latin}\p{N}_%+'-]+(?:\.[\p{Script=Latin}\p{N}_%+'-]+)*@[\p{Script=Latin}\p{N}](?:[\p{Script=Latin}\p{N}-]*[\p{Script=Latin}\p{N}])?(?:\.[\p{Script=Latin}\p{N}](?:[\p{Script=Latin}\p{N}-]*[\p{Script=Latin}\p{N}])?)*\.[A-Za-z]{2,24}(?![\p{Script=Latin}\p{N}-]|\.[\p{L}\p{N}])/gu;
const LATIN_LETTER = /\p{Script=Latin}/u;
const OTHER_LETTER = /(?!\p{Script=Latin})\p{L}/u;
/** `git@github.com:org/repo.git`, `deploy@host:/srv`: an scp-style remote, `user@host:path`. */
const REMOTE_PATH = /^:[\w~./-]/;
/** `ssh://git@host/…`, `ssh admin@host`, `git clone git@…`: a login at a host, not a mailbox. */
const REMOTE_CUE = /(?:[a-z][a-z0-9+.-]*:\/\/|(?<![\p{L}])(?:ssh|scp|sftp|rsync|git(?:\s+(?:clone|remote\s+add\s+\S+|fetch|pull|push))?)\s+(?:-\S+\s+(?:[^\s@-]+\s+)?)*)$/iu;

/** An internationalised address is written in one script per part: a local part or a label that mixes Latin with another script is glued text. */
function mixesScripts(part: string): boolean {
  return LATIN_LETTER.test(part) && OTHER_LETTER.test(part);
}

function isIdnAddress(address: string): boolean {
  const [local, domain] = address.split('@');
  return OTHER_LETTER.test(address) && !mixesScripts(local) && !domain.split('.').some(mixesScripts);
}

function isRemoteLogin(text: string, start: number, end: number): boolean {
  return REMOTE_PATH.test(text.slice(end, end + 2)) || REMOTE_CUE.test(text.slice(Math.max(0, start - 40), start));
}

/**
 * E-mail addresses: a dotted local part, `@`, a dotted domain ending in a letter-only TLD (so `pkg@1.2.3` is not one).
 * Latin-script addresses stop at letters of another script; an address wholly in another script per part
 * (`почта@пример.рф`) is an internationalised one. `user@host:path` and logins after `ssh`/`git clone` are not addresses.
 */
export function detectEmails(text: string, found: Detection[]): void {
  if (!text.includes('@')) return;
  const push = (start: number, end: number) => {
    if (!isRemoteLogin(text, start, end)) found.push({ start, end, label: 'EMAIL' });
  };
  eachMatch(LATIN_EMAIL, text, (match) => push(match.index, match.index + match[0].length));
  eachMatch(EMAIL, text, (match) => {
    if (isIdnAddress(match[0])) push(match.index, match.index + match[0].length);
  });
}

/**
 * Runs of digits and phone punctuation with at least 7 digits: the only places libphonenumber is asked to look.
 * An extension ("ext. 42", "x204") is not part of the value: the number alone reaches the person.
 */
const PHONE_REGION = /(?:\+|(?<![\w+#]|\w-)\(?)\d[\d ().\/\-\u00a0\u2011]{5,24}\d/g;
const PHONE_CUE = /(?:phone|tel\b|tel\.|tél|telefon|teléfono|telefono|mobile|mobil|cell|handy|portable|móvil|movil|fax|call|ring|anrufen|appel|llam|whatsapp|sms|contact|kontakt|reach|erreichbar|joignable)/;
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
/** A run longer than one number (E.164 allows 15 digits) may hold a number and something else: only then is the matcher asked to look inside. */
const MAX_DIGITS = 15;
const MAX_NATIONAL_DIGITS = 12;
/** The matcher costs ~60 µs a run: a text full of digit runs (a CSV of amounts) gets this many looks inside, then parses only. */
const MATCHER_BUDGET = 32;
/** National numbers are written in groups of two or more digits ("0 800 123 456" has one single digit). */
const SINGLE_DIGIT_GROUPS = /(?:(?:^|[^\d])\d(?!\d)[^\d]*){3}/;

function acceptNational(raw: string, context: string): boolean {
  if (digitCount(raw) < MIN_NATIONAL_DIGITS || NOT_A_NATIONAL_NUMBER.some((shape) => shape.test(raw)) || isHyphenatedIsbn13(raw)) return false;
  return /[ ().\/\-\u00a0\u2011]/.test(raw) || PHONE_CUE.test(context);
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
 * Valid for `region` as written: where the national format starts with a trunk prefix 0 (DE, GB, FR…),
 * the written number must too; libphonenumber would otherwise read "7946 2108 4321" as a German number.
 */
function validNational(raw: string, region: CountryCode): boolean {
  const phone = parsePhoneNumberFromString(raw, region);
  if (!phone?.isValid()) return false;
  return !phone.formatNational().replace(/\D/g, '').startsWith('0') || raw.replace(/\D/g, '').startsWith('0');
}

function digitCount(text: string): number {
  let count = 0;
  for (let at = 0; at < text.length; at += 1) if (text.charCodeAt(at) >= 48 && text.charCodeAt(at) <= 57) count += 1;
  return count;
}

type Found = Detection[];

/** The matcher finds numbers inside a run that also holds other digits ("+44 20 7946 0958 2024"). */
function matchInside(window: string, country: CountryCode | undefined, accept: (raw: string, at: number) => boolean): Array<[number, number]> {
  return findPhoneNumbersInText(window, country ? { defaultCountry: country } : {})
    .filter((number) => accept(window.slice(number.startsAt, number.endsAt), number.startsAt))
    .map((number) => [number.startsAt, number.endsAt]);
}

/**
 * Phone numbers, parsed and validated by libphonenumber-js (full metadata). International
 * numbers (`+` or `00`) count anywhere; a national number counts for one of `regions` when it is
 * written with separators or follows a cue word ("call", "Telefon", "téléphone"...), so a bare
 * 10-digit order number does not. Cheap checks run first; a whole run is parsed before the
 * (slower) matcher looks inside it.
 */
export function createPhoneDetector(regions: readonly CountryCode[]) {
  return (text: string, found: Found): void => {
    let matcherBudget = MATCHER_BUDGET;
    eachMatch(PHONE_REGION, text, (region) => {
      const digits = digitCount(region[0]);
      if (digits < 7) return;
      const offset = region.index;
      const end = offset + region[0].length;
      if (found.some((other) => other.start < end && offset < other.end)) return;
      const context = before(text, offset, 30);
      if (REFERENCE_CUE.test(context)) return;
      const international = INTERNATIONAL.test(region[0]);
      const window = region[0].replace(/^00(?=[1-9])/, '+');
      const shift = region[0].length - window.length;
      const push = ([start, end]: [number, number]) =>
        found.push({ start: start === 0 ? offset : offset + start + shift, end: offset + end + shift, label: 'PHONE' });
      if (international) {
        if (parsePhoneNumberFromString(window)?.isValid()) push([0, window.length]);
        else if (digits > MAX_DIGITS && matcherBudget-- > 0) matchInside(window, undefined, (raw, at) => raw.startsWith('+') && !REFERENCE_CUE.test(before(text, offset + at, 30))).forEach(push);
        return;
      }
      if (digits < MIN_NATIONAL_DIGITS || SINGLE_DIGIT_GROUPS.test(region[0]) || !acceptNational(region[0], context)) return;
      const balanced = window.split('(').length === window.split(')').length;
      const country = balanced && digits <= MAX_NATIONAL_DIGITS ? regions.find((candidate) => validNational(window, candidate)) : undefined;
      if (country) return void push([0, window.length]);
      if ((balanced && digits <= MAX_NATIONAL_DIGITS) || matcherBudget-- <= 0) return;
      for (const candidate of regions) {
        const inside = matchInside(window, candidate, (raw, at) => acceptNational(raw, before(text, offset + at, 30)));
        if (inside.length > 0) return void inside.forEach(push);
      }
    });
  };
}
