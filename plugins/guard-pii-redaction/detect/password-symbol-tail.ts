/**
 * Round 25: a short run of word characters cut at a symbol people put inside passwords (`shared secret r4d1us-Edu!roam-77`,
 * `key Tr0ut#Lake-5`): the token scan reads `[\w+/-]` only, so the value stopped at the `!` or `#`. The rest of the word after
 * the symbol belongs to it when a letter or a digit follows the symbol; `@` (an e-mail) and `&` (a query string) are left out.
 */
const SYMBOL_TAIL = /[!#$%*^~](?=[\p{L}\p{N}])[^\s"'`,;<>()[\]{}&@]{1,48}/uy;

/** The rest of the word after a symbol at `end`, without the punctuation that ends a sentence, or ''. */
export function symbolTail(text: string, end: number): string {
  const code = text.charCodeAt(end);
  if (code !== 33 && code !== 35 && code !== 36 && code !== 37 && code !== 42 && code !== 94 && code !== 126) return '';
  SYMBOL_TAIL.lastIndex = end;
  return SYMBOL_TAIL.exec(text)?.[0].replace(/[.,;:?]+$/, '') ?? '';
}
