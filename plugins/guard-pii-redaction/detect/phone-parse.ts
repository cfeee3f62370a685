import type { CountryCode, PhoneNumber } from 'libphonenumber-js/max';
import metadata from 'libphonenumber-js/max/metadata';

/**
 * libphonenumber-js's parse of a national number and its validity check, on metadata compiled once per region. The library
 * builds a RegExp from the metadata for every pattern it tries, on every call, and constructs and spreads objects on the way
 * (~13 µs a number); these steps cost ~1 µs. Each step follows libphonenumber-js 1.13 (`parse.js`, `helpers/extractNationalNumber.js`,
 * `helpers/extractCountryCallingCodeFromInternationalNumberWithoutPlusSign.js`, `helpers/getCountryByNationalNumber.js`,
 * `helpers/getNumberType.js`, `isValid.js`); a number that takes a branch not reproduced here (an international call prefix, a
 * national number read as the calling code and an international number, a non-geographic calling code) is left to the library.
 */

type Entry = unknown[];
const countries = metadata.countries as unknown as Record<string, Entry | undefined>;
const callingCodes = metadata.country_calling_codes as unknown as Record<string, string[] | undefined>;

/** libphonenumber's bounds on a national significant number (`constants.js`). */
const MIN_NATIONAL_LENGTH = 2;
const MAX_NATIONAL_LENGTH = 17;

/** One type of number of a region (fixed line, mobile, toll free…): its pattern and the lengths it allows (undefined: any). */
interface NumberType {
  pattern: RegExp;
  lengths?: readonly number[];
}

/**
 * A region's metadata (v4 layout: [calling code, IDD prefix, national number pattern, possible lengths, formats, national prefix,
 * formatting rule, national prefix for parsing, transform rule, …, leading digits at 10, types at 11]).
 */
export interface Plan {
  callingCode: string;
  /** The regions that share the calling code: a parse may assign the number to any of them. */
  callingCodeRegions: readonly string[];
  internationalPrefix: RegExp;
  pattern: RegExp;
  lengths?: readonly number[];
  /** The national (trunk) prefix, `''` where the region has none. */
  nationalPrefix: string;
  /** The national prefix for parsing (or the national prefix), anchored. */
  prefixForParsing?: RegExp;
  /** A transform rule rewrites the number while parsing it (`$2` for Brazil's carrier codes, `9$1` for Argentina's `15`). */
  transformRule?: string;
  /** Sticky: tested at the start of a number only, as `search(…) === 0` is. */
  leadingDigits?: RegExp;
  /** Fixed line, mobile, toll free, premium rate, personal, voicemail, UAN, pager, VoIP, shared cost; null: the region has none. */
  types: readonly NumberType[] | null;
}

const plans = new Map<string, Plan | null>();
const whole = (pattern: string) => new RegExp(`^(?:${pattern})$`);

/** The compiled metadata of a region (null for a region the metadata does not know), compiled on first use. */
export function planOf(region: string): Plan | null {
  let plan = plans.get(region);
  if (plan === undefined) {
    const entry = countries[region];
    plan = entry === undefined ? null : compile(entry, region);
    plans.set(region, plan);
  }
  return plan;
}

function compile(entry: Entry, region: string): Plan {
  const lengths = entry[3] as number[] | undefined;
  const prefix = (entry[7] || entry[5]) as string | undefined;
  const types = entry[11];
  return {
    callingCode: entry[0] as string,
    callingCodeRegions: callingCodes[entry[0] as string] ?? [region],
    nationalPrefix: typeof entry[5] === 'string' ? entry[5] : '',
    internationalPrefix: new RegExp(`^(?:${entry[1] as string})`),
    pattern: whole(entry[2] as string),
    lengths,
    prefixForParsing: prefix ? new RegExp(`^(?:${prefix})`) : undefined,
    transformRule: typeof entry[8] === 'string' && entry[8] !== '' ? entry[8] : undefined,
    leadingDigits: typeof entry[10] === 'string' && entry[10] !== '' ? new RegExp(entry[10], 'y') : undefined,
    types:
      Array.isArray(types) && types.length > 0
        ? types.slice(0, 10).flatMap((type) =>
            Array.isArray(type) && typeof type[0] === 'string' && type[0] !== '' ? [{ pattern: whole(type[0]), lengths: (type[1] as number[] | undefined) || lengths }] : [],
          )
        : null,
  };
}

/** libphonenumber's `getNumberType(…) !== undefined`: the national number matches the region's pattern and one of its types. */
function hasType(plan: Plan, national: string): boolean {
  if (plan.types === null || !plan.pattern.test(national)) return false;
  return plan.types.some((type) => (type.lengths === undefined || type.lengths.includes(national.length)) && type.pattern.test(national));
}

/** libphonenumber's `isValid()` of a number of `region`: a type, or the pattern alone where the region has no types. */
function validIn(plan: Plan, national: string): boolean {
  return plan.types === null ? plan.pattern.test(national) : hasType(plan, national);
}

/** `getCountryByCallingCode`: the region of a calling code a national number belongs to (by leading digits, else by type). */
function regionOf(callingCode: string, national: string): string | undefined {
  const regions = callingCodes[callingCode];
  if (regions === undefined || (regions.length === 1 && regions[0].length === 3)) return undefined;
  if (regions.length === 1) return regions[0];
  return regions.find((region) => {
    const plan = planOf(region);
    if (plan === null) return false;
    if (plan.leadingDigits === undefined) return hasType(plan, national);
    plan.leadingDigits.lastIndex = 0;
    return plan.leadingDigits.test(national);
  });
}

/** `checkNumberLength` is TOO_SHORT or INVALID_LENGTH (TOO_LONG and a possible length are not). */
function impossibleLength(length: number, lengths: readonly number[]): boolean {
  if (lengths[0] === length) return false;
  if (lengths[0] > length) return true;
  if (lengths[lengths.length - 1] < length) return false;
  return lengths.indexOf(length, 1) < 0;
}

/**
 * `extractNationalNumber`: the digits without the national prefix (or rewritten by the transform rule, where the prefix pattern
 * captured a group), unless that leaves no national number of the region.
 */
function nationalNumberOf(digits: string, plan: Plan): string {
  const prefixForParsing = plan.prefixForParsing;
  const prefix = prefixForParsing?.exec(digits);
  if (prefixForParsing === undefined || prefix === null || prefix === undefined) return digits;
  const capturedGroup = prefix.length > 1 && Boolean(prefix[prefix.length - 1]);
  const stripped = plan.transformRule !== undefined && capturedGroup ? digits.replace(prefixForParsing, plan.transformRule) : digits.slice(prefix[0].length);
  if (stripped === digits) return digits;
  if (plan.pattern.test(digits) && !plan.pattern.test(stripped)) return digits;
  if (plan.lengths !== undefined) {
    const region = regionOf(plan.callingCode, stripped);
    const lengths = region === undefined ? plan.lengths : planOf(region)?.lengths;
    if (lengths !== undefined && impossibleLength(stripped.length, lengths)) return digits;
  }
  return stripped;
}

/** What a parse of a national number reads: the region it assigns and the national (significant) number. */
export interface NationalReading {
  region: CountryCode;
  nationalNumber: string;
}

/**
 * `extractCountryCallingCodeFromInternationalNumberWithoutPlusSign`: digits that start with the region's calling code are read as an
 * international number written without its `+` where the national reading is too long for the region, or does not fit its pattern
 * while the rest does. Only those are left to the library: most such digits (`1 800 …`, `139 …` in the US, whose calling code is
 * also its trunk prefix) are national numbers, which the library took ~70–200 µs to parse.
 */
function readsAsInternational(digits: string, plan: Plan): boolean {
  if (!digits.startsWith(plan.callingCode)) return false;
  const national = nationalNumberOf(digits, plan);
  if (plan.lengths !== undefined && plan.lengths[plan.lengths.length - 1] < national.length) return true;
  return !plan.pattern.test(national) && plan.pattern.test(nationalNumberOf(digits.slice(plan.callingCode.length), plan));
}

/**
 * What `parsePhoneNumberFromString(digits, region)` reads from the digits of a number written without `+`: null where it finds
 * no number (too short or too long a national number), undefined where the library must be asked (see above).
 */
export function readNational(digits: string, region: CountryCode): NationalReading | null | undefined {
  const plan = planOf(region);
  if (plan === null || digits.length < MIN_NATIONAL_LENGTH || plan.internationalPrefix.test(digits) || readsAsInternational(digits, plan)) return undefined;
  const national = nationalNumberOf(digits, plan);
  if (national.length < MIN_NATIONAL_LENGTH || national.length > MAX_NATIONAL_LENGTH) return null;
  return { region: (regionOf(plan.callingCode, national) ?? region) as CountryCode, nationalNumber: national };
}

/** Calling codes of no country (`800` international freephone, `882` networks…). */
const NON_GEOGRAPHIC_CODES: ReadonlySet<string> = new Set(Object.keys((metadata as { nonGeographic?: object }).nonGeographic ?? {}));
/** libphonenumber's longest calling code. */
const MAX_CALLING_CODE_LENGTH = 3;

/** What a parse of an international number reads: the region (none where the national number fits none of the code's) and the national number. */
export interface InternationalReading {
  region: CountryCode | undefined;
  nationalNumber: string;
  /** The region whose metadata the validity check reads: the region, else the main one of the calling code. */
  plan: Plan;
}

/**
 * What `parsePhoneNumberFromString('+' + digits)` reads: the calling code (the shortest prefix of one to three digits that is
 * one), then the national number as for a national number of the code's main region. Null where it finds no number; undefined
 * where the library must be asked (a non-geographic calling code, such as `800`).
 */
export function readInternational(digits: string): InternationalReading | null | undefined {
  if (digits.length < MIN_NATIONAL_LENGTH) return undefined;
  if (digits[0] === '0') return null;
  for (let length = 1; length <= MAX_CALLING_CODE_LENGTH && length <= digits.length; length += 1) {
    const callingCode = digits.slice(0, length);
    if (NON_GEOGRAPHIC_CODES.has(callingCode)) return undefined;
    const regions = callingCodes[callingCode];
    if (regions === undefined) continue;
    const main = planOf(regions[0]);
    if (main === null) return undefined;
    const rest = digits.slice(length);
    if (rest === '') return null;
    const national = nationalNumberOf(rest, main);
    if (national.length < MIN_NATIONAL_LENGTH || national.length > MAX_NATIONAL_LENGTH) return null;
    const region = regionOf(callingCode, national) as CountryCode | undefined;
    const plan = region === undefined ? main : planOf(region);
    return plan === null ? undefined : { region, nationalNumber: national, plan };
  }
  return null;
}

/** `isValid()` of an international reading. */
export function validInternational(reading: InternationalReading): boolean {
  return validIn(reading.plan, reading.nationalNumber);
}

/** `isValid()` of a reading. */
export function validReading(reading: NationalReading): boolean {
  const plan = planOf(reading.region);
  return plan !== null && validIn(plan, reading.nationalNumber);
}

/** What `phone.isValid()` answers, on the compiled metadata; a number without a region (a non-geographic calling code) asks the library. */
export function validParse(phone: PhoneNumber): boolean {
  const plan = phone.country === undefined ? null : planOf(phone.country);
  return plan === null ? phone.isValid() : validIn(plan, phone.nationalNumber);
}

/** One national format of a region, compiled (metadata v4: [pattern, format, leading digits patterns, formatting rule, …]). */
interface NationalFormat {
  /** The pattern as libphonenumber applies it: unanchored, its first match replaced. */
  pattern: RegExp;
  whole: RegExp;
  /** The last (most detailed) leading digits pattern, sticky: tested at the start of the number, as `search(…) === 0` is. */
  leadingDigits?: RegExp;
  /** The format with the national prefix formatting rule put in for its first group, as `formatNational()` writes it. */
  template: string;
}

const FIRST_GROUP = /(\$\d)/;
const nationalFormats = new Map<string, readonly NationalFormat[]>();

/**
 * The region's national formats, compiled once. Regions that share a calling code keep their formats and formatting rule in
 * the main region's entry (NANPA's in the US one), and read them from there.
 */
function nationalFormatsOf(region: string): readonly NationalFormat[] {
  let formats = nationalFormats.get(region);
  if (formats === undefined) {
    const entry = countries[region];
    const main = entry === undefined ? undefined : countries[callingCodes[entry[0] as string]?.[0] ?? region];
    const rule = (entry?.[6] || main?.[6]) as string | undefined;
    const metadataFormats = (entry?.[4] || main?.[4] || []) as unknown[][];
    formats = metadataFormats.map((format) => {
      const leading = (format[2] || []) as string[];
      const formatRule = (format[3] || rule) as string | undefined;
      return {
        pattern: new RegExp(format[0] as string),
        whole: whole(format[0] as string),
        leadingDigits: leading.length > 0 ? new RegExp(leading[leading.length - 1], 'y') : undefined,
        template: formatRule ? (format[1] as string).replace(FIRST_GROUP, formatRule) : (format[1] as string),
      };
    });
    nationalFormats.set(region, formats);
  }
  return formats;
}

/** `formatNational()` of a reading: the first format whose leading digits and pattern fit, applied; the number as it is where none fits. */
export function formatNationalReading(reading: NationalReading): string {
  const national = reading.nationalNumber;
  const format = nationalFormatsOf(reading.region).find(({ leadingDigits, whole: pattern }) => {
    if (leadingDigits !== undefined) {
      leadingDigits.lastIndex = 0;
      if (!leadingDigits.test(national)) return false;
    }
    return pattern.test(national);
  });
  return format === undefined ? national : national.replace(format.pattern, format.template);
}
