import type { ChatCompletionChunk } from '../../src/plugin-sdk/index.js';
import { deniedOutputTerm, jsonViolation, outputRegexMatch, tooLong, type Violation } from './checks.js';
import type { CompiledPolicy } from './policy.js';
import { countChars, foldText } from './text.js';

/** Output regex rules are run mid-stream on this many trailing characters per choice, and on the whole text at the end. */
const REGEX_WINDOW = 4096;

/** What the guard remembers about one choice of one stream. */
interface ChoiceState {
  /** Folded text already released to the client: just enough to see a word edge or an allowed phrase's start. */
  released: string;
  /** Folded text of the chunks held back. */
  held: string;
  chars: number;
  /** The whole raw text, kept only when a check needs it at the end (JSON, regex rules). */
  full: string;
  /** The last raw characters, for mid-stream regex checks. */
  tail: string;
}

/** The rules a chunk broke (each reported once per stream), and whether the chunk must be held back. */
export interface StreamStep {
  violations: Violation[];
  hold: boolean;
}

/**
 * The output checks over one stream, chunk by chunk. A chunk whose text could be the start of a
 * denied term (or a term that may still grow into a longer word) is held until the next chunks
 * decide; text that cannot start a term is released at once, in order.
 */
export class OutputStream {
  private readonly choices = new Map<number, ChoiceState>();
  /** Codes already reported in this stream: a flagged rule is recorded once, not per chunk. */
  private readonly reported = new Set<string>();
  private readonly keep: number;
  private readonly needsFullText: boolean;

  constructor(private readonly policy: CompiledPolicy) {
    this.keep = Math.max(policy.outputTerms.maxLength, policy.allowTerms.maxLength) + 2;
    this.needsFullText = policy.jsonRequired || policy.outputRegex.length > 0;
  }

  /** Decides about one chunk: the violations it brings, and whether to hold it (else it and anything held are released). */
  push(chunk: ChatCompletionChunk): StreamStep {
    const found: Violation[] = [];
    let hold = this.policy.jsonRequired && this.policy.binding.output.json.bufferStream;
    for (const choice of Array.isArray(chunk?.choices) ? chunk.choices : []) {
      const text = choice?.delta?.content;
      if (typeof text !== 'string' || text === '') continue;
      const state = this.choice(choice.index);
      found.push(...this.consume(state, text));
      if (this.mayHoldATerm(state)) hold = true;
    }
    const violations = this.unreported(found);
    const blocked = violations.some((violation) => violation.action === 'block');
    if (!hold && !blocked) for (const state of this.choices.values()) this.release(state);
    return { violations, hold };
  }

  /** The end of the stream: terms that end the text count now, and the whole text is checked. */
  end(): Violation[] {
    const found: Violation[] = [];
    for (const state of this.choices.values()) {
      const window = this.window(state);
      if (!this.policy.outputTerms.empty && this.policy.outputTerms.contains(this.policy.allowTerms.mask(window), true)) found.push(deniedOutputTerm(this.policy));
      for (const { rule, regex } of this.policy.outputRegex) if (regex.test(state.full)) found.push(outputRegexMatch(rule));
      const json = state.full.trim() === '' ? undefined : jsonViolation(this.policy, state.full);
      if (json) found.push(json);
    }
    return this.unreported(found);
  }

  private consume(state: ChoiceState, text: string): Violation[] {
    const found: Violation[] = [];
    const { max } = this.policy.binding.output.maxChars;
    state.chars += countChars(text);
    if (max > 0 && state.chars > max) found.push(tooLong(this.policy));
    if (this.needsFullText) state.full += text;
    if (this.policy.outputRegex.length > 0) {
      state.tail = (state.tail + text).slice(-REGEX_WINDOW);
      for (const { rule, regex } of this.policy.outputRegex) if (regex.test(state.tail)) found.push(outputRegexMatch(rule));
    }
    if (!this.policy.outputTerms.empty) {
      state.held += foldText(text);
      const window = this.window(state);
      if (!this.allowedPhraseMayGrow(window) && this.policy.outputTerms.contains(this.policy.allowTerms.mask(window), false)) {
        found.push(deniedOutputTerm(this.policy));
      }
    }
    return found;
  }

  private mayHoldATerm(state: ChoiceState): boolean {
    if (this.policy.outputTerms.empty || state.held === '') return false;
    const window = this.window(state);
    const masked = this.policy.allowTerms.mask(window);
    if (this.policy.outputTerms.couldContinue(masked)) return true;
    return this.allowedPhraseMayGrow(window) && this.policy.outputTerms.contains(masked, true);
  }

  /** A denied term inside a phrase of the allow list that is still being written is not decided yet. */
  private allowedPhraseMayGrow(window: string): boolean {
    return !this.policy.allowTerms.empty && this.policy.allowTerms.couldContinue(window);
  }

  private release(state: ChoiceState): void {
    state.released = (state.released + state.held).slice(-this.keep);
    state.held = '';
  }

  private window(state: ChoiceState): string {
    return (state.released + state.held).replace(/ {2,}/g, ' ');
  }

  private choice(index: number): ChoiceState {
    let state = this.choices.get(index);
    if (!state) {
      state = { released: '', held: '', chars: 0, full: '', tail: '' };
      this.choices.set(index, state);
    }
    return state;
  }

  private unreported(found: Violation[]): Violation[] {
    const fresh = found.filter((violation) => !this.reported.has(`${violation.code}:${violation.rule}`));
    for (const violation of fresh) this.reported.add(`${violation.code}:${violation.rule}`);
    return fresh;
  }
}
