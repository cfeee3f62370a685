import { alternativesOf, leadingCharacters } from './alternation.js';

/** A part of a pattern: what stands before its list of alternatives, the list, and what stands after it. */
export interface WordListPart {
  readonly before: string;
  readonly words: string;
  readonly after: string;
}

interface Alternative {
  readonly source: string;
  /** The characters a match of it can start with, in every case; undefined when its source does not tell. */
  readonly firsts: ReadonlySet<string> | undefined;
}

/** `char` and its upper and lower case, where each is one code unit (`ß` upper-cases to `SS`). */
function casesOf(char: string): string[] {
  return [char, char.toLowerCase(), char.toUpperCase()].filter((each) => each.length === 1);
}

/**
 * Round 26: a sticky pattern of large word lists that is tried at one position at a time (a password word's start, where the
 * stem scan found one). Irregexp tries every alternative of a list in turn there: about 2.5 µs for the ~1,000 password words of
 * ~100 languages, nine times per prompt. Here each character a match can start with gets its own pattern, compiled on first
 * use, holding only the alternatives that can start with that character, in their order, so that `exec` reports the same match
 * (an alternative that cannot match at the position changes nothing by being left out). A character the table does not know
 * (a case form no word starts with, half of a surrogate pair) gets the whole pattern.
 */
export function matcherByFirstCharacter(parts: readonly WordListPart[], flags: string): (text: string, at: number) => RegExpExecArray | null {
  const sticky = flags.includes('y') ? flags : `${flags}y`;
  const foldCase = flags.includes('i');
  const lists = parts.map((part) =>
    alternativesOf(part.words).map((source): Alternative => {
      const firsts = leadingCharacters(source);
      return { source, firsts: firsts === undefined ? undefined : new Set([...firsts].flatMap((char) => (foldCase ? casesOf(char) : [char]))) };
    }),
  );
  const whole = new RegExp(parts.map((part) => part.before + part.words + part.after).join('|'), sticky);
  const known = new Set(lists.flatMap((list) => list.flatMap((alternative) => [...(alternative.firsts ?? [])])));
  const byCharacter = new Map<string, RegExp | null>();
  const compile = (char: string): RegExp | null => {
    const sources = parts.flatMap((part, index) => {
      const kept = lists[index].filter((alternative) => alternative.firsts === undefined || alternative.firsts.has(char));
      return kept.length === 0 ? [] : [part.before + kept.map((alternative) => alternative.source).join('|') + part.after];
    });
    return sources.length === 0 ? null : new RegExp(sources.join('|'), sticky);
  };
  return (text, at) => {
    const char = text[at];
    let pattern: RegExp | null | undefined = whole;
    if (char !== undefined && known.has(char)) {
      pattern = byCharacter.get(char);
      if (pattern === undefined) byCharacter.set(char, (pattern = compile(char)));
    }
    if (pattern === null) return null;
    pattern.lastIndex = at;
    return pattern.exec(text);
  };
}
