/**
 * Round 18: passwords people describe before they spell them out, passwords changed "to" a new value with only a pronoun for
 * the password, and new passwords announced with no password word at all. None has a password word right before the value, so
 * the cued scan (secret-cued.ts) cannot reach them.
 *
 * - A recipe: two parts of how the password is built, then the password itself (`it's his dog's name then the year,
 *   Biscuit2019`, `street name + house number + !, so Wattle42!`, `my husband's name and our anniversary, Walter06/1974 or
 *   walter1974`). The parts are nouns of names, years and numbers joined by `and`/`then`/`+`; a login word must stand before.
 * - A change: `… passphrase is "…", no wait, we changed it to "…"`, `sudo passwd, then I set it to …`, `теперь поменяли на …`: a
 *   verb of changing with a pronoun or none, after a password word earlier in the text.
 * - An announcement: `new one: X`, `nueva: X`, `same as before but with ! at the end: X` (see {@link ANNOUNCED}).
 */
import { type Detection } from './detection.js';
import { hasAny, isOtherValue, isPlaceholder, looksLikePassword, matchAt, pushSpan, STRONG_SYMBOL } from './secret-values.js';
import { LOGIN_CONTEXT } from './password-shapes.js';

/** The parts a recipe is made of (names, years, dates, numbers), in the languages people describe them in. */
const RECIPE_NOUNS = String.raw`names?|years?|birthdays?|anniversary|birth ?year|number|numbers|digits|date|nombre|año|cumpleaños|aniversario|número|nome|ano|aniversário|année|anniversaire|numéro|jahr|geburtstag|geburtsjahr|hausnummer|nummer`;
/** How the parts are joined: `and`, `then`, `plus`, `followed by`, `+`, in those languages. */
const RECIPE_JOINS = String.raw`\+|(?<![\p{L}])(?:and|then|plus|followed by|with|y|luego|después|e|depois|mais|et|puis|und|dann|mit)(?![\p{L}])`;
/** A value people build from a word and digits: a word first, two digits or more, symbols they use (`Walter06/1974`, `Wattle42!`). */
const RECIPE_VALUE = String.raw`["'“]?(?<value>\p{L}{2,}[\p{L}\p{N}/!#$%&*?@._-]*?\d{2,}[\p{L}\p{N}/!#$%&*?@._-]*?)["'”]?(?=[\s,;)]|[.?](?:\s|$)|$)`;
/**
 * Two parts of a recipe joined (the second may be a symbol: `+ !`), up to three words (`the year he retired`), then a comma (and
 * `so`, `like`, `i.e.`), a colon or a dash, then the value. The part before the first noun is free (`his dog's`, `our street`),
 * so the match starts at the noun.
 */
const RECIPE = new RegExp(
  String.raw`(?:${RECIPE_NOUNS})(?![\p{L}])[^,.:;!?\n]{0,40}?(?:${RECIPE_JOINS})[^,.:;?\n]{0,40}?(?:(?<![\p{L}])(?:${RECIPE_NOUNS})(?![\p{L}])|[!#$%&*?@](?=\s*[,:]))(?:\s*\+\s*[!#$%&*?@])?(?:\s+(?!so\s)[\p{L}'’]{1,16}){0,3}?[^\S\n]{0,4}(?:,\s*(?:so|like|i\.e\.|e\.g\.|that is|es decir|ou seja|soit|also)?\s*|:\s*|\s*[—–=→]\s*)${RECIPE_VALUE}`,
  'yiu',
);
/** A second spelling offered after the first (`Walter06/1974 or walter1974`). */
const ALTERNATIVE = new RegExp(String.raw`\s*\(?\s*(?:or|maybe|o|ou|oder)\s+${RECIPE_VALUE}`, 'yiu');
/** Where a {@link RECIPE} may start: two parts joined, without Unicode classes or a look-behind (irregexp scans it faster). */
const RECIPE_START = new RegExp(String.raw`\b(?:${RECIPE_NOUNS})\b[^,.:;!?\n]{0,40}?(?:\+|\b(?:and|then|plus|followed by|with|y|luego|después|e|depois|mais|et|puis|und|dann|mit)\b)`, 'gi');
/**
 * What every {@link RECIPE} ends with, loosely: a separator, then a word of two characters or more and two digits within 40
 * characters (any non-ASCII character counts as a letter). It starts on a small character class, so a scan for it costs a
 * fraction of a scan for the recipe's nouns, and few places of a text match it: the recipe is looked for only before those.
 */
const RECIPE_END = /[,:—–=→]\s*(?:(?:so|like|i\.e\.|e\.g\.|that is|es decir|ou seja|soit|also)\s+)?["'“]?[^\s\d!-/:-@[-`{-~]{2}\S{0,38}?\d\d/gi;
/** How far before the end it finds a recipe may start (two parts, a join, three words: at most about 170 characters). */
const RECIPE_BEFORE_END = 200;
/** How far after that end a recipe may still start (the end's own span), and the longest {@link RECIPE_START} match. */
const RECIPE_AFTER_END = 60;
const RECIPE_START_LENGTH = 80;
/**
 * The second part of a recipe (a noun, or a symbol before the separator: `+ !,`) stands at most this far before its separator: the
 * noun, `+ !` and three words of up to 16 letters. A window is scanned for the whole recipe only when {@link SECOND_PART} is found
 * this close to its end.
 */
const SECOND_PART_BEFORE = 80;
const SECOND_PART = new RegExp(String.raw`(?<![A-Za-z])(?:${RECIPE_NOUNS})(?![A-Za-z])|[!#$%&*?@]\s*[,:]`, 'i');
/**
 * Whose name or date it is, right before the first part (`his dog's name`, `our street name`, `my late husband's name`): a recipe
 * is personal; `the account name and number` is not one.
 */
const POSSESSIVE_BEFORE = /(?<![\p{L}])(?:my|his|her|our|their|your|mi|su|tu|nuestr[oa]|meu|minha|seu|sua|nosso|nossa|mon|ma|son|sa|notre|mein|meine|sein|seine|ihr|ihre|unser|unsere)(?![\p{L}])[^,.:;!?\n]{0,30}$|['’]s\s+(?:\p{L}+\s+)?$/iu;
/** How far before the recipe a login word may stand (`i forgot where i wrote my password. i think it is …`). */
const LOGIN_WINDOW = 160;

/** A recipe's value: a word and digits, not a date, a version, a reference or a placeholder. */
function isRecipeValue(value: string): boolean {
  return value.length >= 6 && value.length <= 40 && !isOtherValue(value) && !isPlaceholder(value);
}

/**
 * A verb of changing a password that is not named again: `changed it to`, `set it to`, `cambiamos a`, `mudamos para`,
 * `поменяли на`. The pronoun is optional in the languages that drop it. Round 25: the password as the subject (`a senha mudou
 * para X`, `la clave cambió a X`), French `je l'ai changé en X`, Slovak and Czech `som zmenil na X`, Polish `zmieniłem na X`.
 */
const CHANGED_TO = new RegExp(
  String.raw`(?<![\p{L}])(?:(?:changed|set|reset|switched|updated)\s+it\s+to|(?:lo|la)\s+(?:cambi(?:é|amos|aron)|pus(?:e|imos|ieron))\s+(?:a|en|como)|(?:mud|troc|alter)(?:ei|amos|aram|ou)\s+(?:para|pra)|cambi(?:ó|o)\s+a|l['’](?:ai|avons|a)\s+chang(?:é|ée)\s+(?:en|pour)|(?:zmenil|změnil|zmienił(?:em|am)?)[ai]?\s+na|(?:поменял[аи]?|сменил[аи]?|изменил[аи]?)\s+на)\s+["'“„«]?(?<value>[\p{Ll}\p{N}'’-]+(?:\s[\p{Ll}\p{N}'’-]+){2,7}(?=["”“»])|[^\s"'”“«»,;()]{6,64}?)["'”“»]?(?=[\s,;)]|[.?!](?:\s|$)|$)`,
  'yiu',
);
/**
 * The start of every {@link CHANGED_TO} match, without its look-behind and Unicode classes: a scan for it costs a fraction of one
 * for the change itself, which is then tried where this one matched.
 */
const CHANGED_TO_START = /(?:changed|set|reset|switched|updated)\s+it\s+to|(?:lo|la)\s+(?:cambi|pus)|(?:mud|troc|alter)(?:ei|amos|aram|ou)\s+(?:para|pra)|cambi[óo]\s+a\s|l['’](?:ai|avons|a)\s+chang|zmenil|změnil|zmienił|(?:поменял|сменил|изменил)/gi;
/** The verbs of {@link CHANGED_TO}, looked for first. */
const CHANGE_WORDS = [
  'ed it to', 'set it to', 'lo cambi', 'la cambi', 'lo pus', 'la pus', 'mudei', 'mudamos', 'mudaram', 'troquei', 'trocamos', 'trocaram', 'alterei',
  'alteramos', 'alteraram', 'поменял', 'сменил', 'изменил', 'mudou', 'trocou', 'alterou', 'cambió a', 'cambio a', "l'ai chang", 'l’ai chang', "l'a chang", 'l’a chang',
  "l'avons chang", 'l’avons chang', 'zmenil', 'změnil', 'zmienił',
];
/** A password word before the change, in the same text (`passphrase`, `passwd`, `пароль`, `senha`…). */
const PASSWORD_BEFORE = /(?<![\p{L}])(?:pass(?:word|phrase|wd|code)?|pw|wi-?fi|senha|contraseña|clave|mot de passe|mdp|passwort|kennwort|heslo|hesl[ao]|hasło|пароль\p{L}*|вай-?фай\p{L}*)(?![\p{L}])/iu;
/** How far before the change the password word may stand. */
const CHANGE_WINDOW = 200;

/**
 * Round 22: a sign-in or an account named before the change, with no password word (`Google sent Mom a "suspicious sign-in" …, so I
 * changed it to X`): what was changed is the account's password when the value has both cases, a digit and a symbol of its own.
 */
const SIGN_IN_BEFORE = /(?<![\p{L}])(?:sign-?in|log-?in|logged in|account|hacked|compromised|suspicious|cuenta|conta|compte|konto|аккаунт\p{L}*|akun)(?![\p{L}])/iu;
const isStrongChangedValue = (value: string) => STRONG_SYMBOL.test(value) && /\d/.test(value) && /\p{Lu}/u.test(value) && /\p{Ll}/u.test(value);

/** A changed password: a password on its own (a digit with a symbol or both cases), or a phrase of three words or more. */
function isChangedValue(value: string): boolean {
  if (isPlaceholder(value)) return false;
  if (/\s/.test(value)) return value.split(/\s+/).length >= 3;
  return !isOtherValue(value) && (looksLikePassword(value) || (/\d/.test(value) && /\p{Lu}/u.test(value) && /\p{Ll}/u.test(value)));
}

function detectRecipes(text: string, found: Detection[]): void {
  let done = 0;
  RECIPE_END.lastIndex = 0;
  for (let end = RECIPE_END.exec(text); end !== null; end = RECIPE_END.exec(text)) {
    if (!SECOND_PART.test(text.slice(Math.max(0, end.index - SECOND_PART_BEFORE), end.index + RECIPE_AFTER_END))) continue;
    const from = Math.max(done, end.index - RECIPE_BEFORE_END);
    const last = end.index + RECIPE_AFTER_END - from;
    const window = text.slice(from, from + last + RECIPE_START_LENGTH);
    RECIPE_START.lastIndex = 0;
    for (let start = RECIPE_START.exec(window); start !== null && start.index <= last; start = RECIPE_START.exec(window)) {
      const match = matchAt(RECIPE, text, from + start.index);
      const value = match?.groups?.value ?? '';
      if (match === null || !isRecipeValue(value)) continue;
      const head = text.slice(Math.max(0, match.index - LOGIN_WINDOW), match.index);
      if (!POSSESSIVE_BEFORE.test(head.slice(-40)) || !LOGIN_CONTEXT.test(head)) continue;
      pushSpan(found, match.index + match[0].lastIndexOf(value), value);
      done = match.index + match[0].length;
      const alternative = matchAt(ALTERNATIVE, text, done);
      const other = alternative?.groups?.value ?? '';
      if (alternative !== null && isRecipeValue(other)) {
        pushSpan(found, alternative.index + alternative[0].lastIndexOf(other), other);
        done = alternative.index + alternative[0].length;
      }
      break;
    }
    RECIPE_END.lastIndex = Math.max(RECIPE_END.lastIndex, done);
  }
}

/**
 * Round 18: a new password announced with no password word, in a thread that is about one (`new one: X`, `nueva: X (la vieja era
 * …)`, `same as before but with ! at the end: X`, `el mismo de antes pero con 2025 al final: X`): a marker of a new value or of a
 * change to the old one, a colon, the value. (Without Unicode classes, a scan of it costs a fraction.)
 */
const ANNOUNCED = new RegExp(
  String.raw`\b(?:(?:the\s+)?new\s+one|(?:la\s+|el\s+)?nuev[ao]|(?<same>(?:it['’]?s\s+)?(?:the\s+)?same\s+as\s+before\b[^:\n]{0,80}?|(?:el|la|lo)\s+mism[oa]\s+(?:de|que)\s+(?:antes|siempre)\b[^:\n]{0,80}?|(?:a|o)\s+mesm[ao]\s+(?:de|que)\s+(?:antes|sempre)\b[^:\n]{0,80}?))\s*:\s*["'“]?(?<value>[^\s"'”“«»,;()]{6,64}?)["'”]?(?=[\s,;)]|[.?](?:\s|$)|$)`,
  'gi',
);
/** Literals one of which every {@link ANNOUNCED} match holds (without their first letter, which may be upper case). */
const ANNOUNCED_WORDS = ['ew one', 'ueva', 'uevo', 'ame as before', 'ismo de', 'isma de', 'ismo que', 'isma que', 'esma de', 'esmo de', 'esma que', 'esmo que'];
/** A word of logging in or of a password near an announced value that has no symbol of its own (`changed the hotel wifi. new one: X`). */
const ANNOUNCED_CONTEXT = /(?<![\p{L}])(?:pass\p{L}*|pw|wi-?fi|wlan|login|pin|code|clave|contraseña|senha|mot de passe|mdp|kennwort|пароль\p{L}*)(?![\p{L}])/iu;

/** The shortest value taken after "same as before but …" with no symbol of its own: shorter ones are room numbers and codes. */
const MIN_CHANGED_LENGTH = 10;

/**
 * An announced value: a password on its own with a symbol and a digit or both cases; after "same as before but …", words and digits in both cases of ten
 * characters or more; after "new one", joined words and digits in both cases with a login word near.
 */
function isAnnouncedValue(match: RegExpExecArray, value: string, text: string): boolean {
  if (isPlaceholder(value) || isOtherValue(value) || !/\p{L}/u.test(value)) return false;
  const bothCases = /\p{Lu}/u.test(value) && /\p{Ll}/u.test(value);
  if (STRONG_SYMBOL.test(value) && (bothCases || /\d/.test(value))) return true; // `B@rbe@ri@Centro`, `Lavanderia#Sol_77`
  if (!bothCases || !/\d/.test(value)) return false;
  if (match.groups?.same !== undefined) return value.length >= MIN_CHANGED_LENGTH;
  // `TP-Link-Archer-AX55`: a part in capitals is a brand or a model, not a word of a passphrase.
  return /[._-]/.test(value) && !/(?:^|[._-])\p{Lu}{2,}\d*(?=$|[._-])/u.test(value) && ANNOUNCED_CONTEXT.test(text.slice(Math.max(0, match.index - CHANGE_WINDOW), match.index));
}

export function detectDescribedPasswords(text: string, found: Detection[]): void {
  detectRecipes(text, found);
  if (hasAny(text, ANNOUNCED_WORDS)) {
    ANNOUNCED.lastIndex = 0;
    for (let match = ANNOUNCED.exec(text); match !== null; match = ANNOUNCED.exec(text)) {
      const value = match.groups?.value ?? '';
      if (isAnnouncedValue(match, value, text)) pushSpan(found, match.index + match[0].lastIndexOf(value), value);
    }
  }
  if (hasAny(text, CHANGE_WORDS)) {
    CHANGED_TO_START.lastIndex = 0;
    let done = 0;
    for (let start = CHANGED_TO_START.exec(text); start !== null; start = CHANGED_TO_START.exec(text)) {
      const match = start.index < done ? null : matchAt(CHANGED_TO, text, start.index);
      if (match === null) continue;
      done = match.index + match[0].length;
      const value = match.groups?.value ?? '';
      const head = text.slice(Math.max(0, match.index - CHANGE_WINDOW), match.index);
      if (isChangedValue(value) && (PASSWORD_BEFORE.test(head) || (SIGN_IN_BEFORE.test(head) && isStrongChangedValue(value)))) {
        pushSpan(found, match.index + match[0].lastIndexOf(value), value);
      }
    }
  }
}
