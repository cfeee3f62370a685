/**
 * Round 13: the shapes people give the passwords they tell relatives and colleagues, judged once a cue says a password is
 * meant (a password word, a user or e-mail before a slash, a password key). Words with digits and no symbol
 * (`lantern47bright`, `HarborView07`), a letter-digit keyboard walk (`2wsx3edc4rfv`), a run of random lower-case letters
 * (an app password without its spaces), a passphrase of lower-case words.
 */
import { literalTrie } from './secret-words.js';

/**
 * Letters and digits with no symbol, the way most people write a password (`tulipgarden58`, `OakRidge1987`, `Sakura0415`,
 * `Черёмуха1990`): eight characters or more, a run of three letters (a word, not a code), a lower-case or uncased letter (not
 * a model number `RTX4090`), a digit, no other character.
 */
export function isWordsAndDigits(value: string): boolean {
  return value.length >= 8 && value.length <= 40 && /^[\p{L}\p{M}\p{N}]+$/u.test(value) && /\p{L}{3}/u.test(value) && /\d/.test(value) && /[\p{Ll}\p{Lo}]/u.test(value);
}

/**
 * Round 26: a word and a year or a short number (`sunflower22`, `tortilla2022`, `Adobo_21`), the password people make once a
 * sentence has said a password is meant (typed at a login, a second account's, the second of a list).
 */
const WORD_AND_DIGITS = /^\p{L}{4,}[_.-]?\d{2,4}[!?#$*]?$/u;
export const isWordAndDigits = (value: string) => WORD_AND_DIGITS.test(value);

/** Both cases and a digit, eight characters or more: `Lighthouse1962`, `xRiver-Bend-2020`. */
export function isMixedWithDigit(value: string): boolean {
  return value.length >= 8 && /\d/.test(value) && /\p{Lu}/u.test(value) && /\p{Ll}/u.test(value);
}

/**
 * The endings of long words and participles (`automatically`, `unrecoverable`, `restablecida`, `zurueckgesetzt`,
 * `reimpostata`): such a run is a word of the sentence, not a password.
 */
const WORD_ENDING = /(?:tion|sion|ment|ness|able|ible|ally|ed|ive|ous|ing|ity|ance|ence|ship|ism|ist|ial|ual|ful|less|ward|wise|ize|ise|ad[ao]s?|id[ao]s?|at[aoei]|it[aoei]|mente|ung|heit|keit|lich|isch|iert|ert|tet|gt|en|ieren|ibel|abel|aire|eur|ique|ic[ao]|zione|cion|cao|oes|ie|ij|ijk)$/;

/**
 * Lower-case letters run together, twelve to twenty-four of them (`sunflowerfield`, `welovegrandpa`): a password right after a
 * copula or a colon, unless the run is one long word of the language (`case-sensitive`, `automatically`).
 */
export function isLowerRun(value: string): boolean {
  return /^[a-z]{12,24}$/.test(value) && !WORD_ENDING.test(value);
}

/**
 * Sixteen lower-case letters drawn at random, as Google and Apple print an app password without its spaces: few vowels (a
 * word of sixteen letters has six or more, random letters about three).
 */
export function isRandomLetters16(value: string): boolean {
  return /^[a-z]{16}$/.test(value) && (value.match(/[aeiou]/g)?.length ?? 0) <= 4;
}

/**
 * A passphrase after a password word: three to five lower-case words of the Latin script joined by spaces or hyphens (`maple
 * river cloud`, `"copper-kettle-winter-moss"`), in quotes, or after a colon or a copula; group `value`, judged by
 * {@link isPassphrase}.
 */
export const PASSPHRASE = /(?<lead>\s*[:：=]\s*|\s+(?:is|was|ist|war|lautet|est|es|é|è|är|er|je|jest)\s+|\s+(?=["'“„«]))(?<quote>["'“„«]?)(?<value>[a-z]{3,12}(?<sep>[ -])[a-z]{2,12}(?:\k<sep>[a-z]{2,12}){1,3})(?=["'”»]|[\s.,;!)]|$)/y;
/** Words that make lower-case words prose, not a passphrase: `see the vault`, `ask me later`, `expires next month`. */
const PROSE_WORD = /(?<![a-z])(?:the|a|an|to|in|on|at|of|for|from|is|it|its|me|my|your|our|see|ask|use|same|as|and|or|not|no|with|by|will|be|you|we|i|set|sent|send|later|below|above|here|there|via|check|text|call|this|that|what|who|has|have|was|are|please|just|one|word|words|all|lowercase|spaces?|next|last|expires?|expired|changed|reset|required|unknown|der|die|das|le|la|les|el|los|de|und|et|y|en|im|dans|con|mit)(?![a-z])/;

/**
 * A {@link PASSPHRASE} match: no prose word; quoted, or hyphenated, or spaced words that end their line or stand before a
 * bracket (`Pass: maple river cloud (with spaces)`).
 */
export function isPassphrase(match: RegExpExecArray, text: string): boolean {
  const { lead = '', quote = '', value = '', sep = '' } = match.groups ?? {};
  if (PROSE_WORD.test(value)) return false;
  const rest = text.slice(match.index + match[0].length, match.index + match[0].length + 3);
  if (quote !== '') return /^["'”»]/.test(rest);
  if (lead.trim() === '') return false;
  return sep === '-' || /^[ \t]*(?:\(|\r?\n|$)/.test(rest);
}

/**
 * The user before the slash or the bar of a user/password pair (`mia.k@example.org / Lantern!Bay24`, `admin | River-Bend-2020`),
 * its last word: an e-mail address (not `svc:pw@host.net`, the host of a URL's user) or an administrator account's name.
 */
export const PAIR_USER = /^(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:admin|administrator|root|sa|pi|ubnt|guest|postgres|superuser|supervisor|operator))$/i;
/**
 * Round 14: a Wi-Fi or login label and one word before the separator (`Wi-Fi: LDN-Staff / X`, `Wi-Fi de la oficina: ALC-Gast / X`, `Þráðlaust net: JH-Gestir / X`, `사내
 * Wi-Fi: HB-Staff / X`, `app user app_rw / X`, `Windows login: priya.s / X`): the word is a network's name or a user, the value after
 * the slash its password, judged by {@link isLabelledPairPassword}. Round 22: a label naming both (OpenVPN's `auth-user-pass: jdoe / X`).
 * Round 24: the Nordic, Dutch, German and Finnish login and user words (`Inloggning till kassan: kassa1 / X`, `Pålogging: ola / X`).
 * Round 26: a copula after the label and a few words, and a network's name in quotes (`the office wifi is "Blue Anchor Staff" / X`,
 * `The shared login for the science dept. iPads is sciencedept / X`).
 */
export const PAIR_LABEL = /(?<![\p{L}])(?:wi-?fi|wlan|wireless|ssid|net(?:work)?|red|rede|rete|netz|réseau|reseau|netwerk|sieć|síť|сеть|мережа|ağ|mạng|jaringan|þráðlaust net|trådløst(?: net)?|trådlöst(?: nät)?|langaton verkko|вай-?фай|wi-?fi-?netz|वाई-?फ़ाई|वाईफ़ाई|वाईफाई|ওয়াই-?ফাই|와이파이|ワイファイ|无线网络?|無線網路|ไวไฟ|(?:auth[-_])?user[-_]pass(?:word)?|user|username|login|account|zugang|zugangsdaten|accès|acceso|acesso|accesso|benutzer(?:name)?|utilisateur|usuario|usuário|utilizador|utente|gebruiker|felhasználó(?:név)?|użytkownik|kullanıcı|пользователь|логин|логін|inloggning(?:en)?|inlogg|logga in|pålogging(?:en)?|innlogging(?:en)?|logg inn|log ind|användare|användarnamn(?:et)?|brukernavn(?:et)?|brugernavn(?:et)?|gebruikersnaam|inloggen|anmeldung|kirjautuminen|käyttäjätunnus|käyttäjä)(?:(?:[^\S\n]+\p{L}{1,12}){1,3}[^\S\n]*[:：]|[^\S\n]*[:：]?|(?:[^\S\n]+[\p{L}\p{N}.'’-]{1,12}){0,5}?[^\S\n]+(?:is|es|est|ist|è|é|er|är|je)(?=[^\S\n]))[^\S\n]*(?:[^\s/|:：]{2,40}|["“„«][^"“”„«»\n/|]{2,40}["”»])[^\S\n]*$/iu;
/**
 * The value of a labelled pair: eight characters or more with a lower-case letter, and a symbol people put in passwords with a digit
 * (`Akropoli#447`, `Qm7!xR2e#Lw`), or a word of three letters and two digits at its end (`Borobudur-824`, `Lanchid_1849`, `Kilimanjaro5895`), or
 * words joined by `-`, `_` or `.` ending in a digit (`Nordlys-Tromso-9`); not a second network's band (`Office-5G`, `Gast-5GHz`).
 */
export function isLabelledPairPassword(value: string): boolean {
  if (value.length < 8 || !/\p{Ll}/u.test(value)) return false;
  if (/[!#$%&*+=?@^~]/.test(value)) return /\d/.test(value);
  return /\p{L}{3}/u.test(value) && (/\p{L}[-_.]?\d{2,}$/u.test(value) || /^\p{L}{3,}(?:[-_.]\p{L}{3,})+[-_.]?\d+$/u.test(value));
}
/**
 * The password after the separator (sticky, from the separator); group `value`, judged by {@link isSlashPairPassword}. Round 17: an
 * exclamation mark glued to it is part of it (`admin / Pierogi2024!`), as in the spoken forms.
 */
export const PAIR_VALUE = /[ \t]*[/|][ \t]*["']?(?<value>[^\s"'<>()[\]{},;/|，。、；]{6,64}?)["']?(?=[\s,;)，。、；]|[.?](?:\s|$)|$)/y;
/**
 * Round 23: the value after an e-mail and a slash where a login is named (`the Hulu login is kwame@yahoo.com / jollofrice4life`,
 * `Viaplay är mormor@telia.com / melodifestivalen1974`): the e-mail is the user, so lower-case letters and a digit are enough.
 */
export function isEmailPairPassword(value: string): boolean {
  return value.length >= 8 && /\p{L}{3}/u.test(value) && /\d/.test(value);
}
/** The value of a {@link PAIR_VALUE}: a symbol people put in passwords, or both cases and a digit (not `mia.k2`, not `read-only`). */
export function isSlashPairPassword(value: string): boolean {
  return /\p{L}/u.test(value) && (/[!#$%&*+=?@^~]/.test(value) ? /\d|\p{Lu}/u.test(value) : isMixedWithDigit(value));
}

/**
 * A reference to where a secret lives, standing where a value would: `process.env.API_SECRET`, `os.environ["DB_PASS"]`,
 * `os.getenv("TOKEN")`, `ENV["KEY"]`, `System.getenv("PWD")`, `${DB_PASSWORD:?set it}`, `${TOKEN:-}`.
 */
export const ENV_REFERENCE = /^(?:process\.env|import\.meta\.env|Deno\.env|os\.environ|os\.getenv|getenv|ENV\[|System\.getenv|Environment\.GetEnvironmentVariable|env\(|\$\{\w+(?:\}|:?[-=?+]))/;
/** The literal fallback after an environment reference: `process.env.X || "…"`, `os.getenv("X") or '…'`, `?? "…"`; group 1. */
export const ENV_FALLBACK = /[^\s|?,;]*[ \t]*(?:\|\||\?\?|\bor\b|,)[ \t]*["'`]([^"'`\s]{8,256})["'`]/y;

/**
 * Round 16: a quoted phrase after a password word, a few words and a copula or a colon (`passphrase for the backup disk is
 * "seven lanterns drift over 2011"`, `« trois mots … »` with the French spaces): three to eight words, judged by {@link isQuotedPhrase}.
 */
export const QUOTED_PHRASE =
  /(?<gap>(?:\s+[\p{L}\p{N}'’.-]+){0,6}?)(?:\s+(?:is|was|ist|war|lautet|est|es|é|è|är|er|je|jest)|\s*[:：=])\s*["“„«][ \u00a0\u202f]?(?<value>[\p{L}\p{N}'’-]+(?:\s[\p{L}\p{N}'’-]+){2,7})[ \u00a0\u202f]?["”“»]/yu;
/** Words between the password word and the quote that make the phrase something else: a message, a hint, a question. */
const NOT_A_PHRASE_GAP = /(?<![\p{L}])(?:error|message|prompt|hint|question|answer|text|label|title|says|reads|field|policy|rule|requirement|format|example|tip)s?(?![\p{L}])/iu;
/**
 * A {@link QUOTED_PHRASE} match: lower-case words (a sentence starts with a capital), and a number among them or four words
 * and more; none of the words between names a message or a rule.
 */
export function isQuotedPhrase(match: RegExpExecArray): boolean {
  const { gap = '', value = '' } = match.groups ?? {};
  if (NOT_A_PHRASE_GAP.test(gap) || !/^[\p{Ll}\p{N}'’\s-]+$/u.test(value)) return false;
  return /\d/.test(value) || value.split(/\s/).length >= 4;
}

/**
 * Round 16: a value handed over with "use" or "try" and no password word (`use Winter2027!! for the lobby kiosk, the login is
 * desk2`), group `value`: secrets.ts takes it when it has both cases, a digit and a symbol and a login word is near. Round 22: the
 * same imperative in es/fr/de/id (`usa X para entrar`, `nimm X zum Anmelden`, `pakai X untuk masuk`, `prueba X o Y`). Round 24:
 * "log in with" (`inloggen met X`, `einloggen mit X`, `sign in with X`), the value judged the same way; a "please" may follow the
 * verb (`nimm bitte X`, `use please X`).
 */
export const HANDED_VALUE = /(?<![\p{L}])(?:use|try|usa|usá|utilise|utilisez|nimm|benutze|pakai|gunakan|prueba|probá|essaie|essayez|probier|coba|log\s?in\s+with|sign\s?in\s+with|inloggen\s+met|einloggen\s+mit|anmelden\s+mit)\s+(?:(?:bitte|mal|einfach|please|just|por favor|s['’]il te plaît)\s+)?["'“]?(?<value>[^\s"'”“,;()]{8,64}?)["'”]?(?=[\s,;)]|[.?](?:\s|$)|$)/yiu;
/** A word of logging in, near a {@link HANDED_VALUE}. */
export const LOGIN_CONTEXT = /(?<![\p{L}])(?:username|user name|user|login|log in|sign in|signin|account|passcode|pin|password|wi-?fi|wlan|inloggen|einloggen)(?![\p{L}])/iu;
/** The verbs of {@link HANDED_VALUE} and a space, looked for first. */
export const HANDED_VERBS = ['use ', 'try ', 'usa ', 'usá ', 'utilise', 'nimm ', 'benutze ', 'pakai ', 'gunakan ', 'prueba ', 'probá ', 'essaie', 'probier ', 'coba ', 'log in with ', 'login with ', 'sign in with ', 'signin with ', 'inloggen met ', 'einloggen mit ', 'anmelden mit '];
/** Where a {@link HANDED_VALUE} may start (it is then tried there only: a scan with its look-behind and Unicode classes costs more). */
export const HANDED_START = new RegExp(literalTrie(HANDED_VERBS.map((verb) => verb.trim())), 'gi');
