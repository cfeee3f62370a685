import { compileSafeRegex, type SafeRegex } from './re2.js';
import { foldText } from './text.js';

const WORD = '\\pL\\pN_';
const LEFT_EDGE = `(?:^|[^${WORD}])`;
const RIGHT_EDGE_OR_END = `(?:[^${WORD}]|$)`;
const RIGHT_EDGE = `[^${WORD}]`;
const WORD_CHAR = /[\p{L}\p{N}_]/u;
/** Scripts written without spaces between words: a term in them matches anywhere. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
/** Alternatives per compiled program, so a long list stays well inside RE2's program budget. */
const TERMS_PER_PROGRAM = 500;

function needsEdge(char: string | undefined): boolean {
  return char !== undefined && WORD_CHAR.test(char) && !UNSPACED.test(char);
}

function escapeForRe2(term: string): string {
  return term.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

interface Program {
  /** A term whose end may be the end of the text. */
  final: SafeRegex;
  /** A term followed by a non-word character (decided while more text may still come). */
  confirmed: SafeRegex;
  masking: SafeRegex;
}

/**
 * A list of words and phrases, matched as whole words in folded text (see `foldText`): case,
 * accents and spacing do not matter, and `kill` does not match `skill`. Matching runs on RE2.
 *
 * @example
 * const list = new TermList(['credit card']);
 * list.contains(foldText('My CREDIT  card is…'), true); // true
 */
export class TermList {
  readonly terms: readonly string[];
  /** Longest folded term, in UTF-16 units. */
  readonly maxLength: number;
  private readonly programs: Program[] = [];
  /** Every proper prefix of a term, and every term that still needs a right edge → whether it needs a left edge. */
  private readonly openings = new Map<string, boolean>();

  constructor(terms: readonly string[]) {
    this.terms = [...new Set(terms.map((term) => foldText(term).trim()).filter((term) => term !== ''))];
    this.maxLength = Math.max(0, ...this.terms.map((term) => term.length));
    const groups = new Map<string, string[]>();
    for (const term of this.terms) {
      const left = needsEdge(term[0]);
      const right = needsEdge(term[term.length - 1]);
      const key = `${left}:${right}`;
      groups.set(key, [...(groups.get(key) ?? []), escapeForRe2(term)]);
      this.addOpenings(term, left, right);
    }
    for (const [key, escaped] of groups) {
      const [left, right] = key.split(':').map((flag) => flag === 'true');
      for (let at = 0; at < escaped.length; at += TERMS_PER_PROGRAM) this.programs.push(this.compile(escaped.slice(at, at + TERMS_PER_PROGRAM), left, right));
    }
  }

  get empty(): boolean {
    return this.terms.length === 0;
  }

  /**
   * Whether folded `text` holds a whole term. With `endIsBoundary` false (mid-stream), a term
   * that ends the text does not count yet: the next chunk may extend the word.
   */
  contains(text: string, endIsBoundary: boolean): boolean {
    return this.programs.some((program) => (endIsBoundary ? program.final : program.confirmed).test(text));
  }

  /** Whether the end of folded `text` could be the start of a term, or a term awaiting its right edge. */
  couldContinue(text: string): boolean {
    for (let length = Math.min(this.maxLength, text.length); length > 0; length--) {
      const needsLeft = this.openings.get(text.slice(text.length - length));
      if (needsLeft === undefined) continue;
      const before = text[text.length - length - 1];
      if (!needsLeft || before === undefined || !WORD_CHAR.test(before)) return true;
    }
    return false;
  }

  /** Folded `text` with every term blanked out (used for allow lists). */
  mask(text: string): string {
    return this.programs.reduce((masked, program) => program.masking.replace(masked, ' '), text);
  }

  private addOpenings(term: string, left: boolean, right: boolean): void {
    const last = right ? term.length : term.length - 1;
    for (let length = 1; length <= last; length++) {
      const prefix = term.slice(0, length);
      this.openings.set(prefix, (this.openings.get(prefix) ?? true) && left);
    }
  }

  private compile(escaped: string[], left: boolean, right: boolean): Program {
    const body = `${left ? LEFT_EDGE : ''}(?:${escaped.join('|')})`;
    return {
      final: compileSafeRegex(`${body}${right ? RIGHT_EDGE_OR_END : ''}`),
      confirmed: compileSafeRegex(`${body}${right ? RIGHT_EDGE : ''}`),
      masking: compileSafeRegex(`${body}${right ? RIGHT_EDGE_OR_END : ''}`, 'g'),
    };
  }
}
