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

/**
 * Letters and digits of lower-cased text, as code-point ranges (Latin, Greek, Cyrillic, Hebrew,
 * Arabic, Indic, kana, CJK, Hangul). Same edges as `\p{L}\p{N}` for the scripts the patterns
 * use, but V8 checks a range class several times faster than a Unicode property at every position.
 */
export const LETTER = 'a-z0-9_\\u00aa\\u00b5\\u00ba\\u00c0-\\u024f\\u0370-\\u052f\\u0590-\\u06ff\\u0900-\\u0dff\\u3040-\\u30ff\\u3400-\\u9fff\\uac00-\\ud7af';
/** Start of a word (`\b` is ASCII-only in JavaScript). */
export const B = `(?<![${LETTER}])`;
/** End of a word. */
export const E = `(?![${LETTER}])`;

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
