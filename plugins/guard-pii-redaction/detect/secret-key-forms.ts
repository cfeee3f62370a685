/**
 * Round 26: keys the cued forms miss for the form they are written in, not for their shape:
 *
 * - the account key of an Azure Storage (or Service Bus, Event Hubs) connection string, `…;AccountKey=<base64>;…`, whose base64 may
 *   start with a `/` (which the assigned-value form takes for a path);
 * - an Azure DevOps personal access token: 52 characters of lower-case base32 a few words after `PAT` or `DevOps` (`Azure DevOps
 *   PAT (payroll-pipeline): …`, the remark in brackets longer than the token cue allows), or the 84-character form with its `AZDO`
 *   signature anywhere;
 * - a key rotated, written `old X new Y` after its credential word (`Rotating the Vercel token for the storefront: old … new …`,
 *   `Stripe-Key: alt … neu …`): each run of both cases and a digit right after a word for "old" or "new";
 * - a key written `<login>:<secret>` after its cue (Qonto's `clé API lefevre-boulangerie-1234:9bb3…`, `API key acme-prod:4f1d…`): the
 *   hex after the colon, where the token cue asks for words only between the cue and the value.
 *
 * Each scan runs only on texts holding its literal, or on the hex and token runs the first pass already found.
 */
import { before, type Detection, eachMatch } from './detection.js';
import type { Run } from './secret-first-pass.js';
import { holds } from './secret-first-pass.js';
import { HEX_CUE_WORD, NOT_A_SECRET_HEX } from './secret-cues.js';
import { hexCueStart } from './secret-cued.js';
import { isPlaceholder, looksRandom, pushSpanIfFree } from './secret-values.js';

/** The key of a connection string (`AccountKey=`, `SharedAccessKey=`): 40 to 100 characters of base64 up to the next `;`. */
const CONNECTION_STRING_KEY = /\b(?:AccountKey|SharedAccessKey)=([A-Za-z0-9+/]{40,100}={0,2})(?![A-Za-z0-9+/=])/g;

/** A run of the first pass that is an Azure DevOps PAT's body: 52 base32 characters (lower case, digits 2–7). */
const BASE32_PAT = /^[a-z2-7]{52}$/;
/** The PAT's name within a few words before it, on its line. */
const DEVOPS_PAT_NAME = /(?:\b(?:PAT|pat|Pat)s?\b|[Pp]ersonal [Aa]ccess [Tt]oken|\b[Dd]ev[Oo]ps\b|\bADO\b)[^\n]{0,60}$/;
/** The 84-character Azure DevOps PAT, base62 with the `AZDO` signature at characters 77 to 80. */
const DEVOPS_PAT_SIGNED = /\b([A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4})\b/g;

/** A word for "old" or "new" right before a run (and a colon or an arrow), in the languages of the corpus. */
const OLD_OR_NEW_LIST = [
  'old', 'new', 'alt', 'neu', 'neuer', 'neues', 'ancien', 'ancienne', 'nouveau', 'nouvelle', 'antiguo', 'antigua', 'viejo', 'nuevo', 'nueva', 'antigo', 'antiga', 'novo', 'nova', 'vecchio', 'vecchia', 'nuovo', 'nuova', 'oud', 'oude', 'nieuw', 'nieuwe', 'gammal', 'gamla', 'ny', 'nya', 'gammel', 'gamle', 'stary', 'stara', 'nowy', 'nowa', 'старый', 'старая', 'новый', 'новая', 'eski', 'yeni',
];
const OLD_OR_NEW = new RegExp(String.raw`(?:^|[\s(,;:|])(?:${OLD_OR_NEW_LIST.join('|')})\s*(?:[:=]|->|→|=>)?\s*["'\u0060]?$`, 'iu');
/** The words of {@link OLD_OR_NEW}, looked up first: most runs have no such word before them. */
const OLD_OR_NEW_WORDS: ReadonlySet<string> = new Set(OLD_OR_NEW_LIST);

/** The word right before a run (lower case), past a colon, an arrow, a quote and spaces; '' when none. */
function wordBefore(text: string, at: number): string {
  let end = at;
  while (end > 0 && end > at - 6 && /[\s:=>→"'`-]/u.test(text[end - 1])) end -= 1;
  let start = end;
  while (start > 0 && end - start < 12 && /\p{L}/u.test(text[start - 1])) start -= 1;
  return text.slice(start, end).toLowerCase();
}

/** A credential word earlier on the line: the rotated value is a key, not a commit or a build id. */
const KEY_WORD_ON_LINE = /(?:token|api[\s_-]?key|secret|access[\s_-]?key|\bPAT\b|jeton|clé|clave|chave|chiave|schlüssel|sleutel|nyckel|klucz|ключ|токен|anahtar)[^\n]*$/iu;
/** How far before a rotated run its credential word may stand. */
const KEY_WORD_WINDOW = 120;

/** Both cases and a digit, random, not a filler. */
const isMixedRandom = (body: string) => /[a-z]/.test(body) && /[A-Z]/.test(body) && /\d/.test(body) && looksRandom(body, true) && !isPlaceholder(body);

/** A login right before the colon that opens a hex run: letters, digits, dots, dashes, `@`. */
const LOGIN_BEFORE_COLON = /(?<![^\s"'`(«“])[\w.@-]{3,64}:$/;

export function detectKeyForms(text: string, runs: { hex: readonly Run[]; tokens: readonly Run[] }, found: Detection[]): void {
  if (holds(text, 'ountKey=') || holds(text, 'ccessKey=')) {
    eachMatch(CONNECTION_STRING_KEY, text, (match) => {
      if (isMixedRandom(match[1])) pushSpanIfFree(found, match.index + match[0].length - match[1].length, match[1]);
    });
  }
  if (holds(text, 'AZDO')) {
    eachMatch(DEVOPS_PAT_SIGNED, text, (match) => {
      if (isMixedRandom(match[1])) pushSpanIfFree(found, match.index, match[1]);
    });
  }
  for (const run of runs.tokens) {
    const length = run.end - run.start;
    if (length === 52) {
      const body = text.slice(run.start, run.end);
      if (BASE32_PAT.test(body) && looksRandom(body, false) && !isPlaceholder(body) && DEVOPS_PAT_NAME.test(before(text, run.start, 80))) pushSpanIfFree(found, run.start, body);
      continue;
    }
    if (length < 20 || length > 128) continue;
    if (!OLD_OR_NEW_WORDS.has(wordBefore(text, run.start)) || !OLD_OR_NEW.test(before(text, run.start, 16))) continue;
    const value = text.slice(run.start, run.end).replace(/=+$/, '');
    if (!isMixedRandom(value) || !KEY_WORD_ON_LINE.test(before(text, run.start, KEY_WORD_WINDOW))) continue;
    pushSpanIfFree(found, run.start, value);
  }
  for (const run of runs.hex) {
    if (text.charCodeAt(run.start - 1) !== 58) continue; // ':'
    const head = before(text, run.start, 64 + 64);
    const login = LOGIN_BEFORE_COLON.exec(head);
    if (login === null) continue;
    const cueHead = head.slice(0, login.index);
    if (!HEX_CUE_WORD.test(cueHead.slice(-48))) continue;
    const cue = hexCueStart(cueHead.slice(-48));
    if (cue < 0 || NOT_A_SECRET_HEX.test(cueHead.slice(-48).slice(0, cue))) continue;
    const value = text.slice(run.start, run.end);
    if (looksRandom(value, false)) pushSpanIfFree(found, run.start, value);
  }
}
