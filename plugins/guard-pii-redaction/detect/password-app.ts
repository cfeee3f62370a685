/**
 * A cheap test before `APP_PASSWORD` (secret-cues.ts), which almost never matches and whose failure costs a try at each of the
 * 48 characters after a password word. Every match passes this test, so skipping the pattern when it fails changes nothing.
 */

/** The separator that opens the pattern's `near` branch, after which its value may come any number of spaces on. */
const NEAR = /["'`]?\s*[:=：]/y;
/** The other branch's value starts at most 48 characters after the word and is at most 19 long. */
const WINDOW = 48 + 19;
const GROUP = 4;
const GROUPS = 4;
const RUN = 16;

const isLower = (code: number) => code >= 97 && code <= 122;

/** The length of the run of `a`–`z` at `at`. */
function lowerRun(text: string, at: number, end: number): number {
  let next = at;
  while (next < end && isLower(text.charCodeAt(next))) next += 1;
  return next - at;
}

/** Four groups of four `a`–`z` joined by one space or one hyphen (the same each time), starting at `at`. */
function isGrouped(text: string, at: number, end: number): boolean {
  const separator = text.charCodeAt(at + GROUP);
  if (separator !== 32 && separator !== 45) return false;
  for (let group = 0; group < GROUPS; group += 1) {
    const start = at + group * (GROUP + 1);
    if (lowerRun(text, start, Math.min(end, start + GROUP)) !== GROUP) return false;
    if (group < GROUPS - 1 && text.charCodeAt(start + GROUP) !== separator) return false;
  }
  return true;
}

/** Whether `APP_PASSWORD` may match at `end` (right after a password word). */
export function mayHoldAppPassword(text: string, end: number): boolean {
  NEAR.lastIndex = end;
  if (NEAR.test(text)) return true;
  const limit = Math.min(text.length, end + WINDOW);
  for (let at = end; at < limit; ) {
    const run = lowerRun(text, at, limit);
    if (run >= RUN || (run >= GROUP && isGrouped(text, at + run - GROUP, limit))) return true;
    at += run + 1;
  }
  return false;
}
