import type { CountryCode } from 'libphonenumber-js/max';
import metadata from 'libphonenumber-js/max/metadata';
import { type Plan, planOf } from './phone-parse.js';

type Entry = unknown[];
const countries = metadata.countries as unknown as Record<string, Entry | undefined>;

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

/**
 * A national number some region of the calling code has a type for (what a parse's `isValid` asks), each type's lengths aside:
 * a region whose parse rewrites numbers (a transform rule) is let through, since only the parse can say.
 */
function ofSomeType(national: string, regions: readonly string[]): boolean {
  return regions.some((region) => {
    const plan = planOf(region);
    if (plan === null) return false;
    return plan.transformRule !== undefined || (plan.types !== null && plan.pattern.test(national) && plan.types.some((type) => type.pattern.test(national)));
  });
}

/**
 * Whether a parse in `region` could find these digits valid: the national number it reads (the digits, or the digits after the
 * prefix it strips) is of some type in a region of the calling code. Digits a parse would read as international are let through.
 */
function typedIn(digits: string, plan: Plan): boolean {
  if (plan.transformRule !== undefined || plan.internationalPrefix.test(digits) || digits.startsWith(plan.callingCode)) return true;
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
  const plan = planOf(region);
  if (plan === null) return false;
  if (plan.transformRule !== undefined) return true;
  const { lengths, nationalPrefix, pattern } = plan;
  const fits = (national: string) => lengths !== undefined && lengths.includes(national.length) && pattern.test(national);
  const fitting =
    fits(digits) || (nationalPrefix !== '' && digits.startsWith(nationalPrefix) && fits(digits.slice(nationalPrefix.length))) || (longerParsingPrefix(region, plan) && fitsAfterParsingPrefix(digits, plan, fits));
  return fitting && typedIn(digits, plan);
}

/**
 * Round 28: a prefix the parse strips that is longer than the trunk prefix: Belarus writes its trunk 8 and the operator's code
 * with its 0 (`8 029 499-17-81`, `8 017 …`: the parse strips `80`), Colombia and Korea a carrier's code after the trunk 0.
 */
const longerParsingPrefixes = new Map<CountryCode, boolean>();

/** Whether the region's prefix for parsing may strip more than its trunk prefix (read once per region: most strip just the 0). */
function longerParsingPrefix(region: CountryCode, plan: Plan): boolean {
  let longer = longerParsingPrefixes.get(region);
  if (longer === undefined) {
    longer = plan.prefixForParsing !== undefined && plan.prefixForParsing.source !== `^(?:${plan.nationalPrefix})`;
    longerParsingPrefixes.set(region, longer);
  }
  return longer;
}

function fitsAfterParsingPrefix(digits: string, plan: Plan, fits: (national: string) => boolean): boolean {
  const prefix = plan.prefixForParsing?.exec(digits)?.[0];
  return prefix !== undefined && prefix.length > plan.nationalPrefix.length && fits(digits.slice(prefix.length));
}
