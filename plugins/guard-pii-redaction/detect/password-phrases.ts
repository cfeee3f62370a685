/**
 * Round 22: password shapes a password word's forms (password-forms.ts) take that need more than a look at the value: lower-case
 * words joined into a passphrase, a password spelled out and then written whole, a network key printed in groups.
 */
import { NOT_A_PASSWORD_GAP, STATUS_AFTER } from './secret-cues.js';
import { isMixedWithDigit } from './password-shapes.js';
import { isOtherValue, isPlaceholder, looksLikePassword } from './secret-values.js';

/** The first words after a password word that make the sentence about something else: `password policy is …`. */
export const META_GAP = /^[\s-]*(?:hint|policy|policies|length|field|requirements?|rules?|format|strength|hash\p{L}*|history|managers?|generator|expiry|expiration|richtlinie|länge|feld|política|longitud|campo|politique|longueur|champ)(?![\p{L}])/iu;

/**
 * A router's or a network's key as its sticker prints it, in groups (`x7kq-vh2m-p9r4-zt6w`, `8HK4-TQ2M-99XP`): three to eight
 * groups of 3–6 letters and digits of one case.
 */
const GROUPED_KEY = /^(?:[a-z0-9]{3,6}(?:-[a-z0-9]{3,6}){2,7}|[A-Z0-9]{3,6}(?:-[A-Z0-9]{3,6}){2,7})$/;
/** A network, a router or a Wi-Fi standard named between a "code"/"key" word and its value (`clé WPA …`, `code for the router is …`). */
const NETWORK_WORD = /(?<![\p{L}])(?:wi-?fi|wlan|wpa\d?|wep|psk|router|modem|hotspot|réseau|red|rede|rete|netz\p{L}*|network|jaringan|mạng|сет\p{L}*|мереж\p{L}*|роутер\p{L}*|routeur|roteador|راوتر|روتر|राउटर)(?![\p{L}])/iu;
/**
 * After a "code" or "key" word, which names licence keys and product codes too, a grouped key is a network's only where the words
 * between name a network; two groups must hold a digit (random groups, not `ABC-DEF-GHI`), and it is no reference (`ORD-2024-88KQ`).
 */
export function isNetworkGroupedKey(value: string, gap: string): boolean {
  if (!GROUPED_KEY.test(value) || !/[A-Za-z]/.test(value) || !NETWORK_WORD.test(gap)) return false;
  return value.split('-').filter((group) => /\d/.test(group)).length >= 2 && !isOtherValue(value) && !isPlaceholder(value);
}

/**
 * Lower-case words joined by one `-` or `_` throughout (`pelmeni-na-uzhin`, `correct-horse-battery`, `tortilla-de-patatas`), a
 * few words after a password word (`пароль от вайфая X`, `my password X`), with or without a colon: group `value`, judged by
 * {@link isJoinedPhrase}. A passphrase has no digit, so the spoken and bare forms leave it.
 */
export const JOINED_PHRASE =
  /(?<gap>(?:\s+[\p{L}\p{M}'’]+){0,3}?)\s*(?<mark>[:：=]?)\s*["'“„«]?(?<value>\p{Ll}{2,12}(?<sep>[-_])\p{Ll}{1,12}(?:\k<sep>\p{Ll}{1,12}){1,5})["'”»]?(?=[\s.,;!?)]|$)/yu;
/** Words of prose compounds (`up-to-date`, `end-to-end`, `state-of-the-art`) and of what a password word is followed by in them. */
const NOT_A_PHRASE_WORD =
  /^(?:to|of|the|and|or|in|on|by|for|at|up|out|off|per|via|with|an|non|self|all|pass\p{L}*|word|reset|link|expired?|expir\p{L}*|policy|login|auth\p{L}*|factor|step|time|case|sensitive|protected|encrypted|manager|only|based|level|user|required|change\p{L}*|must|include\p{L}*|digits?|chars?|characters?|protect\p{L}*|less|free|strength|rules?)$/u;
/**
 * A {@link JOINED_PHRASE} match: three words or more, two of four letters or more, none a prose or password-policy word; at most three
 * words between, none naming a user or a policy; ending the clause (or after a colon), and not the subject of a verb.
 */
export function isJoinedPhrase(match: RegExpExecArray, text: string, weak: boolean): boolean {
  const { gap = '', mark = '', value = '', sep = '' } = match.groups ?? {};
  if (weak || value.length < 12 || NOT_A_PASSWORD_GAP.test(gap) || META_GAP.test(gap)) return false;
  const words = value.split(sep);
  if (words.filter((word) => word.length >= 4).length < 2 || words.some((word) => NOT_A_PHRASE_WORD.test(word))) return false;
  const rest = text.slice(match.index + match[0].length, match.index + match[0].length + 24);
  if (STATUS_AFTER.test(rest)) return false;
  return mark !== '' || /^(?:["'”»]?\s*(?:$|[\n.,;!?)])|\s*$)/.test(rest);
}

/**
 * A password spelled out and then written whole (`the password is capital M mango then hash then 2024 so Mango#2024`, `c'est
 * un M majuscule, mangue, dièse, 2024, donc Mango#2024`): the summary after "so", "i.e." or "that is"; group `value`.
 */
export const SPELLED_THEN_VALUE =
  /(?<gap>(?:\s+[^\s.!?。\n]+){2,16}?)\s*,?\s+(?:so|i\.e\.|that is|that's|meaning|which is|donc|alors|soit|entonces|o sea|então|ou seja|also|quindi|cioè|то есть|значит|itu|jadi|yaitu)\s+["'“„«]?(?<value>[^\s"'”“«»]{6,64}?)["'”»]?(?=[\s,;)]|[.?!](?:\s|$)|$)/iuy;
/**
 * A {@link SPELLED_THEN_VALUE} match: the value looks like a password and holds a part of what was spelled (a word of three letters
 * or more, or two digits or more, of the words between): the summary repeats the spelling, it does not go on to something else.
 */
export function isSpelledValue(match: RegExpExecArray, _text: string, weak: boolean): boolean {
  const { gap = '', value = '' } = match.groups ?? {};
  if (weak || META_GAP.test(gap) || isOtherValue(value) || isPlaceholder(value) || !(looksLikePassword(value) || isMixedWithDigit(value))) return false;
  const lower = value.toLowerCase();
  return gap.split(/[\s,]+/).some((part) => (/^\p{L}{3,}$/u.test(part) || /^\d{2,}$/.test(part)) && lower.includes(part.toLowerCase()));
}
