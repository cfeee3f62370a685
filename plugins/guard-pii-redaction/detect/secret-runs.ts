/**
 * The candidate runs of the hex and token cues (secrets.ts), found in one pass over the text's characters instead of two regex
 * scans that each try every position. A {@link HexRun} is what `HEX_RUN` (secret-cues.ts) matches, a {@link TokenRun} what
 * `TOKEN_RUN` matches, in the same order, with no run skipped or added.
 */

/** `[start, end)` of a run in the text. */
export interface Run {
  start: number;
  end: number;
}

const ALNUM = 1;
/** `[\w+/-]`: a character of a token run. */
const TOKEN = 2;
const DIGIT = 4;
const LOWER_HEX = 8;
const UPPER_HEX = 16;
const EQUALS = '='.charCodeAt(0);

/** The classes of each character of the basic plane (only ASCII ones have any), read without a bounds branch. */
const CLASSES = new Uint8Array(65536);
for (let code = 0; code < 128; code += 1) {
  const char = String.fromCharCode(code);
  if (/[0-9A-Za-z]/.test(char)) CLASSES[code] |= ALNUM;
  if (/[\w+/-]/.test(char)) CLASSES[code] |= TOKEN;
  if (/\d/.test(char)) CLASSES[code] |= DIGIT | LOWER_HEX | UPPER_HEX;
  if (/[a-f]/.test(char)) CLASSES[code] |= LOWER_HEX;
  if (/[A-F]/.test(char)) CLASSES[code] |= UPPER_HEX;
}

/** 32–128 hex digits of one case, a whole run of letters and digits: `HEX_RUN`. */
const HEX_MIN = 32;
const HEX_MAX = 128;
/** 10–512 characters of `[\w+/-]` with a digit, a whole run, then up to two `=` and no run character: `TOKEN_RUN`. */
const TOKEN_MIN = 10;
const TOKEN_MAX = 512;
const MAX_PADDING = 2;

/** The end of a token run ending at `at` with its `=` padding, or -1 where `TOKEN_RUN` finds no end for it. */
function paddedEnd(text: string, at: number): number {
  let end = at;
  while (end < text.length && text.charCodeAt(end) === EQUALS) end += 1;
  const next = end < text.length ? CLASSES[text.charCodeAt(end)] : 0;
  return end - at <= MAX_PADDING && (next & TOKEN) === 0 ? end : -1;
}

/** The hex runs and the token runs of `text`, each list in text order (a plain loop: this is the hot path of the detector). */
export function candidateRuns(text: string): { hex: Run[]; tokens: Run[] } {
  const hex: Run[] = [];
  const tokens: Run[] = [];
  let alnumStart = -1;
  let hexCases = 0;
  let tokenStart = -1;
  let tokenDigit = false;
  const length = text.length;
  for (let at = 0; at <= length; at += 1) {
    const classes = at < length ? CLASSES[text.charCodeAt(at)] : 0;
    if ((classes & ALNUM) !== 0) {
      if (alnumStart < 0) {
        alnumStart = at;
        hexCases = LOWER_HEX | UPPER_HEX;
      }
      hexCases &= classes;
    } else if (alnumStart >= 0) {
      if (hexCases !== 0 && at - alnumStart >= HEX_MIN && at - alnumStart <= HEX_MAX) hex.push({ start: alnumStart, end: at });
      alnumStart = -1;
    }
    if ((classes & TOKEN) !== 0) {
      if (tokenStart < 0) {
        tokenStart = at;
        tokenDigit = false;
      }
      if ((classes & DIGIT) !== 0) tokenDigit = true;
    } else if (tokenStart >= 0) {
      const end = tokenDigit && at - tokenStart >= TOKEN_MIN && at - tokenStart <= TOKEN_MAX ? paddedEnd(text, at) : -1;
      if (end >= 0) tokens.push({ start: tokenStart, end });
      tokenStart = -1;
    }
  }
  return { hex, tokens };
}
