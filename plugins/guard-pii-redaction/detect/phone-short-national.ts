/**
 * Round 28: national numbers of six or seven digits, the whole national number where the plan has no area codes.
 *
 * - Seven digits written 3-4 (`513 7686`, `618 1646`, `232-1234`): Iceland and Estonia (landlines and most mobiles), Liechtenstein,
 *   Suriname, Guyana, Belize, Panama's landlines, Mauritius's landlines, Brunei, Fiji, the Maldives, the Seychelles, Cape Verde,
 *   Gambia, Comoros, São Tomé, Palau, Vanuatu, the Solomon Islands.
 * - Six digits written 2-2-2 or 3-3 (`tlf. 31 44 18`, `321 234`): the Faroe Islands, Greenland and Andorra.
 *
 * Six or seven digits are also a count, an amount or a code of any kind, so such a number counts only after a cue word, in a
 * text that points to one of those countries (its language, places, domain, currency or IBAN) or when the binding names it, and
 * only when it is valid there. Icelanders abbreviate sími (telephone) to `s.` before a number (`vs.` at work, `fs.` a mobile): in
 * an Icelandic text that abbreviation is a cue word of its own.
 */
import type { CountryCode } from 'libphonenumber-js/max';
import { SIX_DIGIT_GROUPS, validNational } from './phone-national.js';

/** Seven digits in a group of three and a group of four. */
const SEVEN_DIGIT_GROUPS = /^\d{3}[ \u00a0-]\d{4}$/;
/** Countries whose national numbers (or most of them) have seven digits, no trunk prefix and no area code. */
const SEVEN_DIGIT_REGIONS: readonly CountryCode[] = ['IS', 'EE', 'LI', 'SR', 'GY', 'BZ', 'PA', 'MU', 'BN', 'FJ', 'MV', 'SC', 'CV', 'GM', 'KM', 'ST', 'PW', 'VU', 'SB'];
/** Countries whose national numbers have six digits. */
const SIX_DIGIT_REGIONS: readonly CountryCode[] = ['FO', 'GL', 'AD'];
/** Icelandic `s.`, `vs.`, `fs.` and the words they shorten, right before the number. */
const ICELANDIC_CUE = /(?<![\p{L}])(?:s|hs|vs|fs|sím[ia]|farsím\p{L}*|heimasím\p{L}*|vinnusím\p{L}*|gsm)\.?\s*[:.]?\s*$/iu;
/**
 * A short phone word right before a six-digit run (`tlf. `, `tel: `, `telefon `, `sími `, `fartelefon `): the cheap look that lets
 * such a run on to the checks above, which most six-digit runs (amounts, dates, codes) never reach.
 */
const SHORT_CUE_BEFORE = /(?:tlf|tel|telefon|telefonnummar|fartelefon|fartlf|sími|síma|mob|gsm|phone|ring|ringið|tél|tèl)\.?\s*[:.]?\s*$/i;

/** Whether a six-digit run is grouped like a number of those countries and has a phone word right before it (see SHORT_CUE_BEFORE). */
export function sixDigitCandidate(run: string, text: string, start: number): boolean {
  return SIX_DIGIT_GROUPS.test(run) && SHORT_CUE_BEFORE.test(text.slice(Math.max(0, start - 14), start));
}

/** Something that can say whether the text points to a country (phone-regions.ts's RegionHints). */
interface Hints {
  includes(region: CountryCode): boolean;
}

/** The country a six-digit or seven-digit number is a phone of, or undefined (see the file's comment). */
export function shortNationalCountry(raw: string, context: string, regions: readonly CountryCode[], hints: () => Hints, isCued: () => boolean): CountryCode | undefined {
  const candidates = SEVEN_DIGIT_GROUPS.test(raw) ? SEVEN_DIGIT_REGIONS : SIX_DIGIT_GROUPS.test(raw) ? SIX_DIGIT_REGIONS : undefined;
  if (candidates === undefined) return undefined;
  const cued = isCued();
  if (!cued && (candidates === SIX_DIGIT_REGIONS || !ICELANDIC_CUE.test(context))) return undefined;
  for (const region of candidates) {
    if (!regions.includes(region) && !hints().includes(region)) continue;
    if (!cued && region !== 'IS') continue;
    if (validNational(raw, region)) return region;
  }
  return undefined;
}
