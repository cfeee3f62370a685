import type { CountryCode } from 'libphonenumber-js/max';
import metadata from 'libphonenumber-js/max/metadata';

/**
 * What libphonenumber's metadata says a region's national numbers look like, read once per region, so that most numbers
 * a parse would reject are turned away before it (a parse costs ~20 µs, these checks about one).
 */
interface NumberingPlan {
  lengths: ReadonlySet<number>;
  trunkPrefix: string;
  /** Absent where the region rewrites numbers while parsing them (carrier codes, Argentina's `15`): the parse alone decides there. */
  pattern?: RegExp;
  /** Every type of number (fixed line, mobile, toll free…): a valid number is one of them. */
  types: readonly RegExp[];
  /** The prefix a parse strips before reading the national number (the trunk prefix, or a carrier code). */
  prefixForParsing?: RegExp;
  /** The international call prefix and the calling code: digits that start with either may be read by a parse as international. */
  internationalPrefix: RegExp;
  callingCode: string;
  /** The regions that share the calling code: a parse may assign the number to any of them. */
  callingCodeRegions: readonly CountryCode[];
}

type Entry = unknown[];
const countries = metadata.countries as unknown as Record<string, Entry | undefined>;
const callingCodes = metadata.country_calling_codes as unknown as Record<string, CountryCode[]>;
const plans = new Map<CountryCode, NumberingPlan | null>();

const whole = (pattern: string) => new RegExp(`^(?:${pattern})$`);

function numberingPlan(region: CountryCode): NumberingPlan | null {
  let plan = plans.get(region);
  if (plan === undefined) {
    // Metadata v4 layout: [calling code, IDD prefix, national number pattern, possible lengths, formats, trunk prefix,
    // national prefix formatting rule, national prefix for parsing, transform rule, …, types at 11 as [pattern, lengths]].
    const entry = countries[region];
    plan = entry
      ? {
          lengths: new Set(entry[3] as number[]),
          trunkPrefix: typeof entry[5] === 'string' ? entry[5] : '',
          pattern: typeof entry[8] === 'string' ? undefined : whole(entry[2] as string),
          types: ((entry[11] ?? []) as unknown[]).flatMap((type) => (Array.isArray(type) && typeof type[0] === 'string' ? [whole(type[0])] : [])),
          prefixForParsing: typeof entry[7] === 'string' || typeof entry[5] === 'string' ? new RegExp(`^(?:${(entry[7] || entry[5]) as string})`) : undefined,
          internationalPrefix: new RegExp(`^(?:${entry[1] as string})`),
          callingCode: entry[0] as string,
          callingCodeRegions: callingCodes[entry[0] as string] ?? [region],
        }
      : null;
    plans.set(region, plan);
  }
  return plan;
}

/**
 * How the region's national formats write the trunk 0, read once per region from its formats (metadata v4: [pattern, format,
 * leading digits, national prefix formatting rule, …]):
 * - `may`: a format may put a 0 before a number written without one: the trunk prefix starts with 0 (`0`, Hungary's `06`) or a
 *   formatting rule writes one (Gabon's `0$1`). Elsewhere (US `1`, Russia `8`) the format need not be asked;
 * - `always`: every format writes the trunk 0 (`0$1`: DE, GB, FR…), so a number written without it is rejected by the trunk
 *   rule of phone-national.ts whatever the parse says: the parse can be skipped.
 */
interface TrunkZero {
  may: boolean;
  always: boolean;
}

const trunkZeros = new Map<CountryCode, TrunkZero>();

function trunkZero(region: CountryCode): TrunkZero {
  let zero = trunkZeros.get(region);
  if (zero === undefined) {
    const entry = countries[region];
    const formats = (Array.isArray(entry?.[4]) ? entry[4] : []) as unknown[][];
    const ruleWithZero = (format: unknown[]) => typeof format[3] === 'string' && format[3].startsWith('0');
    zero = {
      may: entry === undefined || (typeof entry[5] === 'string' && entry[5].startsWith('0')) || (typeof entry[6] === 'string' && entry[6].startsWith('0')) || formats.some(ruleWithZero),
      always: entry?.[5] === '0' && formats.length > 0 && formats.every(ruleWithZero),
    };
    trunkZeros.set(region, zero);
  }
  return zero;
}

/** Whether the region's national format may put a 0 before a number written without one (see {@link TrunkZero}). */
export function mayWriteTrunkZero(region: CountryCode): boolean {
  return trunkZero(region).may;
}

/** Whether every national format of the region writes the trunk 0 (see {@link TrunkZero}). */
export function formatsWithTrunkZero(region: CountryCode): boolean {
  return trunkZero(region).always;
}

/** A national number some region of the calling code has a type for (what a parse's `isValid` asks). */
function ofSomeType(national: string, regions: readonly CountryCode[]): boolean {
  return regions.some((region) => {
    const plan = numberingPlan(region);
    if (plan === null) return false;
    return plan.pattern === undefined || (plan.pattern.test(national) && plan.types.some((type) => type.test(national)));
  });
}

/**
 * Whether a parse in `region` could find these digits valid: the national number it reads (the digits, or the digits after the
 * prefix it strips) is of some type in a region of the calling code. Digits a parse would read as international are let through.
 */
function typedIn(digits: string, plan: NumberingPlan): boolean {
  if (plan.pattern === undefined || plan.internationalPrefix.test(digits) || digits.startsWith(plan.callingCode)) return true;
  if (ofSomeType(digits, plan.callingCodeRegions)) return true;
  const prefix = plan.prefixForParsing?.exec(digits);
  return prefix !== null && prefix !== undefined && ofSomeType(digits.slice(prefix[0].length), plan.callingCodeRegions);
}

/**
 * A cheap look at the metadata before the parse: could these digits, with or without the region's trunk prefix, be one of
 * its national numbers, and of a type of number it has? A region whose parse may rewrite the number (carrier codes) is left
 * to the parse.
 */
export function plausibleIn(digits: string, region: CountryCode): boolean {
  const plan = numberingPlan(region);
  if (plan === null) return false;
  const pattern = plan.pattern;
  if (pattern === undefined) return true;
  const fits = (national: string) => plan.lengths.has(national.length) && pattern.test(national);
  const fitting = fits(digits) || (plan.trunkPrefix !== '' && digits.startsWith(plan.trunkPrefix) && fits(digits.slice(plan.trunkPrefix.length)));
  return fitting && typedIn(digits, plan);
}
