/**
 * Large word patterns (the reference words, the phone cue words) as a prefix tree: `order|ordre|oid` becomes
 * `o(?:rd(?:er|re)|id)`. Irregexp tries every alternative of a flat list at every position it reaches; grouped, one test of
 * a first character stands for all the words that start with it. The language of the pattern is unchanged, and so is what
 * `test` answers (the order of alternatives only decides which match `exec` reports).
 */

/** Characters that start a regex construct rather than stand for themselves. */
const SYNTAX = '\\[](){}|?*+.^$';
const QUANTIFIERS = '?*+{';

/** The top-level alternatives of a pattern source (`a|b(?:c|d)|[|]` → `a`, `b(?:c|d)`, `[|]`). */
export function alternativesOf(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let at = 0; at < source.length; at += 1) {
    const char = source[at];
    if (char === '\\') at += 1;
    else if (inClass) inClass = char !== ']';
    else if (char === '[') inClass = true;
    else if (char === '(') depth += 1;
    else if (char === ')') depth -= 1;
    else if (char === '|' && depth === 0) {
      out.push(source.slice(from, at));
      from = at + 1;
    }
  }
  out.push(source.slice(from));
  return out;
}

/** The literal first character of an alternative, or undefined when it starts with a construct or is quantified. */
function literalHead(alternative: string): string | undefined {
  const head = alternative[0];
  if (head === undefined || SYNTAX.includes(head) || QUANTIFIERS.includes(alternative[1] ?? '')) return undefined;
  const code = head.charCodeAt(0);
  return code >= 0xd800 && code <= 0xdfff ? undefined : head;
}

/** The alternatives as one pattern source, grouped by their common leading characters. */
export function prefixTree(alternatives: readonly string[]): string {
  const groups = new Map<string, string[]>();
  const rest: string[] = [];
  for (const alternative of new Set(alternatives)) {
    const head = literalHead(alternative);
    if (head === undefined) rest.push(alternative);
    else groups.set(head, [...(groups.get(head) ?? []), alternative.slice(1)]);
  }
  const grouped = [...groups].map(([head, tails]) => {
    if (tails.length === 1) return head + tails[0];
    const inner = prefixTree(tails);
    return alternativesOf(inner).length === 1 ? head + inner : `${head}(?:${inner})`;
  });
  return [...grouped, ...rest].join('|');
}
