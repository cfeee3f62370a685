/**
 * Round 26: values of notes and stickers labelled in ways the cued forms do not read.
 *
 * - A password word paired by a slash with another credential word, as one label (`Wireless Password/PIN: 64093718`,
 *   `Passwort/PIN: …`, `PIN/Kennwort: …`, `Key/Passphrase: …`): the label names a password whichever word comes first; a value of
 *   eight and more digits (a router's key), or letters with a digit or a symbol.
 * - The guest network's password after the house network's in a list (`WIFI = ilovemykids4ever | GUEST = welcome-friends`,
 *   `Wifi: x, Gäste: y`): both values, lower case, joined words or words and digits; a network's name (capitals, a band,
 *   `-guest`) is not one.
 * - A dictated password and then the same words written joined (`the password is all lowercase purple monkey dishwasher no spaces"
 *   → purplemonkeydishwasher`): the joined form is the password.
 */
import { type Detection } from './detection.js';
import { pushSecretIfFree } from './secret-values.js';
import { holds } from './secret-first-pass.js';

/** Password words and the credential words paired with them by a slash, in the languages of the corpus. */
const PASSWORD_LABEL = String.raw`password|passwort|kennwort|passphrase|passcode|contraseña|senha|mot de passe|wachtwoord|lösenord|passord|adgangskode|salasana|hasło|heslo|parola|parolă|пароль|clave`;
const OTHER_LABEL = String.raw`pin|key|code|schlüssel|clé|chave|chiave|sleutel|nyckel|klucz|ключ|wpa2?|psk|${PASSWORD_LABEL}`;
const SLASHED_LABEL = new RegExp(
  String.raw`(?<![\p{L}])(?:(?:${PASSWORD_LABEL})\s*\/\s*(?:${OTHER_LABEL})|(?:${OTHER_LABEL})\s*\/\s*(?:${PASSWORD_LABEL}))(?![\p{L}])\s*[:=：]\s*["'“]?(?<value>[^\s"'”,;|()]{6,64})`,
  'giu',
);
/** The word (letters of any script, lower case) right before `at`, one space allowed between; '' when none. */
function wordBefore(text: string, at: number): string {
  let end = at;
  if (text.charCodeAt(end - 1) === 32) end -= 1;
  let start = end;
  while (start > 0 && end - start < 16) {
    const code = text.charCodeAt(start - 1);
    if (!((code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code > 127)) break;
    start -= 1;
  }
  return start === end ? '' : text.slice(start, end).toLowerCase();
}
/** The last words of the labels. */
const LABEL_LAST_WORDS: ReadonlySet<string> = new Set(OTHER_LABEL.split('|').map((label) => label.split(' ').pop()?.replace(/\d\?$/, '') ?? '').concat(['wpa2']));
/** A label word right before a slash, the test run at each slash before the label pattern. */
const LABEL_BEFORE_SLASH = new RegExp(String.raw`(?<![\p{L}])(?:${OTHER_LABEL})\s*$`, 'iu');
/** Eight and more digits, or letters with a digit or a symbol. */
const LABEL_VALUE = /^(?:\d{8,64}|(?=.*\p{L})(?=.*[\d!#$%&*@^~_+-])[^\s]+)$/u;

/** A house network's and then its guest network's entry in a list, each with its value. */
const WIFI_THEN_GUEST = /(?<![\p{L}])(?:wi-?fi|wlan)\s*[:=]\s*(?<home>[^\s|,;/]{8,40})\s*[|,;/]\s*(?:guest|guests|gast|gäste|invités|invitados|convidados|ospiti)(?:\s+(?:wi-?fi|wlan|network|netz))?\s*[:=]\s*(?<guest>[^\s|,;/]{8,40})(?=\s*(?:$|[|,;/\n]))/giu;
/** A value of the list: lower case, words joined by dashes or digits; not a network's name (a band, `guest`, `-ext`). */
const LIST_VALUE = /^(?=.*[a-z]{3})(?:[a-z]+(?:-[a-z]+){1,5}|[a-z]{4,}\d{1,4}[a-z]*)$/;
const NETWORK_NAME = /(?:^|[-_])(?:2\.?4|5)g(?:hz)?|guest|gast|ext$|wifi|wlan|net$|home$|router|mesh/i;

export function detectNoteLabels(text: string, found: Detection[]): void {
  // Only at the slashes with a label word right before them: a text's slashes are mostly of URLs and paths.
  for (let slash = text.indexOf('/'); slash >= 0; slash = text.indexOf('/', slash + 1)) {
    const from = Math.max(0, slash - 20);
    // A label word ends right before the slash (a space may stand between): its last word is looked up before any pattern runs,
    // since the slashes of a text are mostly of URLs and paths.
    if (!LABEL_LAST_WORDS.has(wordBefore(text, slash)) || !LABEL_BEFORE_SLASH.test(text.slice(from, slash))) continue;
    SLASHED_LABEL.lastIndex = from;
    const match = SLASHED_LABEL.exec(text);
    if (match === null || match.index > slash) continue;
    const raw = match.groups?.value ?? '';
    const value = raw.replace(/[.!?]+$/, '');
    if (LABEL_VALUE.test(value)) pushSecretIfFree(found, match.index + match[0].length - raw.length, match.index + match[0].length - raw.length + value.length);
  }
  const guest = holds(text, 'uest') || holds(text, 'UEST') || holds(text, 'Gast') || holds(text, 'gast') || holds(text, 'äste') || holds(text, 'nvit') || holds(text, 'onvidad') || holds(text, 'spiti');
  if (guest && (holds(text, 'ifi') || holds(text, 'IFI') || holds(text, 'iFi') || holds(text, 'lan') || holds(text, 'LAN'))) {
    WIFI_THEN_GUEST.lastIndex = 0;
    for (let match = WIFI_THEN_GUEST.exec(text); match !== null; match = WIFI_THEN_GUEST.exec(text)) {
      const { home = '', guest = '' } = match.groups ?? {};
      if (!LIST_VALUE.test(home) || !LIST_VALUE.test(guest) || NETWORK_NAME.test(home) || NETWORK_NAME.test(guest)) continue;
      pushSecretIfFree(found, match.index + match[0].indexOf(home), match.index + match[0].indexOf(home) + home.length);
      pushSecretIfFree(found, match.index + match[0].length - guest.length, match.index + match[0].length - guest.length + guest.length);
    }
  }
}

/** The joined form of dictated words after an arrow or a colon (`→ purplemonkeydishwasher`). */
const JOINED_AFTER_MARK = /(?:→|->|=>|⇒|:)\s*["'“]?([\p{Ll}\d]{10,64})(?![\p{L}\p{N}])/gu;
/** How far after a password word the dictated words and their joined form may stand. */
const DICTATION_WINDOW = 240;

/** Whether the text (the one of the last first pass) holds an arrow at all: asked once per text before {@link detectJoinedDictation}. */
export const mayHoldArrow = (text: string) => holds(text, '→') || holds(text, '->') || holds(text, '=>') || holds(text, '⇒');

/**
 * After a password word ending at `cueEnd`: a word written after an arrow or a colon that is the joining of two to six words said
 * between the cue and it (`purple monkey dishwasher` → `purplemonkeydishwasher`); whether one was taken.
 */
export function detectJoinedDictation(text: string, cueEnd: number, found: Detection[]): boolean {
  const window = text.slice(cueEnd, cueEnd + DICTATION_WINDOW);
  if (!/→|->|=>|⇒/.test(window)) return false;
  JOINED_AFTER_MARK.lastIndex = 0;
  for (let match = JOINED_AFTER_MARK.exec(window); match !== null; match = JOINED_AFTER_MARK.exec(window)) {
    const joined = match[1];
    const words = window.slice(0, match.index).toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    for (let first = 0; first < words.length; first += 1) {
      let glued = '';
      for (let last = first; last < words.length && last < first + 6 && glued.length < joined.length; last += 1) {
        glued += words[last];
        if (glued === joined && last > first) {
          const start = cueEnd + match.index + match[0].length - joined.length;
          return pushSecretIfFree(found, start, start + joined.length);
        }
      }
    }
  }
  return false;
}
