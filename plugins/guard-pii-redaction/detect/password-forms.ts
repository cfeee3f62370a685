/**
 * The password-in-prose forms: the checks a value must pass after (or before) a password word in a sentence, spoken,
 * bare, a few words on, after a far colon, before a verb-final copula, after a Wi-Fi word, and the order they are tried in.
 */
import { BARE_PASSWORD, BEFORE_GLUED_PASSWORD, BEFORE_PASSWORD, FAR_COLON_PASSWORD, FINAL_COPULA_GATE, FINAL_COPULA_PASSWORD, GAP_PASSWORD, GLUED_PASSWORD, HANGUL_VALUE, NOT_A_PASSWORD_AFTER, NOT_A_PASSWORD_GAP, NOT_A_PASSWORD_LABEL, SPOKEN_PASSWORD, STATUS_AFTER } from './secret-cues.js';
import { isLowerRun, isMixedWithDigit, isRandomLetters16, isWordsAndDigits } from './password-shapes.js';
import { isAssignedKey } from './password-config-keys.js';
import { eachPasswordStem } from './password-stems.js';
import { META_GAP, isJoinedPhrase, isNetworkGroupedKey, isSpelledValue, JOINED_PHRASE, SPELLED_THEN_VALUE } from './password-phrases.js';
import { isPlaceholder, looksLikePassword, looksLikeJoinedWords, STRONG_SYMBOL, isOtherValue, looksLikeStrongPassword, isSpace } from './secret-values.js';


/**
 * Round 24: a second password word between the word and the copula (`password lemon-otter-2291 (staff network password is X)`):
 * the copula and its value are that word's; the first word's own value is read by the forms after this one.
 */
function namesAnotherPassword(gap: string): boolean {
  if (gap.length < 16) return false;
  const first = /^\s*["'“„«(]?([^\s"'”»()]{6,64})["'”»)]?[\s,;(]/u.exec(gap); // the word's own value, right after it
  if (first === null || !looksLikePassword(first[1])) return false;
  let named = false;
  eachPasswordStem(gap.slice(first[0].length).toLowerCase(), () => (named = true));
  return named;
}

/** Far from its password word (more than four words between), a value must look like a password on its own. */
function isSpokenPassword(match: RegExpExecArray, text: string, weak: boolean): boolean {
  if (namesAnotherPassword(match.groups?.gap ?? '')) return false;
  if (isAssignedKey(text.slice(match.index + match[0].length, match.index + match[0].length + 4))) return false; // Round 25: `ist $CFG->dbpass = 'X'`
  const secret = withoutKeyName(match.groups?.value ?? '');
  // `the password is sunflowerfield`: letters only, a long run right after the copula or the colon.
  if (!weak && match.groups?.verb === undefined && match.groups?.now === undefined && isLowerRun(secret) && (match.groups?.gap ?? '').trim().split(/\s+/).length <= 3) return !META_GAP.test(match.groups?.gap ?? '');
  if (!/[\d\W_]/u.test(secret) || !/\p{L}/u.test(secret) || /^\p{L}+[.,;:!?]$/u.test(secret) || isPlaceholder(secret) || isOtherValue(secret)) return false;
  const gap = match.groups?.gap ?? '';
  if (META_GAP.test(gap) || HASH_OR_EXAMPLE.test(gap)) return false; // `pw (sha256): …` is its digest
  if (/^\s*[:：]/.test(match[0].slice(gap.length)) && NOT_A_PASSWORD_LABEL.test(gap)) return false; // `password reset for user: bob_2`
  if (weak) return looksLikeStrongPassword(secret) || isNetworkGroupedKey(secret, gap);
  // `password? try X`, `Passwort: nimm X`: after an imperative the value must look like a password on its own.
  // `Пароль від вайфаю тепер X`, `heslo k wifi teď X`: "now" with no copula; the value looks like a password on its own.
  // Round 24: `пароль от вайфая теперь пельмени2024`: after "now" and at most two words saying whose password, a lower-case
  // word and a year-like number is enough (`Pelmeni2024` was already taken by both cases).
  if (match.groups?.now !== undefined && WORD_AND_YEAR.test(secret) && gap.trim().split(/\s+/).filter(Boolean).length <= 2) return true;
  if (match.groups?.now !== undefined || match.groups?.verb !== undefined) return looksLikeJoinedWords(secret) || looksLikeStrongPassword(secret) || isMixedWithDigit(secret);
  const gapWords = gap.trim().split(/\s+/).filter(Boolean).length;
  // Round 17: `password ng wifi sa sari-sari store ay TindahanNiAling2024`: up to six words, then words and digits in both cases.
  // Round 25: `le mot de passe du Wi-Fi de la salle des profs, c'est CafeProf2024`: after a comma and a pointing copula, the words
  // before the comma only say whose password it is, so up to nine of them.
  const pointed = /[,…]$/.test(gap) && gapWords <= 9;
  return (gapWords <= 4 && secret.length >= 8) || looksLikePassword(secret) || ((gapWords <= 6 || pointed) && secret.length >= 10 && isMixedWithDigit(secret) && isWordsAndDigits(secret));
}

/** A lower-case word of five letters or more and a year or a short number after it (`пельмени2024`, `kedicik1965`). */
const WORD_AND_YEAR = /^\p{Ll}{5,}\d{2,4}[!#$*?]*$/u;

/** The value after "set the password to": a password on its own (a symbol and a digit, or both cases and a digit). */
export function isSetValue(value: string): boolean {
  return !isPlaceholder(value) && !isOtherValue(value) && (looksLikePassword(value) || isMixedWithDigit(value));
}

/** A value handed over with "use" or "try": a word, two digits, both cases and a symbol people put in passwords (`Winter2027!!`). */
export function isHandedPassword(value: string): boolean {
  // Round 24: one digit is enough beside two kinds of symbol in twelve characters or more (`Fk8$tUrm-Ahorn`).
  const digits = /\d{2}/.test(value) || (value.length >= 12 && new Set(value.match(/[^\p{L}\p{N}]/gu)).size >= 2 && !/\d\.\d/.test(value)); // not `Version-2.1$x`
  return isMixedWithDigit(value) && STRONG_SYMBOL.test(value) && /\p{L}{4}/u.test(value) && digits && !isPlaceholder(value) && !isOtherValue(value);
}

/**
 * Round 22: what the value is used for, right after it (`just use 88PineLake2011 to log in`, `usa X para entrar`): a login, so the
 * value needs no symbol of its own, only the shape of one built from words and digits in both cases.
 */
export const HANDED_FOR_LOGIN = /^\s+(?:to\s+(?:log\s?in|sign\s?in|get\s+in|connect|unlock)|as\s+(?:the\s+)?(?:password|passcode|pin)|para\s+(?:entrar|acceder|conectar)|pour\s+(?:te\s+|vous\s+)?connecter|zum\s+(?:Anmelden|Einloggen)|(?:untuk|buat)\s+(?:masuk|login))(?![\p{L}])/iu;
export function isHandedForLogin(value: string): boolean {
  // Two capitals or a word between digits (`88PineLake2011`, `CasaAzul2020`): built from words, not a product and its version (`Chrome116`).
  const built = (value.match(/\p{Lu}/gu)?.length ?? 0) >= 2 || /\d\p{L}{3,}\d/u.test(value);
  return value.length >= 10 && built && isMixedWithDigit(value) && (isWordsAndDigits(value) || looksLikeJoinedWords(value)) && /\p{L}{4}/u.test(value) && !isPlaceholder(value) && !isOtherValue(value);
}

/**
 * Round 22: a second spelling of a handed value after "or" (`try sunshine2020 or Sunshine2020!, it's one of those two`): guesses at
 * one password. The two hold the same letters (case aside) and the same digits, and differ: a product's versions differ in digits.
 */
export const HANDED_ALTERNATIVE = /\s+(?:or|o|ou|oder|atau|или|eller|of)\s+["'“]?(?<value>[^\s"'”“,;()]{6,64}?)["'”]?(?=[\s,;)]|[.?](?:\s|$)|$)/yu;
const lettersOf = (value: string) => value.toLowerCase().replace(/[^\p{L}]/gu, '');
const digitsOf = (value: string) => value.replace(/\D/g, '');
export function areSpellingsOfOne(first: string, second: string): boolean {
  if (first === second || !isWordsAndDigits(first.replace(/[^\p{L}\p{N}]/gu, ''))) return false;
  const letters = lettersOf(first);
  return letters.length >= 4 && letters === lettersOf(second) && digitsOf(first) !== '' && digitsOf(first) === digitsOf(second) && ![first, second].some((value) => isOtherValue(value) || isPlaceholder(value));
}

/** Random letters and digits as a generator prints them (`Rt9vW2kq`, `pX4mQ8zL2w`): both cases, two digits apart, no other character. */
const isRandomMixed = (value: string) => /^[A-Za-z0-9]{8,16}$/.test(value) && isMixedWithDigit(value) && /\d\D+\d/.test(value);

/** Right after the password word: a value that looks like a password (with a symbol of its own after "code" or "key"). */
function isBarePassword(match: RegExpExecArray, _text: string, weak: boolean): boolean {
  const secret = withoutKeyName(match.groups?.value ?? '');
  if (isPlaceholder(secret)) return false;
  // `wifi pw tulipgarden58`, `Passwort Sonnenblume2019`: words and digits with no symbol, right after a password word.
  // `clé wifi 3f9a…`: hex digits of a router's sticker; `password Lake&Pines@Dusk`: words joined by symbols, no digit.
  // `password Rt9vW2kq`: eight to sixteen random letters and digits, both cases, digits apart (round 14).
  if (!looksLikePassword(secret)) return !weak && (isWordsAndDigits(secret) || (/^[0-9a-f]{16,64}$/i.test(secret) && /[a-f]/i.test(secret)) || looksLikeStrongPassword(secret) || isRandomMixed(secret)) && !isOtherValue(secret);
  return !weak || looksLikeStrongPassword(secret);
}

/**
 * A value a few words after the password word with no verb between: words of another script than the value's (`كلمة مرور
 * لوحة التحكم X`, `әкімші құпиясөзі X`) may be up to six; Latin words at most three, none naming a user, an account or a
 * policy, and the value needs a symbol of its own or both cases, and is not the subject of a verb (`password for Bob_2 expired`).
 */
function isGapPassword(match: RegExpExecArray, text: string, weak: boolean): boolean {
  const secret = withoutKeyName(match.groups?.value ?? '');
  const gap = match.groups?.gap ?? '';
  // `password akun Tokopedia ibu X`: an account word followed by the service's name says whose password, not which user.
  const named = gap.replace(/^-(?:login|anmeldung|auth\p{L}*)/iu, '').replace(ACCOUNT_OF_SERVICE, ' ');
  // Round 20: `password akun X`, `mật khẩu tài khoản X`: the account word alone after the password word says whose password
  // (the noun's modifier follows it in Indonesian and Vietnamese); the value must then look strong on its own.
  if (ACCOUNT_ONLY.test(gap)) return !weak && looksLikeStrongPassword(secret) && /\d/.test(secret) && !isPlaceholder(secret) && !isOtherValue(secret) && !STATUS_AFTER.test(text.slice(match.index + match[0].length, match.index + match[0].length + 24));
  // `lozinka za mail X`, `Passwort für Mail X`: "for mail" last says whose password; the value needs a symbol of its own.
  if (MAILBOX_END.test(gap)) return !weak && looksLikeStrongPassword(secret) && /\d/.test(secret) && !isPlaceholder(secret) && !STATUS_AFTER.test(text.slice(match.index + match[0].length, match.index + match[0].length + 24)) && !NOT_A_PASSWORD_GAP.test(gap.replace(MAILBOX_END, ''));
  // Round 17: `password wifi warung warungbuyati123`: a Wi-Fi word and one more word, then words and digits with no symbol.
  if (!weak && WIFI_AFTER.test(gap) && gap.trim().split(/\s+/).length <= 2 && isWordsAndDigits(secret) && !isOtherValue(secret) && !isPlaceholder(secret)) return !STATUS_AFTER.test(text.slice(match.index + match[0].length, match.index + match[0].length + 24));
  // Round 19: `Passwort für den Server Kartoffelsalat42`: "for the <thing>", then a long capitalised word and two digits or more
  // (a shorter one may be the system's name and version: `password for the VM Ubuntu22`, `… Windows2019`).
  if (!weak && FOR_THE_THING.test(gap) && LONG_WORD_AND_DIGITS.test(secret) && !isOtherValue(secret) && !isPlaceholder(secret) && !NOT_A_PASSWORD_GAP.test(named)) {
    return !STATUS_AFTER.test(text.slice(match.index + match[0].length, match.index + match[0].length + 24));
  }
  // Round 21: `hasło admina pierogi2137`, `пароль от вайфая borsch_i_smetana`, `senha do rcon creeper_boom_12`: one or two words
  // saying whose password, then lower-case words a person joined (two joins, or a join and digits) or a word and a year-like number.
  if (!weak && gap.trim().split(/\s+/).length <= 2 && BUILT_LOWER.test(secret) && !isOtherValue(secret) && !isPlaceholder(secret) && !NOT_A_PASSWORD_GAP.test(named) && !META_GAP.test(gap)) {
    return !STATUS_AFTER.test(text.slice(match.index + match[0].length, match.index + match[0].length + 24));
  }
  if (!looksLikePassword(secret) || isPlaceholder(secret) || NOT_A_PASSWORD_GAP.test(named) || META_GAP.test(gap)) return false;
  if (STATUS_AFTER.test(text.slice(match.index + match[0].length, match.index + match[0].length + 24))) return false;
  if (weak && !looksLikeStrongPassword(secret)) return isNetworkGroupedKey(secret, gap);
  // After words of another script the value is Latin, or words of that script joined to digits (`Пароль от моей почты Берёза_2023`).
  if (!/\p{Script=Latin}/u.test(gap)) return !/[^\p{Script=Latin}\p{Script=Common}\p{M}]/u.test(secret) || looksLikeJoinedWords(secret);
  const words = gap.trim().split(/\s+/).length;
  if (words <= 4 && POSSESSIVE_END.test(gap) && /\d/.test(secret) && /[_.!#$%&*+=?^~-]/.test(secret)) return true; // `password ng GCash ko X`
  if (match.groups?.pointer !== undefined && looksLikeJoinedWords(secret)) return words <= 4; // `Senha nova do wifi 👉 X`
  return words <= 3 && (STRONG_SYMBOL.test(secret) || (/\p{Lu}/u.test(secret) && /\p{Ll}/u.test(secret)));
}

/** Lower-case words joined twice by `_` or `-` (`borsch_i_smetana`), joined once and ending in digits (`creeper_boom_12`), or a word and 3–4 digits (`pierogi2137`). */
const BUILT_LOWER = /^(?:\p{Ll}{3,}(?:[_-]\p{Ll}+){2,}|\p{Ll}{3,}(?:[_-]\p{Ll}+)+[_-]?\d{2,4}|\p{Ll}{4,}\d{3,4})$/u;
/** A capitalised word of eight letters or more, then two digits or more. */
const LONG_WORD_AND_DIGITS = /^\p{Lu}\p{Ll}{7,}\d{2,6}$/u;
/** The whole gap is "for (the) <one word>" (`für den Server`, `for the NAS`, `pour le serveur`, `do serwera`). */
const FOR_THE_THING = /^\s*(?:for|für|pour|para|per|voor|för|til|dla|do|na|для|от|za|від)(?:\s+(?:the|der|die|das|den|dem|le|la|l'|el|il|lo|o|a|my|mein\p{L}*|mon|ma|mi))?\s+[\p{L}\p{M}-]{2,24}\s*$/iu;
/** The gap ends with "for (the) mail" in some languages (`za mail`, `for email`, `für Mail`, `pour le mail`, `do maila`, `для почты`). */
const MAILBOX_END = /(?<![\p{L}])(?:za|for|für|pour|para|per|voor|för|til|dla|do|na|для|от|за|від)(?:\s+(?:the|my|le|la|el|die|den|mein\p{L}*|moj\p{L}*|mi|mon|ma))?\s+(?:e-?mail\p{L}*|mail\p{L}*|correo|courriel|posta|poštu|poštu|почт\p{L}*|пошт\p{L}*|имејл\p{L}*|мејл\p{L}*)\s*$/iu;
/**
 * An account or mail word and the name of a service, a person or a possessive after it (`akun BPJS bapak`, `account Netflix`, `email
 * saya`), not last in the gap: it says whose password, not which user.
 */
/** The gap of {@link isGapPassword} when it is an account word alone, the modifier after the noun: `password akun X`. */
const ACCOUNT_ONLY = /^\s+(?:akun|tài khoản)$/iu;
const ACCOUNT_OF_SERVICE = /(?<![\p{L}])(?:account|akun|konto|cuenta|compte|conta|tài khoản|e-?mail|surel|correo|courriel|posta)(?=\s+[\p{L}\p{N}])/giu;
/**
 * A possessive pronoun written after its noun ends the words naming the password (`password ng GCash ko`, `password akun
 * saya`, `nenosiri ya benki yangu`): the value right after it may be lower-case words joined by `_` or `.` with a digit.
 */
const POSSESSIVE_END = /\s(?:ko|mo|namin|natin|niya|nila|ninyo|saya|aku|ku|kamu|mu|kami|kita|dia|mereka|yangu|yako|yake|yetu|wangu|wako|mia|mio|nostra|nostro)\s*$/iu;

/**
 * `Password line: spring.datasource.password=X`: the value after the key is the password, not the assignment. Round 19: a
 * key name with a colon and nothing after it (`Hasło w config.yml: db_password: X`) is the next key, not a value: none is left.
 */
export function withoutKeyName(value: string): string {
  const key = /^[\w.-]*(?:pass|pwd|secret|token|key)[\w.-]*[=:]/i.exec(value);
  if (key === null) return value;
  if (key[0].length < value.length) return value.slice(key[0].length);
  return value.endsWith(':') ? '' : value;
}

/** Words on the way to the colon that make the value a hash or an example: `パスワードは bcrypt でハッシュ化（例：…）`. */
const HASH_OR_EXAMPLE = /hash|bcrypt|argon|crypt|digest|checksum|md5|sha-?\d|ハッシュ|哈希|散列|해시|хэш|хеш|e\.g\.|example|beispiel|exemple|ejemplo|esempio|exemplo|voorbeeld|przykład|пример|例|예/iu;

/** After the first colon a few words on (`пароль от аккаунта — а, нашёл: X`): a value with a symbol of its own, not after a user or reference word. */
function isFarColonPassword(match: RegExpExecArray, _text: string, weak: boolean): boolean {
  const secret = match.groups?.value ?? '';
  const gap = match.groups?.gap ?? '';
  if (weak || META_GAP.test(gap) || NOT_A_PASSWORD_LABEL.test(gap) || HASH_OR_EXAMPLE.test(gap) || isPlaceholder(secret) || isOtherValue(secret)) return false;
  // `password (he wanted it written down): Lighthouse1962`: words and digits in both cases, ten characters or more.
  if (!looksLikePassword(secret)) return secret.length >= 10 && isMixedWithDigit(secret) && isWordsAndDigits(secret);
  return STRONG_SYMBOL.test(secret) || (/_/.test(secret) && /\p{Lu}/u.test(secret) && /\p{Ll}/u.test(secret)) || looksLikeJoinedWords(secret);
}

/** A value before a verb-final copula (`… قبلی X بود`, `नया वाला X है`): it must look like a password on its own. */
function isFinalCopulaPassword(match: RegExpExecArray, _text: string, weak: boolean): boolean {
  const secret = match.groups?.value ?? '';
  if (weak || isPlaceholder(secret) || /[A-Za-z]{3,}\s+[A-Za-z]{3,}/.test(match.groups?.gap ?? '')) return false;
  // Round 17: `رمز وای‌فای مغازه Golestan1402 هست`: words and digits in both cases, ten characters or more, as after a far colon.
  return looksLikeStrongPassword(secret) || (secret.length >= 10 && isMixedWithDigit(secret) && isWordsAndDigits(secret));
}

/** A digest named before the password word (`sha256 of the wifi password: …`, `Hash des Passworts: …`): what follows is the digest. */
/** A word every {@link DIGEST_OF} match holds. */
const DIGEST_WORD = /hash|sha-?\d|md5|digest|checksum|fingerprint/i;
/** Whether the text before a password word ends with a digest named (the unanchored word test rules out most texts first). */
export const isDigestOf = (head: string) => DIGEST_WORD.test(head) && DIGEST_OF.test(head);
const DIGEST_WORDS = String.raw`(?:hash|sha-?\d+|md5|digest|checksum|fingerprint)(?:\s+\(\w+\))?\s+(?:of|for|von|des|der|du|de|del|da|do|di)`;
const DIGEST_OF = new RegExp(String.raw`${DIGEST_WORDS}(?:\s+[\p{L}\p{N}'’-]+){0,3}\s+$`, 'iu');

/** The same before a key name and its colon (`sha256 of the wifi password: …`). */
export const DIGEST_OF_KEY = new RegExp(String.raw`${DIGEST_WORDS}(?:\s+[\p{L}\p{N}'’-]+){1,4}\s*$`, 'iu');

/** A Wi-Fi word right after a "code" or "key" word. */
/** Round 18: a preposition may stand between (`chave do wifi`, `clé du wifi`, `key of the wifi`, `código de la wifi`). */
export const WIFI_AFTER = /^[\s-]*(?:(?:do|da|de|du|del|della|dello|des|di|dla|von|vom|der|för|til|for|of)\s+(?:the\s+|la\s+|l['’])?)?(?:wi-?fi|wlan|вай-?фай|вайфай|واي فاي|وای‌?فای|ไวไฟ)/iu;

/**
 * Round 26: a network named earlier in the sentence (`network WH-RENO-STAFF, key is X`, `click Wireless 5) new key X`): a "key"
 * or "code" word after it is the network's password, as when a Wi-Fi word follows it ({@link WIFI_AFTER}).
 */
const NETWORK_WORDS = String.raw`wi-?fi|wlan|wireless|ssid|network|netzwerk|réseau|netwerk|nätverk|nettverk|netværk|sieć|сеть|мережа|router`;
const NETWORK_BEFORE = new RegExp(String.raw`(?<![\p{L}])(?:${NETWORK_WORDS})(?![\p{L}])[^.!?\n]{0,50}$`, 'iu');
/** The network words of {@link NETWORK_BEFORE} with no boundary or reach: a scan that rules most heads out cheaply. */
const NETWORK_WORD = new RegExp(NETWORK_WORDS, 'i');
/** Whether the weak word (`key`, `code`) from `start` to `end` names a network's password: a Wi-Fi word after it or a network before. */
export function namesNetworkKey(text: string, start: number, end: number): boolean {
  if (WIFI_AFTER.test(text.slice(end, end + 12))) return true;
  const head = text.slice(Math.max(0, start - 60), start);
  if (!NETWORK_WORD.test(head) || !NETWORK_BEFORE.test(head)) return false;
  const qualifier = lastWord(head);
  return qualifier === '' || NETWORK_KEY_QUALIFIER.test(qualifier);
}
/** The word right before the key word, after spaces and hyphens, or '' (a key of something else, `product key`, `room key`, is not the network's). */
function lastWord(head: string): string {
  let end = head.length;
  while (end > 0 && (head[end - 1] === '-' || /\s/.test(head[end - 1]))) end -= 1;
  let start = end;
  while (start > 0 && /\p{L}/u.test(head[start - 1])) start -= 1;
  return head.slice(start, end);
}
/** The words that may stand right before a network's key word: an article, "new", "security", the network's own words. */
const NETWORK_KEY_QUALIFIER = /^(?:the|a|its|new|security|network|wireless|wifi|wlan|wpa|wpa2|psk|der|die|das|den|neue|neuer|neuen|le|la|nouvelle|nouveau|el|il|o|nuova|nueva|nova|novo|de|het|nieuwe)$/iu;

/** Where a network name (SSID) is meant, not its password: a network or name word, a router vendor, a band. */
const NETWORK_GAP = /(?<![\p{L}])(?:network|networks|netz\p{L}*|réseau|red|rede|rete|netwerk|nätverk|nettverk|netværk|sieć|сеть|мережа|ssid|name|names|nom|nombre|naam|navn|namn|nome|signal|speed|router)(?![\p{L}])/iu;
const SSID_LIKE = /tp-?link|fritz|vodafone|netgear|linksys|asus|huawei|zte|livebox|freebox|bbox|sfr|orange|telekom|telenor|telia|movistar|xfinity|spectrum|verizon|optus|telstra|xiaomi|tenda|d-?link|unifi|eduroam|guest|gast|invit|[_-](?:2\.4|5)g|[_-]ext|hotspot|iphone|android|galaxy/i;
/** A password word anywhere near: then `wifi: X` is the network's name. */
const NEAR_PASSWORD_WORD = /pass|pw|contrase|clave|senha|wachtwoord|hasł|heslo|jelsz|parol|пароль|lösenord|passord|kodeord|salasana|şifre|sandi|mật khẩu|密码|パスワード|비밀번호|رمز|کلمه/iu;

/** `the cabin wifi is X`, `wifi: X`: a value with digits and lower case and upper case or a symbol, and no network name near. */
function isWifiPassword(match: RegExpExecArray, text: string): boolean {
  const secret = match.groups?.value ?? '';
  const gap = match.groups?.gap ?? '';
  if (gap.trim().split(/\s+/).filter(Boolean).length > 3 || NETWORK_GAP.test(gap) || SSID_LIKE.test(secret) || isPlaceholder(secret) || isOtherValue(secret)) return false;
  if (secret.length < 8 || !/\d/.test(secret) || !/\p{Ll}/u.test(secret) || !(/\p{Lu}/u.test(secret) || /[^\p{L}\p{N}]/u.test(secret))) return false;
  const end = match.index + match[0].length;
  const around = text.slice(Math.max(0, match.index - 160), end - secret.length) + text.slice(end, end + 160);
  return !NEAR_PASSWORD_WORD.test(around);
}

/**
 * The words {@link BEFORE_PASSWORD} spans at most: the value, a link of up to two words, three articles or "new" words, one
 * free word, and one to spare. Its start is free, so the shorter the text it is run on, the fewer starts it tries.
 */
const BEFORE_PASSWORD_WORDS = 8;
/** The end of `head` from right after the space before its last `count` words (all of it when it has fewer). */
function lastWords(head: string, count: number): string {
  let words = 0;
  for (let at = head.length - 2; at > 0; at -= 1) {
    if (isSpace(head.charCodeAt(at)) && !isSpace(head.charCodeAt(at + 1)) && (words += 1) > count) return head.slice(at + 1);
  }
  return head;
}

/** The value before a password word: `X is the new password`, `use X as the password`, `Xが新しいパスワードです`. */
export function beforePassword(text: string, start: number, end: number, glued: boolean): [number, string] | null {
  if (NOT_A_PASSWORD_AFTER.test(text.slice(end, end + 24))) return null;
  const head = lastWords(text.slice(Math.max(0, start - 100), start), BEFORE_PASSWORD_WORDS);
  const match = (glued ? BEFORE_GLUED_PASSWORD : BEFORE_PASSWORD).exec(head);
  const secret = match?.groups?.value;
  if (match === null || secret === undefined || isPlaceholder(secret) || isOtherValue(secret)) return null;
  const mixed = secret.length >= 8 && /\d/.test(secret) && /\p{Lu}/u.test(secret) && /\p{Ll}/u.test(secret);
  if (!looksLikePassword(secret) && !mixed) return null;
  return [start - head.length + match.index + match[0].indexOf(secret), secret];
}

/**
 * An app password as Google and Apple show it, four groups of four lower-case letters (`abcd efgh ijkl mnop`, `abcd-efgh-…`):
 * quoted or right after a colon, a copula or `=`; further on, at least one group must have no vowel (random letters, not words).
 */
export function isAppPassword(match: RegExpExecArray): boolean {
  const value = match.groups?.value ?? '';
  if (!/[ -]/.test(value)) return isRandomLetters16(value); // the same without its spaces: random letters, few vowels
  if (match.groups?.near !== undefined && /["'“„«「]$/.test(match.groups.near)) return true;
  return value.split(/[ -]/).some((group) => !/[aeiouy]/.test(group));
}

/** The verb-final copulas of `FINAL_COPULA_PASSWORD` (secret-cues.ts): its form is tried only in a text that holds one. */
export const FINAL_COPULAS = FINAL_COPULA_GATE.source.split('|');

export type PasswordCheck = (match: RegExpExecArray, text: string, weak: boolean) => boolean;
/** The forms tried after a password word of a spaced script, in order; a word of a script without spaces has its own. */
export const PASSWORD_FORMS: readonly [RegExp, PasswordCheck][] = [
  [SPOKEN_PASSWORD, isSpokenPassword],
  [BARE_PASSWORD, isBarePassword],
  [GAP_PASSWORD, isGapPassword],
  [FAR_COLON_PASSWORD, isFarColonPassword],
  [JOINED_PHRASE, isJoinedPhrase],
  [SPELLED_THEN_VALUE, isSpelledValue],
];
export const VERB_FINAL_FORMS: readonly [RegExp, PasswordCheck][] = [...PASSWORD_FORMS, [FINAL_COPULA_PASSWORD, isFinalCopulaPassword]];
export const GLUED_FORMS: readonly [RegExp, PasswordCheck][] = [[GLUED_PASSWORD, isSpokenPassword], [HANGUL_VALUE, () => true], [FAR_COLON_PASSWORD, isFarColonPassword]];
export const WIFI_FORMS: readonly [RegExp, PasswordCheck][] = [[SPOKEN_PASSWORD, (match, text) => isWifiPassword(match, text)]];
