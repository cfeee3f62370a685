/**
 * Round 24: a password changed "from X to Y", written right after the password word (`changed the wifi password from Harbor2019
 * to Harbor2024!x`, `cambié mi contraseña de Tortuga_1990 a Tortuga_1990!nueva`, `Passwort von Sommer2020 auf Winter2024!`,
 * `сменил пароль с Kotik_2019 на Kotik_2024!`). Both values are the account's passwords, the old and the new one, and both are
 * SECRET (writer brief). The form is tried at each password word the cued scan visits, before the forms that would take X alone.
 */

import { isOtherValue, isPlaceholder, STRONG_SYMBOL } from './secret-values.js';

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
export const FROM_TO_PASSWORD = new RegExp(
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
export const withoutClauseEnd = (value: string) => value.replace(/[.,;:]+$/, '');

/**
 * Whether a {@link FROM_TO_PASSWORD} match is a changed password: both values look like passwords, they differ, neither is
 * all capitals and digits (an algorithm, a model: `SHA256`, `RTX3080`), and no gap word makes it a setting.
 */
export function isFromToPassword(match: RegExpExecArray, head: string): boolean {
  if (MOVED_BEFORE.test(head)) return false;
  const old = withoutClauseEnd(match.groups?.old ?? '');
  const value = withoutClauseEnd(match.groups?.value ?? '');
  if (old === value || NOT_A_CHANGED_PASSWORD.test(match.groups?.gap ?? '')) return false;
  return [old, value].every((part) => isChangedValue(part) && !/^[\p{Lu}\d_-]+$/u.test(part));
}
