/**
 * The digits of the parts of a window that libphonenumber's matcher (findPhoneNumbersInText) may report as a number: phones.ts
 * asks the matcher in a region only where one of them may be valid there (mayBeValidIn), since a call costs ~60 µs (far more
 * in a guard's call, where the library builds its patterns again).
 */
import { MAX_DIGITS, MIN_CUED_NATIONAL_DIGITS } from './phone-national.js';

/**
 * The digits of each run of whole groups of a window long enough to be a national number (`0612 345 678 / 2024`: `0612345678`,
 * `3456782024`…): the matcher only finds numbers made of whole groups, so a region none of them is plausible in is not asked.
 */
export function groupRuns(window: string): string[] {
  const groups = window.match(/\d+/g) ?? [];
  const runs: string[] = [];
  for (let first = 0; first < groups.length; first += 1) {
    let digits = '';
    for (let last = first; last < groups.length && digits.length + groups[last].length <= MAX_DIGITS; last += 1) {
      digits += groups[last];
      if (digits.length >= MIN_CUED_NATIONAL_DIGITS) runs.push(digits);
    }
  }
  return runs;
}

/** Digit groups split by single spaces, nothing else (`2 84 05 75 112 048 37`, a French social security number). */
const SPACED_GROUPS = /^\d+(?: \d+)*$/;

/**
 * Session 12 (speed only): for a window of digit groups split by single spaces, the digits of every part the matcher can report. The matcher
 * (libphonenumber-js 1.13 PhoneNumberMatcher) reads such a window whole (its pattern takes digits and spaces up to the end); when
 * the whole is no number it splits it only at its spaces, into single groups (the last of its inner patterns, `\p{Z}+(\P{Z}+)`,
 * and the group before the first space); only after a group it found to be a number does it read the rest of the window whole
 * again, from the next group on. So what it reports is the whole window, a single group, or a run of groups that ends the window
 * after a group `mayBeNumber` lets through (plausibleIn, which a number the parse finds valid always passes), of any length. A run
 * in the middle (`0575112048` of `2 84 05 75 112 048 37`, valid in France) is never reported, and is no reason to call the matcher.
 * Undefined for other windows (hyphens, dots, slashes and brackets split them in more ways). Checked against the matcher in
 * phone-matcher-speed12.spec.ts.
 */
export function reportedRuns(window: string, mayBeNumber: (digits: string) => boolean): string[] | undefined {
  if (!SPACED_GROUPS.test(window)) return undefined;
  const groups = window.split(' ');
  const runs = [groups.join('')];
  for (let at = 0; at < groups.length; at += 1) {
    runs.push(groups[at]);
    if (at + 1 < groups.length && mayBeNumber(groups[at])) runs.push(groups.slice(at + 1).join(''));
  }
  return runs;
}
