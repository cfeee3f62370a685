/**
 * Large word patterns (the reference words, the phone cue words) as a prefix tree: `order|ordre|oid` becomes
 * `o(?:rd(?:er|re)|id)`. Irregexp tries every alternative of a flat list at every position it reaches; grouped, one test of
 * a first character stands for all the words that start with it. The language of the pattern is unchanged, and so is what
 * `test` answers (the order of alternatives only decides which match `exec` reports).
 */

/** Characters that start a regex construct rather than stand for themselves. */
const SYNTAX = '\\[](){}|?*+.^$';
const QUANTIFIERS = '?*+{';

/**
 * Walks a pattern source outside escapes and character classes, calling `visit` with each character, its index and the group
 * depth after it (a `(` counts in, a `)` counts out); stops where `visit` returns true.
 */
function walkSource(source: string, visit: (char: string, at: number, depth: number) => boolean | void): void {
  let depth = 0;
  let inClass = false;
  for (let at = 0; at < source.length; at += 1) {
    const char = source[at];
    if (char === '\\') at += 1;
    else if (inClass) inClass = char !== ']';
    else if (char === '[') inClass = true;
    else {
      if (char === '(') depth += 1;
      else if (char === ')') depth -= 1;
      if (visit(char, at, depth)) return;
    }
  }
}

/** The top-level alternatives of a pattern source (`a|b(?:c|d)|[|]` → `a`, `b(?:c|d)`, `[|]`). */
export function alternativesOf(source: string): string[] {
  const out: string[] = [];
  let from = 0;
  walkSource(source, (char, at, depth) => {
    if (char !== '|' || depth !== 0) return;
    out.push(source.slice(from, at));
    from = at + 1;
  });
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

/** A lookbehind or a word boundary at the start of an alternative: it consumes nothing, so the character after it comes first. */
const ZERO_WIDTH_HEAD = /^(?:\\b|\(\?<[!=](?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\))/;

/**
 * The characters a match of `source` can start with, or undefined when they cannot be read from the source (a class, an escape,
 * a quantified or optional first element). Lookbehinds and `\b` before the first character are skipped; a group's alternatives
 * are read in turn.
 */
export function firstCharacters(source: string): Set<string> | undefined {
  const firsts = new Set<string>();
  for (const alternative of alternativesOf(source)) {
    let rest = alternative;
    for (let head = ZERO_WIDTH_HEAD.exec(rest); head !== null; head = ZERO_WIDTH_HEAD.exec(rest)) rest = rest.slice(head[0].length);
    if (rest.startsWith('(?:')) {
      const inner = groupBody(rest);
      if (inner === undefined) return undefined;
      const after = rest[inner.length + 4];
      if (after !== undefined && QUANTIFIERS.includes(after)) return undefined;
      const nested = firstCharacters(inner);
      if (nested === undefined) return undefined;
      for (const char of nested) firsts.add(char);
      continue;
    }
    const head = literalHead(rest);
    if (head === undefined) return undefined;
    firsts.add(head);
  }
  return firsts;
}

/** The index after the lookbehind `source` starts with (its groups nested to any depth), or undefined when it starts with none. */
function lookbehindEnd(source: string): number | undefined {
  if (!source.startsWith('(?<!') && !source.startsWith('(?<=')) return undefined;
  let end: number | undefined;
  walkSource(source, (char, at, depth) => {
    if (char !== ')' || depth !== 0) return false;
    end = at + 1;
    return true;
  });
  return end;
}

/**
 * Round 24: firstCharacters read further, for a filter of the positions a sticky pattern is tried at (reference.ts): also
 * lookbehinds with nested lookbehinds (`(?<!(?<![\p{L}])my\s)#`), a one-character alternative (`№`, `品`) and an optional
 * first character (`お?問い?合わせ`: `お` or `問`). Undefined where the source does not tell.
 */
export function leadingCharacters(source: string): Set<string> | undefined {
  const firsts = new Set<string>();
  for (const alternative of alternativesOf(source)) {
    let rest = alternative;
    for (let end = lookbehindEnd(rest); rest.startsWith('\\b') || end !== undefined; end = lookbehindEnd(rest)) rest = rest.slice(end ?? 2);
    if (rest.startsWith('(?:')) {
      const inner = groupBody(rest);
      const after = inner === undefined ? undefined : rest[inner.length + 4];
      const nested = inner === undefined || (after !== undefined && QUANTIFIERS.includes(after)) ? undefined : leadingCharacters(inner);
      if (nested === undefined) return undefined;
      for (const char of nested) firsts.add(char);
      continue;
    }
    const head = rest[0];
    if (head === undefined || SYNTAX.includes(head) || (head.charCodeAt(0) >= 0xd800 && head.charCodeAt(0) <= 0xdfff) || rest[1] === '{') return undefined;
    firsts.add(head);
    if (rest[1] !== '?' && rest[1] !== '*') continue;
    // An optional first character: the element after it may come first.
    const next = leadingCharacters(rest.slice(2));
    if (next === undefined) return undefined;
    for (const char of next) firsts.add(char);
  }
  return firsts;
}

/** The body of the group `(?:…)` that `source` starts with, or undefined when it does not close. */
function groupBody(source: string): string | undefined {
  let body: string | undefined;
  walkSource(source, (char, at, depth) => {
    if (char !== ')' || depth !== 0) return false;
    body = source.slice(3, at);
    return true;
  });
  return body;
}

/**
 * The pattern with a lookahead on the characters a match can start with, when they can be read: an engine that meets a
 * lookbehind or a construct before the first character tries every alternative at every position; one class test spares that.
 */
export function withFirstCharacterCheck(source: string): string {
  const firsts = firstCharacters(source);
  if (firsts === undefined || firsts.size === 0) return source;
  const characters = [...firsts].map((char) => (/[\]\\^-]/.test(char) ? `\\${char}` : char)).join('');
  return `(?=[${characters}])(?:${source})`;
}

/**
 * Round 25: `pattern.test(text)` tried only where a match can start, at the characters leadingCharacters reads from its source.
 * A pattern that starts with a lookbehind (`(?<![\p{L}])(?:ip|host|…)`) makes the engine try the whole alternation at every
 * position of a context; one table look-up per character spares that. Only for patterns without `i` (case folding would widen
 * the first characters); the answer is the same as the pattern's own.
 */
export function testedAtLeadingCharacters(pattern: RegExp): { test: (text: string) => boolean } {
  const firsts = leadingCharacters(pattern.source);
  if (firsts === undefined || pattern.ignoreCase) throw new Error(`alternation.ts: no first characters for ${pattern.source.slice(0, 40)}…`);
  const table = new Uint8Array(0x10000);
  for (const char of firsts) table[char.charCodeAt(0)] = 1;
  const sticky = new RegExp(pattern.source, `${pattern.flags.replace(/[gy]/g, '')}y`);
  return {
    test: (text: string): boolean => {
      for (let at = 0; at < text.length; at += 1) {
        if (table[text.charCodeAt(at)] === 0) continue;
        sticky.lastIndex = at;
        if (sticky.test(text)) return true;
      }
      return false;
    },
  };
}
