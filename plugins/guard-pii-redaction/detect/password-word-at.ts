import { matcherByFirstCharacter, type WordListPart } from './first-character-dispatch.js';
import { NYA, PASS_AFTER_NETWORK_NAME, PERSIAN_POSSESSED_PASSWORD } from './password-word-forms.js';
import { GLUED_PASSWORD_WORDS, PASSWORD_WORDS, PASS_WORD, PREFIXED_PASSWORD_WORDS, SHORT_PASSWORD_WORDS, WEAK_PASSWORD_WORDS, WIFI_WORDS } from './secret-words.js';

/** The lists of {@link passwordWordAt}, in their order. */
export const PASSWORD_WORD_PARTS: readonly WordListPart[] = [
  { before: String.raw`(?<![\p{L}\p{M}])(?:`, words: `${PASSWORD_WORDS}|${SHORT_PASSWORD_WORDS}|psk`, after: String.raw`)(?![\p{L}\p{M}])` },
  { before: '(?<glued>', words: GLUED_PASSWORD_WORDS, after: ')' },
  { before: String.raw`(?<![\p{L}\p{M}])(?<weak>`, words: WEAK_PASSWORD_WORDS, after: String.raw`)${NYA}(?![\p{L}\p{M}])` },
  { before: '(?:', words: PREFIXED_PASSWORD_WORDS, after: String.raw`)(?![\p{L}\p{M}])` },
  { before: '(?:', words: PASS_WORD, after: ')' },
  { before: '(?:', words: PASS_AFTER_NETWORK_NAME, after: ')' },
  { before: '(?:', words: PERSIAN_POSSESSED_PASSWORD, after: ')' },
  { before: String.raw`(?<![\p{L}\p{M}])(?<wifi>`, words: WIFI_WORDS, after: String.raw`)(?![\p{L}\p{M}])` },
];
/**
 * The password word starting where `PASSWORD_WORD` (secret-cues.ts) found one, checked for its boundaries, and its kind: `weak`
 * ("code", "key": the value needs a symbol of its own), `glued` (a word of a script without spaces, whose particles and copulas
 * follow it glued), or any other. The forms of secret-cues.ts are then tried from its end, so the word alternation is run once
 * per word; and only the words that can start with the character found there are tried (see first-character-dispatch.ts).
 */
export const passwordWordAt = matcherByFirstCharacter(PASSWORD_WORD_PARTS, 'yiu');
