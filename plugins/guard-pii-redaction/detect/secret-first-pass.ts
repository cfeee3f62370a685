/**
 * One pass over a text's characters for the facts the secret detector asks about it everywhere: the pairs and triples of
 * adjacent characters (which rule out most needles before a scan, see {@link holds}), and the candidate runs of the hex and
 * token cues, instead of two regex scans that each try every position. The hex runs are what `HEX_RUN` (secret-cues.ts) matches
 * and the token runs what `TOKEN_RUN` matches, in the same order, with no run skipped or added.
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

/**
 * The pairs and the triples of adjacent characters of the text of the last {@link firstPass}, hashed into two bit sets (reused
 * buffers: detection is synchronous). A literal with a pair or a triple the text lacks cannot occur in it, so most needles are
 * ruled out by a few bit tests instead of an `includes` that walks the whole text (pairs alone let through needles of common
 * letters: `dapi`, `key-`).
 */
const PAIR_BITS = new Int32Array(2048);
const TRIPLE_BITS = new Int32Array(2048);
const pairHash = (first: number, second: number) => (first * 31 + second) & 0xffff;
const tripleHash = (first: number, second: number, third: number) => (first * 961 + second * 31 + third) & 0xffff;
const hasBit = (bits: Int32Array, hash: number) => (bits[hash >>> 5] & (1 << (hash & 31))) !== 0;

/** Whether `literal` may occur in the text last given to {@link firstPass}, then whether it does. */
export function holds(text: string, literal: string): boolean {
  for (let at = 1; at < literal.length; at += 1) {
    if (!hasBit(PAIR_BITS, pairHash(literal.charCodeAt(at - 1), literal.charCodeAt(at)))) return false;
  }
  for (let at = 2; at < literal.length; at += 1) {
    if (!hasBit(TRIPLE_BITS, tripleHash(literal.charCodeAt(at - 2), literal.charCodeAt(at - 1), literal.charCodeAt(at)))) return false;
  }
  return text.includes(literal);
}

/** The end of a token run ending at `at` with its `=` padding, or -1 where `TOKEN_RUN` finds no end for it. */
function paddedEnd(text: string, at: number): number {
  let end = at;
  while (end < text.length && text.charCodeAt(end) === EQUALS) end += 1;
  const next = end < text.length ? CLASSES[text.charCodeAt(end)] : 0;
  return end - at <= MAX_PADDING && (next & TOKEN) === 0 ? end : -1;
}

/** Indexes `text` for {@link holds} and returns its hex runs and token runs, each list in text order (a plain loop: it is hot). */
export function firstPass(text: string): { hex: Run[]; tokens: Run[] } {
  PAIR_BITS.fill(0);
  TRIPLE_BITS.fill(0);
  const hex: Run[] = [];
  const tokens: Run[] = [];
  let alnumStart = -1;
  let hexCases = 0;
  let tokenStart = -1;
  let tokenDigit = false;
  let beforePrevious = -1;
  let previous = -1;
  const length = text.length;
  for (let at = 0; at <= length; at += 1) {
    const code = at < length ? text.charCodeAt(at) : -1;
    if (previous >= 0 && code >= 0) {
      const pair = pairHash(previous, code);
      PAIR_BITS[pair >>> 5] |= 1 << (pair & 31);
      if (beforePrevious >= 0) {
        const triple = tripleHash(beforePrevious, previous, code);
        TRIPLE_BITS[triple >>> 5] |= 1 << (triple & 31);
      }
    }
    beforePrevious = previous;
    previous = code;
    const classes = code >= 0 ? CLASSES[code] : 0;
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
