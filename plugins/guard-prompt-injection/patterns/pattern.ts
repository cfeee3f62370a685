import { stripAccents } from '../normalize.js';

/** The families of signals; a block message names these, never the matched text. */
export const SIGNAL_CATEGORIES = [
  'instruction_override',
  'system_prompt_extraction',
  'roleplay_jailbreak',
  'delimiter_smuggling',
  'encoded_payload',
  'indirect_injection',
  'obfuscation',
] as const;

export type SignalCategory = (typeof SIGNAL_CATEGORIES)[number];

/**
 * One pattern over normalised text (lower case, accents stripped, one space between words).
 * `weight` is its evidence in text the caller wrote; `untrustedWeight` in tool results and
 * retrieved documents, where text that addresses the model is far more suspicious.
 */
export interface InjectionPattern {
  id: string;
  category: SignalCategory;
  weight: number;
  untrustedWeight: number;
  /** `lines` keeps line breaks (for patterns anchored at a line start); `flat` is one line. */
  view: 'flat' | 'lines';
  regex: RegExp;
}

export interface PatternOptions {
  untrusted?: number;
  view?: 'flat' | 'lines';
}

/** Start of a word, Unicode-aware (`\b` is ASCII-only in JavaScript). */
export const B = '(?<![\\p{L}\\p{N}_])';
/** End of a word, Unicode-aware. */
export const E = '(?![\\p{L}\\p{N}_])';

export function alt(...options: string[]): string {
  return `(?:${options.join('|')})`;
}

/** Up to `max` whole words (no sentence punctuation), each followed by one space. */
export function gap(max: number): string {
  return `(?:[^\\s.!?;:]+ ){0,${max}}`;
}

/**
 * Builds a pattern. The source is written in lower case with accents, and is accent-stripped
 * like the scanned text, so `игнорируй` and `esqueça` match their normalised forms.
 */
export function pattern(
  id: string,
  category: SignalCategory,
  weight: number,
  source: string,
  options: PatternOptions = {},
): InjectionPattern {
  return {
    id,
    category,
    weight,
    untrustedWeight: options.untrusted ?? weight,
    view: options.view ?? 'flat',
    regex: new RegExp(stripAccents(source), 'gu'),
  };
}
