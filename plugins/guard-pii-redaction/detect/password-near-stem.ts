/**
 * Round 26: the scans that read a value some words after a password word (password-spelled-out.ts, password-typed.ts,
 * password-contrast.ts) start from their own cue, a rare literal found with `indexOf`, and ask here whether a password word
 * stands before it in the same sentence: each costs what its cue's occurrences cost, not a pass over every password word.
 */
import { passwordStemsOf } from './password-stems.js';
import { holds } from './secret-first-pass.js';

/** Where a sentence ends: a full stop, a question or an exclamation mark before a space, a line break. */
const SENTENCE_END = /[.?!。！？](?=\s)|\n/;

/** Whether a password word starts at most `reach` characters before `at`, with no sentence end between. */
export function followsPasswordWord(text: string, at: number, reach: number): boolean {
  const stems = passwordStemsOf(text).stems;
  for (let index = stems.length - 1; index >= 0; index -= 1) {
    const stem = stems[index];
    if (stem >= at) continue;
    return at - stem <= reach && !SENTENCE_END.test(text.slice(stem, at));
  }
  return false;
}

/** Each word without its first letter, made once. */
const GATES = new Map<string, string>();
/**
 * Calls `visit` with each start of `word` in `lower` (`text` in lower case) where no letter stands right before it. The word
 * without its first letter is looked up first in the first pass's index of `text` as written (`Capital` at a sentence's start).
 */
export function eachWordAt(text: string, lower: string, word: string, visit: (at: number) => void): void {
  let gate = GATES.get(word);
  if (gate === undefined) GATES.set(word, (gate = word.slice(1)));
  if (!holds(text, gate)) return;
  for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) {
    if (at > 0 && /\p{L}/u.test(lower[at - 1])) continue;
    visit(at);
  }
}
