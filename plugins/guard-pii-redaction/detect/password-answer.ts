/**
 * Round 28: a password given as the answer to a question about it, or after a remark, a few words after the password word: what
 * chats and call transcripts hold (`"whats the guest wifi pw" — Agent: "It's Lobby-Guest-8812, valid for 24h."`, `The Wi-Fi
 * password? It's on the sticker… K7XQ-M2PD-9WTR.`, `la clé wifi de la box c'est bien K9fE2xWq7TzR4nPa ?`, `hasło to…
 * Żubrówka2023!`, `das alte Passwort … vergessen, es war glaub ich Zugspitze!1962`, `the password is all lowercase with dashes,
 * it's maple-syrup-on-tuesdays`). The copula the cued forms expect right after the word stands after a question mark, a quote,
 * a clause, or is followed by a filler (`uh`, `glaub ich`, `bien`) or a remark and an ellipsis.
 *
 * Read only at the password words the stem scan found, within {@link REACH} characters after each, and only a value no sentence
 * holds by chance: letters, a digit and a symbol; both cases and digits (ten or more characters); groups of letters and digits
 * between hyphens (`K7XQ-M2PD-9WTR`); or, where the words before it say so (`with dashes`), lower-case words joined by hyphens.
 */
import { type Detection } from './detection.js';
import { passwordStemsOf } from './password-stems.js';
import { isOtherValue, isPlaceholder, looksLikePassword, pushSpanIfFree } from './secret-values.js';

/** How far after a password word the answer may stand. */
const REACH = 100;
/** A detection this close after a password word is its value. */
const NEAR = 40;
/** The copulas of an answer, in the languages of the splits. */
const COPULA = String.raw`it[’']?s|it is|that[’']?s|c[’']est(?:\s+bien)?|es war|war|ist|lautet|to|jest|było|była|to jest|es|era|fue|é|è|foi|är|var|er|is|was|это|был[оа]?|je|bylo|είναι|ήταν`;
/** Fillers of speech after the copula. */
const FILLER = String.raw`glaub(?:e)? ich|ich glaube|je crois|je pense|creo|acho|penso|chyba|myślę|i think|uh+|um+|äh+|ähm|euh|eh|ehm|like|wohl|bien|nämlich`;
/** The copula, a filler or a remark closed by an ellipsis, a colon or a dash, and an opening quote, right before a value. */
const ANSWER_BEFORE = new RegExp(
  String.raw`(?<![\p{L}])(?:${COPULA})(?![\p{L}])(?:\s+(?:${FILLER}),?)?(?:(?:\s+[^\s.?!…:]{1,14}){0,5}?\s*(?:…|\.\.\.|:|—|–))?\s*["“„«']?$`,
  'iu',
);
/** The marks around values, by character code: a candidate value is a run of 6 to 64 characters with none of them. */
const MARKS = new Uint8Array(65536);
for (const char of ' \t\n\r"”“\'«»,;?()[]') MARKS[char.charCodeAt(0)] = 1;
/**
 * Each candidate of `window` as `[start, end)`: a run with none of {@link MARKS}, holding a digit (every shape but the dashed words
 * does) or a hyphen (the dashed words). A loop over the characters: the window is read at most password words.
 */
function candidates(window: string): [number, number][] {
  const runs: [number, number][] = [];
  let start = 0;
  let wanted = false;
  for (let at = 0; at <= window.length; at += 1) {
    const code = at < window.length ? window.charCodeAt(at) : 32;
    if (MARKS[code] === 0) {
      if ((code >= 48 && code <= 57) || code === 45) wanted = true;
      continue;
    }
    if (wanted && at - start >= 6 && at - start <= 64) runs.push([start, at]);
    start = at + 1;
    wanted = false;
  }
  return runs;
}

/** The last words of {@link COPULA} and {@link FILLER}: the word right before an answer's value is one of them, or ends with a mark. */
const LAST_WORDS = new Set([
  'its', 'is', 'thats', 'cest', 'bien', 'war', 'ist', 'lautet', 'to', 'jest', 'było', 'była', 'es', 'era', 'fue', 'é', 'è', 'foi', 'är', 'var', 'er',
  'was', 'это', 'было', 'был', 'была', 'je', 'bylo', 'είναι', 'ήταν', 'ich', 'glaube', 'crois', 'pense', 'creo', 'acho', 'penso', 'chyba', 'myślę',
  'think', 'uh', 'uhh', 'um', 'umm', 'äh', 'ähh', 'ähm', 'euh', 'eh', 'ehm', 'like', 'wohl', 'nämlich',
]);
/** What may stand between the word before an answer and its value: spaces, an opening quote, a comma. */
const BEFORE_VALUE = new Set([...' \t\n\u00a0"“„«\',']);
/** What ends the word before them (an apostrophe does not: `it's`, `c'est`). */
const WORD_STOPS = new Set([...' \t\n\u00a0"“„«,(—–']);
/**
 * Whether the text before a candidate ends with a word of {@link LAST_WORDS} or an ellipsis, a colon or a dash (and an opening
 * quote): read backwards from its end, character by character (an end-anchored regex would be tried at every position).
 */
function endsLikeAnswer(head: string): boolean {
  let end = head.length;
  while (end > 0 && BEFORE_VALUE.has(head[end - 1])) end -= 1;
  const last = head[end - 1];
  if (last === '…' || last === ':' || last === '—' || last === '–' || head.slice(end - 3, end) === '...') return true;
  let start = end;
  while (start > 0 && end - start <= 12 && !WORD_STOPS.has(head[start - 1])) start -= 1;
  return LAST_WORDS.has(head.slice(start, end).toLowerCase().replace(/[’']/g, ''));
}

/** Groups of letters and digits between hyphens, as keys are printed on stickers and cards. */
const GROUPED = /^[A-Za-z0-9]{3,6}(?:-[A-Za-z0-9]{3,6}){2,5}$/;
/** Lower-case words joined by hyphens, a passphrase once the text says it is written with dashes. */
const DASHED_WORDS = /^\p{Ll}{2,}(?:-\p{Ll}{2,}){3,}$/u;
const SAYS_DASHES = /dash|hyphen|tiret|bindestrich|guion|guión|hífen|trattin|myślnik|дефис/i;

/** A subject other than the password right before the copula (read on the text before the copula): `la red es X`, `the repo is X`, `username is X`. */
const OTHER_SUBJECT = /(?:red|network|ssid|netzwerk|réseau|rede|rete|sieć|сеть|name|nombre|nom|nome|user|username|usuario|utilisateur|login|benutzer|benutzername|repo|account|cuenta|compte|konto|host|server|serveur|id|e-?mail|code|error|fehler|erreur|ошибка)\s*$/iu;

function isAnswerValue(value: string, between: string): boolean {
  if (isPlaceholder(value)) return false;
  if (DASHED_WORDS.test(value)) return SAYS_DASHES.test(between) && value.length >= 16;
  if (isOtherValue(value)) return false;
  if (GROUPED.test(value)) return /\d/.test(value) && /[A-Za-z]/.test(value);
  if (/[+/=]/.test(value) || /^(?:ssh|ecdsa|sk)-/.test(value)) return false; // base64 of a key, a key's type
  if (/\d/.test(value) && /\p{Lu}/u.test(value) && /\p{Ll}/u.test(value) && value.length >= 10 && value.length <= 24) return true;
  return looksLikePassword(value) && value.length >= 8 && /\p{L}{3}/u.test(value);
}

/** The password words themselves (not the Wi-Fi, network, key or code words, after which a network's name or a key id is told so). */
const STRONG_STEM = /(?:pass(?:word|wort|wd|phrase|code|ord)|pw(?![\p{L}])|mdp|mot de passe|contrase|senha|kennwort|wachtwoord|hasł|hesl|парол|şifr|sifre|lösenord|passord|salasan|jelsz|clé wi|parol|パスワード|密码|密碼|비밀번호|كلمة|باسورد)/uy;

export function detectAnsweredPasswords(text: string, found: Detection[]): void {
  const { lower, stems } = passwordStemsOf(text);
  if (stems.length === 0) return;
  let after = 0;
  for (const stem of stems) {
    if (stem < after) continue;
    STRONG_STEM.lastIndex = stem; // read on the lower-cased text the stem scan made, where the stem starts
    if (!STRONG_STEM.test(lower)) continue;
    // The value of most password words is told right after them, and found already: nothing further is read for them.
    if (found.some((detection) => detection.start > stem && detection.start < stem + NEAR)) continue;
    const window = text.slice(stem, stem + REACH);
    for (const [from, to] of candidates(window)) {
      const value = window.slice(from, to).replace(/(?:\.+|…)$/, '');
      const head = window.slice(0, from);
      if (!endsLikeAnswer(head) || !isAnswerValue(value, head)) continue; // the cheap tests first
      const before = head.slice(-80);
      if (!ANSWER_BEFORE.test(before) || OTHER_SUBJECT.test(before.replace(ANSWER_BEFORE, ''))) continue;
      pushSpanIfFree(found, stem + from, value);
      after = stem + from + value.length;
      break;
    }
  }
}
