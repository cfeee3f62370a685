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

/** The classes of each ASCII character (other characters have none). */
const CLASSES = new Uint8Array(128);
for (let code = 0; code < 128; code += 1) {
  const char = String.fromCharCode(code);
  if (/[0-9A-Za-z]/.test(char)) CLASSES[code] |= ALNUM;
  if (/[\w+/-]/.test(char)) CLASSES[code] |= TOKEN;
  if (/\d/.test(char)) CLASSES[code] |= DIGIT | LOWER_HEX | UPPER_HEX;
  if (/[a-f]/.test(char)) CLASSES[code] |= LOWER_HEX;
  if (/[A-F]/.test(char)) CLASSES[code] |= UPPER_HEX;
}
const classOf = (text: string, at: number) => {
  const code = text.charCodeAt(at); // NaN past the end: no class
  return code < 128 ? CLASSES[code] : 0;
};

/** 32–128 hex digits of one case, a whole run of letters and digits: `HEX_RUN`. */
const HEX_MIN = 32;
const HEX_MAX = 128;
/** 10–512 characters of `[\w+/-]` with a digit, a whole run, then up to two `=` and no run character: `TOKEN_RUN`. */
const TOKEN_MIN = 10;
const TOKEN_MAX = 512;
const MAX_PADDING = 2;

/** The hex runs and the token runs of `text`, each list in text order. */
export function candidateRuns(text: string): { hex: Run[]; tokens: Run[] } {
  const hex: Run[] = [];
  const tokens: Run[] = [];
  let alnumStart = -1;
  let hexCases = 0;
  let tokenStart = -1;
  let tokenDigit = false;
  for (let at = 0; at <= text.length; at += 1) {
    const classes = at < text.length ? classOf(text, at) : 0;
    if (classes & ALNUM) {
      if (alnumStart < 0) [alnumStart, hexCases] = [at, LOWER_HEX | UPPER_HEX];
      hexCases &= classes;
    } else if (alnumStart >= 0) {
      if (hexCases !== 0 && at - alnumStart >= HEX_MIN && at - alnumStart <= HEX_MAX) hex.push({ start: alnumStart, end: at });
      alnumStart = -1;
    }
    if (classes & TOKEN) {
      if (tokenStart < 0) [tokenStart, tokenDigit] = [at, false];
      if (classes & DIGIT) tokenDigit = true;
    } else if (tokenStart >= 0) {
      if (tokenDigit && at - tokenStart >= TOKEN_MIN && at - tokenStart <= TOKEN_MAX) {
        let end = at;
        while (end < text.length && text.charCodeAt(end) === EQUALS) end += 1;
        // More than two `=`, or a run character after them: the regex finds no end for the run.
        if (end - at <= MAX_PADDING && !(classOf(text, end) & TOKEN)) tokens.push({ start: tokenStart, end });
      }
      tokenStart = -1;
    }
  }
  return { hex, tokens };
}
