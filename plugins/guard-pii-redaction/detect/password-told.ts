/**
 * Round 24: two ways people tell a password in prose that the cued forms missed, tried at each password word the cued scan
 * visits, before the forms that would take a part of it:
 * - changed "from X to Y", right after the password word (`changed the wifi password from Harbor2019 to Harbor2024!x`,
 *   `cambié mi contraseña de Tortuga_1990 a Tortuga_1990!nueva`, `Passwort von Sommer2020 auf Winter2024!`, `сменил пароль с
 *   Kotik_2019 на Kotik_2024!`): both values are the account's passwords, the old and the new one, and both are SECRET;
 * - said aloud and quoted after a verb of saying (`read the new DB password out loud on the bridge ("purple-Tractor-91-Lagoon")`,
 *   `dictó la contraseña en voz alta («Lince-Rojo-2023»)`): a quoted value a few words after the word, which the spoken forms
 *   do not reach past the words about how it was said.
 */
import { isMixedWithDigit } from './password-shapes.js';
import { isOtherValue, isPlaceholder, looksLikePassword, looksLikeStrongPassword, matchAt, STRONG_SYMBOL } from './secret-values.js';

/** "from" in the languages of the splits (the preposition before the old value). */
const FROM = String.raw`from|de|desde|von|van|från|fra|z|ze|с|со|з|від|dari|da|dal|du|depuis|od|από|từ`;
/** "to" before the new value. */
const TO = String.raw`to|into|a|à|para|pra|auf|zu|in|naar|till|til|na|на|в|ke|jadi|menjadi|en|em|al|σε|thành|sang`;
/** A value as written in prose: no space, no quote or bracket, 6 to 64 characters, maybe quoted. */
const VALUE = String.raw`["'“„«‘]?(?<%s>[^\s"'“”„«»‘’()\[\]]{6,64})["'”»’]?`;
/**
 * After the password word: up to four words saying whose password (`de Netflix`, `for the router`, `мой`), then "from X to Y".
 * The value ends before a space, a list mark or a full stop that ends the sentence.
 */
const FROM_TO_PASSWORD = new RegExp(
  String.raw`(?<gap>(?:\s+[\p{L}\p{M}\p{N}'’.-]+){0,4}?)\s+(?:${FROM})\s+${VALUE.replace('%s', 'old')}\s+(?:${TO})\s+${VALUE.replace('%s', 'value')}(?=[\s)]|$)`,
  'yiu',
);
/** Words in the gap that make it a setting, not a password (`password hashing from PBKDF2 to Argon2id`, `policy from 8 to 12`). */
const NOT_A_CHANGED_PASSWORD =
  /(?<![\p{L}])(?:hash\p{L}*|algorithm\p{L}*|encryption|cipher|policy|policies|length|manager|storage|scheme|format|field|column|rules?|requirements?|expir\p{L}*|rotation|vault|lengths?|minimum|maximum|min|max|characters?|chars?|digits?|zeichen|caract\p{L}*|hachage|hashing|moved|migrated|copied|synced|sent|transferred|exported|imported|forwarded|went|goes|go)(?![\p{L}])/iu;
/**
 * A verb of sending or moving just before the password word: "from X to Y" are then the people or places it went between
 * (`sent the password from alice99 to bob_77`, `copied the passwords from vault1 to vault2`).
 */
const MOVED_BEFORE = /(?<![\p{L}])(?:sent|send|sending|forwarded|shared|copied|moved|migrated|synced|transferred|exported|imported|emailed|texted|passed)(?:\s+[\p{L}'’]+){0,3}\s*$/iu;

/** 6–64 characters, a letter, and a digit or a symbol people put in passwords; not an address, a version or a placeholder. */
function isChangedValue(value: string): boolean {
  return value.length >= 6 && /\p{L}/u.test(value) && (/\d/.test(value) || STRONG_SYMBOL.test(value)) && !isOtherValue(value) && !isPlaceholder(value);
}

/** A value without the marks that end a clause after it (`… a Gato_2025#b.`, `to X, then`); an `!` is the password's. */
const withoutClauseEnd = (value: string) => value.replace(/[.,;:]+$/, '');

/**
 * Whether a {@link FROM_TO_PASSWORD} match is a changed password: both values look like passwords, they differ, neither is
 * all capitals and digits (an algorithm, a model: `SHA256`, `RTX3080`), and no gap word makes it a setting.
 */
function isFromToPassword(match: RegExpExecArray, head: string): boolean {
  if (MOVED_BEFORE.test(head)) return false;
  const old = withoutClauseEnd(match.groups?.old ?? '');
  const value = withoutClauseEnd(match.groups?.value ?? '');
  if (old === value || NOT_A_CHANGED_PASSWORD.test(match.groups?.gap ?? '')) return false;
  return [old, value].every((part) => isChangedValue(part) && !/^[\p{Lu}\d_-]+$/u.test(part));
}

/** Verbs and phrases of saying a password aloud, before the password word or between it and the quote. */
const SAID =
  /(?<![\p{L}])(?:read|reads|said|says|say|told|spelled|spelt|dictated|shouted|announced|out loud|aloud|leyó|dijo|dictó|deletreó|en voz alta|a lu|a dit|a dicté|à voix haute|vorgelesen|gesagt|diktiert|buchstabiert|leu|disse|ditou|em voz alta|ha letto|ha detto|ha dettato|ad alta voce|voorgelezen|gezegd|hardop|läste|högt|czytał\p{L}*|powiedział\p{L}*|podyktował\p{L}*|на?диктовал\p{L}*|прочитал\p{L}*|сказал\p{L}*|вслух)(?![\p{L}])/iu;
/** Up to six words after the password word, then a quote (in a bracket, after a comma or a colon) holding the value. */
const SAID_PASSWORD = /(?<gap>(?:\s+[\p{L}\p{M}\p{N}'’.-]+){0,6}?)\s*[,:：(]?\s*["“„«][ \u00a0\u202f]?(?<value>[^\s"“”„«»]{6,64})[ \u00a0\u202f]?["”“»]/yu;
/** Words between that make the quote a message, a prompt or a rule, not the password (`the password prompt said "…"`). */
const NOT_SAID_GAP = /(?<![\p{L}])(?:error|message|prompt|hint|question|answer|text|label|title|field|policy|rule|requirement|format|example|tip|screen|dialog|popup|banner|reset|e-?mail|mail|docs?|link|page|file|folder|manager|vault|document)s?(?![\p{L}])/iu;

/** A digit or a symbol people put in passwords: one of them is in every value either form takes. */
const VALUE_MARK = /[\d!#$%&*+=?@^~]/;

/** The values a password word at [start, end) tells, as [offset, value] pairs, and where the telling ends; null when none. */
export function toldPasswords(text: string, start: number, end: number): { values: [number, string][]; end: number } | null {
  // Both forms need a digit or a symbol in their value, and the said form a quote: most words have neither after them.
  const after = text.slice(end, end + 120);
  if (!VALUE_MARK.test(after)) return null;
  const head = text.slice(Math.max(0, start - 40), start);
  const changed = matchAt(FROM_TO_PASSWORD, text, end);
  if (changed !== null && isFromToPassword(changed, head)) {
    const old = withoutClauseEnd(changed.groups?.old ?? '');
    const value = withoutClauseEnd(changed.groups?.value ?? '');
    const oldAt = changed.index + changed[0].indexOf(old, (changed.groups?.gap ?? '').length);
    return { values: [[oldAt, old], [changed.index + changed[0].lastIndexOf(value), value]], end: changed.index + changed[0].length };
  }
  const said = /["“„«]/.test(after) ? matchAt(SAID_PASSWORD, text, end) : null;
  if (said === null) return null;
  const gap = said.groups?.gap ?? '';
  const value = said.groups?.value ?? '';
  // Right after the word, the verb stands before it (`read out the vpn password, "X"`); further on, the words between say how it
  // was said (`out loud on the bridge`, `en voz alta`), not what else (`password reset email ("…")`).
  if (gap.trim() === '' ? !SAID.test(head) : !SAID.test(gap)) return null;
  if (NOT_SAID_GAP.test(gap) || isOtherValue(value) || isPlaceholder(value)) return null;
  if (!looksLikePassword(value) && !looksLikeStrongPassword(value) && !isMixedWithDigit(value)) return null;
  return { values: [[said.index + said[0].lastIndexOf(value), value]], end: said.index + said[0].length };
}
