/**
 * Round 19: a second password named right after one already taken, with no password word of its own. Office staff and
 * families list them in one breath: `the wifi password is X and the booking app's is Y`, `… è X, quella dell'email condivisa
 * è Y`, `Hasło do wifi: X, do poczty: Y`, `… X है, और बिलिंग सॉफ्टवेयर का Y`, `my old password was X and the new one is Y`.
 * The reader knows Y is a password from the list, not from a word before it, so it is looked for only after a password the
 * cued scan has taken after a password word, within the same sentence, after a comma or an "and"; it must look like a
 * password on its own.
 */
import { type Detection } from './detection.js';
import { looksLikeStrongPassword, isOtherValue, isPlaceholder, pushSpan } from './secret-values.js';
import { isMixedWithDigit, isWordAndDigits } from './password-shapes.js';

/** How far after the first password the second may end (the words naming its account and the value). */
const SIBLING_WINDOW = 90;
/**
 * The list goes on: a comma, a semicolon or an "and" right after the first value, after at most one short word (a verb-final
 * copula: `X है, और …`). Round 20: a bracket (`lösenord: X (det gamla var Y)`) or a dash before the next account of a
 * sign (`Password: X — Staff: ACME-Corp / Y`). Round 25: the "and" of Greek, Finnish and Estonian, Hungarian, Lithuanian, Latvian,
 * Polish, Czech and Slovak, Ukrainian (`… είναι X και του υπολογιστή Y`).
 */
const LIST_GOES_ON = /^(?:\s+\S{1,4})?\s*(?:[,;](?=\s)|\s(?:and|y|e|și|si|i|und|et|en|và|dan|и|а|ve|og|och|और|και|ja|és|ir|un|oraz|a|та|і)(?=\s)|\s\((?=\S)|\s[—–](?=\s))/u;
/**
 * Words between that make the next value something else: a user or login name, a network and what it is called, an id or a
 * number of a ticket, an order or an invoice (`password X, user admin_2024`, `… X, сеть называется TP-Link_4A2C`). Round 22: a
 * repository, a file, a folder, a host or a channel, whose names are lower-case words joined as a second password may be.
 */
const NOT_A_SIBLING =
  /(?<![\p{L}])(?:user\p{L}*|usu[aá]ri\p{L}*|utente|utilizador|użytkownik\p{L}*|benutzer\p{L}*|login|логин|пользовател\p{L}*|ssid|network|netzwerk|nettverk\p{L}*|netværk\p{L}*|nätverk\p{L}*|сет\p{L}*|мереж\p{L}*|mạng|jaringan|red|rede|réseau|rete|sieć|called|named|heißt|heter|hedder|heet|llama|chamad\p{L}*|называ\p{L}*|appel\p{L}*|chiamat\p{L}*|name|nombre|nome|nom|id|ticket|order|invoice|pedido|factura|fattura|reference|ref|repo\p{L}*|branch|file|files|folder|project|host\p{L}*|domain|site|tag|channel|slug|datei|fichier|archivo|arquivo|файл\p{L}*|репозитор\p{L}*|χρήστ\p{L}*|όνομα|δίκτυο|felhasználó\p{L}*|käyttäjä\p{L}*|verkko\p{L}*|hálózat\p{L}*)(?![\p{L}])/iu;
/** Where the sentence ends: a full stop, a question or exclamation mark before a space, a line break, a danda. */
const SENTENCE_END = /[.?!。](?=\s|$)|\n|।/;
/** A setting of a connection string or a command (`Encrypt=True`, `address=10.10.0.1/24`), not a password. */
const KEY_VALUE = /^[\w.-]+=/;
/** What the character right after a first value must be for a list to go on: a space, a comma or a semicolon. */
const SPACE_OR_LIST_MARK = /^[\s,;]$/;
/** The length of a second password, as the cued scan takes them. */
const MIN_SIBLING = 8;
const MAX_SIBLING = 64;
/** A character every value {@link looksLikeStrongPassword} accepts holds (a symbol, `_` or `-`): tried first, without Unicode classes. */
const PASSWORD_MARK = /[!#$%&*+=?@^~_-]/;
/** What a value may be wrapped in or followed by in prose. */
const LEADING_WRAP = /^["'“„«(]+/;
const TRAILING_WRAP = /["'”»).,;:。।]+$/;

/**
 * Round 22: lower-case words joined by `-` or `_` and ending in digits (`magazin-ryadom-77`, `casa_playa_2024`), as people build the
 * second password of a list (`Пароль от кассы X, а от вайфая в магазине Y`); the list already says it is one. Round 26: three
 * words or more and one digit (`wifi thuis dijkje-aan-zee-9`).
 */
const JOINED_LOWER = /^\p{Ll}{3,}(?:(?:[-_]\p{Ll}+)+[-_]?\d{2,4}|(?:[-_]\p{Ll}+){2,}[-_]\d)$/u;

/**
 * Round 25: the second password with the noun left out and a copula of its own (`y la de Netflix sigue siendo X`, `and the one
 * for the NAS is X`, `e quella della banca è X`, `et celui du NAS c'est X`, `und das vom NAS ist X`): the pronoun and the copula
 * say it is a password of the same kind, so a word and digits is enough (`telenovela_88`, `tortilla2022`). Round 26: a bracket
 * or a clause ending in a comma before the copula (`y la del router (entra en 192.168.1.1) es X`, `y la del banco me la dio tu tío,
 * es X`), and letters and digits in both cases (`Vodafone8JqT`).
 */
const ELIDED_SIBLING =
  /^\s*[,;]?\s*(?:and|y|e|et|und|en|og|och)\s+(?:the\s+one|that|la|el|lo|quella|quello|celle|celui|die|der|das|a|o)\s+(?:for|of|de|del|di|della|dello|du|de\s+la|des|von|vom|für|do|da|dos|das|van|voor|til|för)\s+(?:[\p{L}\p{N}'’.-]+\s+){1,3}?(?:\([^)\n]{1,40}\)\s+|(?:[\p{L}'’]+\s+){0,4}[\p{L}'’]+,\s+)?(?:is\s+(?:still\s+)?|es\s+|sigue\s+siendo\s+|è\s+|é\s+|continua\s+(?:a\s+ser\s+|sendo\s+)?|c['’]est\s+|est\s+|ist\s+|is\s+|er\s+|är\s+)["'“„«]?(\p{L}{4,}[_.-]?\d{2,4}[!#$*]?|(?=[\p{L}\p{N}]*\d)(?=[\p{L}\p{N}]*\p{Lu})[\p{L}\p{N}]{8,32})(?=["'”»]?(?:[\s,;)]|[.?!](?:\s|$)|$))/iu;
/** A year or a short number after a word: not a value that is something else (`version_2024`, `model2022`). */
const ELIDED_NOT_VALUE = /^(?:version|release|build|model|room|suite|level|floor|grade|class|page|step|phase|season)/i;

/** After each password taken after a password word (`afterPasswordWord`), a second one if the sentence lists one. */
export function detectSiblingPasswords(text: string, afterPasswordWord: readonly Detection[], found: Detection[]): void {
  for (const first of afterPasswordWord) {
    // Cheapest first: most values end a line or a `key: value` list.
    if (!SPACE_OR_LIST_MARK.test(text.charAt(first.end))) continue;
    const after = text.slice(first.end, first.end + SIBLING_WINDOW);
    if (!LIST_GOES_ON.test(after)) continue;
    const elided = ELIDED_SIBLING.exec(after);
    if (elided !== null && !ELIDED_NOT_VALUE.test(elided[1]) && !isOtherValue(elided[1]) && !isPlaceholder(elided[1]) && (isWordAndDigits(elided[1]) || isMixedWithDigit(elided[1]))) {
      pushSpan(found, first.end + elided[0].length - elided[1].length, elided[1]);
      continue;
    }
    const end = after.search(SENTENCE_END);
    const window = end < 0 ? after : after.slice(0, end + 1);
    const sibling = firstPasswordToken(window);
    if (sibling === null || NOT_A_SIBLING.test(window.slice(0, sibling.at))) continue;
    pushSpan(found, first.end + sibling.at, sibling.value);
  }
}

/** The first whitespace-separated token of `window` that looks like a password on its own, without its wrapping. */
function firstPasswordToken(window: string): { at: number; value: string } | null {
  for (const token of window.matchAll(/\S+/g)) {
    if (token[0].length < MIN_SIBLING || !PASSWORD_MARK.test(token[0])) continue;
    const lead = LEADING_WRAP.exec(token[0])?.[0].length ?? 0;
    const value = token[0].slice(lead).replace(TRAILING_WRAP, '');
    if (value.length < MIN_SIBLING || value.length > MAX_SIBLING || KEY_VALUE.test(value) || isPlaceholder(value)) continue;
    if (looksLikeStrongPassword(value) || (JOINED_LOWER.test(value) && !isOtherValue(value))) return { at: (token.index ?? 0) + lead, value };
  }
  return null;
}
