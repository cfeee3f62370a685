/**
 * What stays outside a value taken after a password word: marks of the sentence around it, and a prefix of the language's grammar.
 */

/** What may follow a value whose last mark ends the clause: a space, a closing quote or bracket, the end of the text. */
const CLAUSE_GOES_ON = /^(?:[\s"'”’»)\]]|$)/;
/**
 * Round 26: the copulative prefix of Zulu and Xhosa, written with a hyphen before a word that starts with a capital or a digit
 * (`Iphasiwedi yesitolo yi-Isitolo!Jozi22`, `ngu-X`): "is", not part of the value.
 */
const NGUNI_COPULA = /^(?:yi|ngu|wu)-(?=[\p{Lu}\d])/u;

/** Where the value `value` found at `start` of `text` really starts and what it is, without the marks of the text around it. */
export function valueWithoutEdges(text: string, start: number, value: string): [number, string] {
  const next = text.slice(start + value.length, start + value.length + 1);
  let kept = value;
  // A full stop that ends the sentence stays outside the value (`Password: X. Support: …`), and one before a closing quote or
  // bracket (`…a temporary value: X."`). Round 26: so does a colon before the next clause (`գաղտնաբառն է X: Զանգիր …`).
  if (/[.:]$/.test(kept) && CLAUSE_GOES_ON.test(next)) kept = kept.replace(/[.:]+$/, '');
  const prefix = /\s/.test(text.charAt(start - 1)) ? NGUNI_COPULA.exec(kept)?.[0].length ?? 0 : 0;
  return [start + prefix, kept.slice(prefix)];
}
