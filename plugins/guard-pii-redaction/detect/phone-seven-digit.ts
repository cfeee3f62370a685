/**
 * Round 28: national numbers of seven digits written 3-4 (`513 7686`, `618 1646`, `232-1234`), the whole national number in
 * Iceland and in Estonia (landlines and most mobiles) and in other small countries whose plan has no area codes: Liechtenstein,
 * Suriname, Guyana, Belize, Panama's landlines, Mauritius's landlines, Brunei, Fiji, the Maldives, the Seychelles, Cape Verde,
 * Gambia, Comoros, São Tomé, Palau, Vanuatu, the Solomon Islands. Seven digits are also a count, an amount or a code of any
 * kind, so such a number counts only after a cue word, in a text that points to one of those countries (its language, places,
 * domain, currency or IBAN) or when the binding names it, and only when it is valid there.
 *
 * Icelanders abbreviate sími (telephone) to `s.` before a number (`hs.` at home, `vs.` at work, `fs.` a mobile): in an
 * Icelandic text that abbreviation is a cue word of its own.
 */
import type { CountryCode } from 'libphonenumber-js/max';
import { validNational } from './phone-national.js';

/** Seven digits in a group of three and a group of four. */
const SEVEN_DIGIT_GROUPS = /^\d{3}[ \u00a0-]\d{4}$/;
/** Countries whose national numbers (or most of them) have seven digits, no trunk prefix and no area code. */
const SEVEN_DIGIT_REGIONS: readonly CountryCode[] = ['IS', 'EE', 'LI', 'SR', 'GY', 'BZ', 'PA', 'MU', 'BN', 'FJ', 'MV', 'SC', 'CV', 'GM', 'KM', 'ST', 'PW', 'VU', 'SB'];
/** Icelandic `s.`, `hs.`, `vs.`, `fs.` and the words they shorten, right before the number. */
const ICELANDIC_CUE = /(?<![\p{L}])(?:s|hs|vs|fs|sím[ia]|farsím\p{L}*|heimasím\p{L}*|vinnusím\p{L}*|gsm)\.?\s*[:.]?\s*$/iu;

/** Something that can say whether the text points to a country (phone-regions.ts's RegionHints). */
interface Hints {
  includes(region: CountryCode): boolean;
}

/** The country a seven-digit 3-4 number is a phone of, or undefined (see the file's comment). */
export function sevenDigitCountry(raw: string, context: string, regions: readonly CountryCode[], hints: () => Hints, isCued: () => boolean): CountryCode | undefined {
  if (!SEVEN_DIGIT_GROUPS.test(raw)) return undefined;
  const cued = isCued();
  if (!cued && !ICELANDIC_CUE.test(context)) return undefined;
  for (const region of SEVEN_DIGIT_REGIONS) {
    if (!regions.includes(region) && !hints().includes(region)) continue;
    if (!cued && region !== 'IS') continue;
    if (validNational(raw, region)) return region;
  }
  return undefined;
}
