import type { EntityType } from '../config.schema.js';

/** One value found in a text: `[start, end)` in UTF-16 code units, and the placeholder label. */
export interface Detection {
  start: number;
  end: number;
  label: string;
}

/** Placeholder label of each built-in type: `<EMAIL_1>`, `<CREDIT_CARD>`. */
export const LABELS: Record<EntityType, string> = {
  email: 'EMAIL',
  phone: 'PHONE',
  credit_card: 'CREDIT_CARD',
  iban: 'IBAN',
  ssn: 'SSN',
  ip_address: 'IP_ADDRESS',
  secret: 'SECRET',
  person: 'PERSON',
  address: 'ADDRESS',
};

/** A detector appends what it finds in `text` to `found`. */
export type Detector = (text: string, found: Detection[]) => void;

/** Runs a global regex over `text` and keeps the matches `accept` returns a span for. */
export function eachMatch(pattern: RegExp, text: string, visit: (match: RegExpExecArray) => void): void {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    visit(match);
    if (match[0].length === 0) pattern.lastIndex += 1;
  }
}

/** The `window` characters before `at`, lower-cased: where cue words ("phone", "SSN") are looked for. */
/** Whether a detection of `found` shares a character with `[start, end)`: a detector does not add a value over one already found. */
export function overlapsAny(found: readonly Detection[], start: number, end: number): boolean {
  return found.some((detection) => detection.start < end && start < detection.end);
}

export function before(text: string, at: number, window: number): string {
  return text.slice(Math.max(0, at - window), at).toLowerCase();
}

/** Brackets and quotes of every width, each opener at the same index as its closer; a quote is its own closer. */
const OPENERS = '([{<（［｛〈《「『【〔«‹“‘"\'`';
const CLOSERS = ')]}>）］｝〉》」』】〕»›”’"\'`';

/**
 * A value never starts or ends with a bracket or a quote that wraps it (`` `a1b2…` ``, `（090-1234-5678）`, `(+62 …`):
 * one whose partner is inside the value stays (`(213) 373-4253`, `(+34) 612…`).
 */
export function withoutWrapping(text: string, detection: Detection): Detection {
  let { start, end } = detection;
  for (let changed = true; changed && end - start > 1; ) {
    changed = false;
    const opener = OPENERS.indexOf(text[start]);
    if (opener >= 0 && !text.slice(start + 1, end).includes(CLOSERS[opener])) [start, changed] = [start + 1, true];
    const closer = CLOSERS.indexOf(text[end - 1]);
    if (closer >= 0 && !text.slice(start, end - 1).includes(OPENERS[closer])) [end, changed] = [end - 1, true];
  }
  return start === detection.start && end === detection.end ? detection : { ...detection, start, end };
}
