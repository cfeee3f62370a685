/**
 * Round 22: passwords a login names with no password word: the values someone tried at a login that failed (`Apple ID locked …
 * I tried X and Y and both failed`), the value typed after the e-mail address (`log in with a@b.in and X`), and a value right
 * after the word "login" (`My Kindle login X won't work`). Each asks for a value shaped like a password on its own and for the
 * login named around it.
 */
import type { Detection } from './detection.js';
import { isMixedWithDigit, isWordsAndDigits } from './password-shapes.js';
import { STRONG_SYMBOL, isOtherValue, isPlaceholder, looksLikeJoinedWords, looksLikePassword, matchAt, pushSpan } from './secret-values.js';
import { literalTrie } from './secret-words.js';

/**
 * A value in prose: no blank, quote or bracket; a full stop, colon or question mark after it ends the sentence, not the value. An
 * exclamation mark glued to it is part of it (`krakowmaple88!`), as in the spoken forms.
 */
const VALUE = String.raw`["'“]?([^\s"'”“()<>,;]{6,64}?)["'”]?(?=[\s,;)]|[.?:](?:\s|$)|$)`;
/** A verb of having tried a value (`tried`, `probé`, `j'ai essayé`, `пробовал`, `sudah coba`), then one or two values; "try X" is advice, not a report. */
const TRIED_VERBS = ['tried', 'typed', 'entered', 'probé', 'intenté', 'escribí', 'essayé', 'tapé', 'provato', 'provai', 'tentei', 'testei', 'digitei', 'пробовал', 'попробовал', 'вводил', 'ввёл', 'ввела', 'coba', 'mencoba', 'nyoba', 'thử'];
const TRIED = new RegExp(
  String.raw`(?<![\p{L}])(?:${TRIED_VERBS.join('|')})[аи]?(?:\s+(?:both|con|avec|com|с))?\s+${VALUE}(?:(?:\s*,\s*|\s+(?:and|or|y|o|et|ou|e|und|oder|и|или|dan|atau|và|hoặc)\s+)${VALUE})?`,
  'yiu',
);
/** A login named near a value tried: the account, the device, the sign-in. */
const LOGIN_NEAR = /(?<![\p{L}])(?:apple id|icloud|account|login|log in|logged in|sign[ -]?in|signin|e-?mail|password|passcode|pin|contraseña|contrasena|senha|mot de passe|passwort|kennwort|wachtwoord|hasło|пароль|şifre|kata sandi|sandi|mật khẩu|user(?:name)?|wi-?fi|router|cuenta|compte|konto|conta|аккаунт|учётн\p{L}*|учетн\p{L}*|akun|tài khoản|iniciar sesión|connexion|anmeld\p{L}*|вход|войти|masuk|đăng nhập)(?![\p{L}])/iu;
/** What went wrong with the values tried: without it, "I tried X" is a version, a build or a file someone tried. */
const FAILED_NEAR = /(?<![\p{L}])(?:failed|fail|fails|didn['’]?t work|did not work|doesn['’]?t work|does not work|not working|wrong|incorrect|invalid|rejected|locked|denied|no luck|falló|fallaron|no funcion\p{L}*|incorrect[ao]s?|échoué|ne marche pas|marchent pas|refusé|funktioniert nicht|falsch|abgelehnt|gesperrt|não funciona\p{L}*|errad[ao]s?|bloquead[ao]|неверн\p{L}*|не подош\p{L}*|не подход\p{L}*|не работа\p{L}*|заблокирован\p{L}*|salah|gagal|ditolak|terkunci|sai|không được|bị khóa)(?![\p{L}])/iu;
/** A version or build (`Chrome_v120`, `build-2.4`, `node_18.1`), not a password someone tried. */
const VERSION_LIKE = /(?:^|[_.-])v?\d+(?:\.\d+)+$|[_-]v\d+$/i;

/** A step, an order, a build or a file someone tried (`step_3`, `order_2024_11`, `build-42a`), named by its first word. */
const REFERENCE_HEAD = /^(?:step|order|invoice|ticket|case|build|version|release|backup|file|test|update|patch|fix|bug|issue|page|item)[-_.]/i;

/** A value tried: a word of three letters and a digit, and a symbol or joined words or both cases (`Krakow_Maple_88`, `krakowmaple88!`). */
function isTriedPassword(value: string): boolean {
  if (value.length < 8 || !/\p{L}{3}/u.test(value) || !/\d/.test(value) || VERSION_LIKE.test(value) || REFERENCE_HEAD.test(value) || isOtherValue(value) || isPlaceholder(value)) return false;
  return looksLikeJoinedWords(value) || looksLikePassword(value) || (isMixedWithDigit(value) && isWordsAndDigits(value));
}

/** `log in with <e-mail> and X`, `sign in using <e-mail> / X`, `entra con <e-mail> y X`, `войти с <e-mail> и X`. */
const EMAIL_AND = new RegExp(
  String.raw`(?<![\p{L}])(?:log(?:ged)?[ -]?in|sign(?:ed)?[ -]?in|anmelden|connecte[rz]?|connectez-vous|iniciar sesión|inicia sesión|entra|entrar|accedi|accedere|войти|зайти|заходи|masuk|đăng nhập)[^\n.]{0,20}?\s(?:with|using|as|mit|avec|con|com|с|pakai|dengan|bằng)\s+[^\s@]+@[\w-]+(?:\.[\w-]+)+\s*(?:and|und|et|y|e|и|dan|và|\/|\+)\s*${VALUE}`,
  'yiu',
);

/**
 * Session 12 (speed only): the tail of {@link EMAIL_AND} from the address's `@`: the domain, the "and" and the value. Every match of it
 * holds one at the `@` right after its `[^\s@]+`, so a text with no `@` where this tail matches holds no match, and the scan for
 * its login verbs (as costly as a scan of the text, and run on most texts, which hold an e-mail address) is left out.
 */
const EMAIL_AND_TAIL = new RegExp(String.raw`@[\w-]+(?:\.[\w-]+)+\s*(?:and|und|et|y|e|и|dan|và|\/|\+)\s*${VALUE}`, 'yiu');

/** Whether an `@` of the text starts {@link EMAIL_AND_TAIL} (with the flags of {@link EMAIL_AND}, whose `\w` folds `ſ` and `K`). */
export function mayHoldEmailAnd(text: string): boolean {
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    EMAIL_AND_TAIL.lastIndex = at;
    if (EMAIL_AND_TAIL.test(text)) return true;
  }
  return false;
}

/**
 * `My Kindle login X won't work`, `login for the NAS: X`: the word "login", at most two words, then a value shaped like a password
 * and not like a user name: capitalised words joined by `-`, `_` or `.` and then digits (`Pelican-Dune-81`), or a strong symbol
 * with both cases and a digit. A user name is lower case or one word (`jsmith_88`, `John_Smith82`).
 */
const LOGIN_WORD = new RegExp(String.raw`(?<![\p{L}])(?:log-?in|logon)(?<gap>(?:\s+[\p{L}][\p{L}\p{N}]{1,20}){0,2}?)\s*(?:[:：]|\s(?:is|was))?\s+${VALUE}`, 'yiu');
/** Words between "login" and the value that make it something else than the password: a page, an error, a user, a count. */
const NOT_A_LOGIN_GAP = /(?<![\p{L}])(?:page|screen|form|button|error|code|fails?|failed|attempts?|history|log|portal|url|link|id|name|user\p{L}*|e-?mail|with|as|using|via|to|at|from|on|and)(?![\p{L}])/iu;
const TITLE_WORDS_AND_DIGITS = /^\p{Lu}\p{Ll}+(?:[-_.]\p{Lu}\p{Ll}+)+[-_.]\d{2,4}[!?#*]*$/u;
function isLoginWordPassword(value: string): boolean {
  if (isOtherValue(value) || isPlaceholder(value) || /[@:/\\|]/.test(value)) return false; // an e-mail, a `user:password` or `user/password` pair
  return TITLE_WORDS_AND_DIGITS.test(value) || (STRONG_SYMBOL.test(value) && isMixedWithDigit(value) && /\p{L}{3}/u.test(value));
}

/** Where each scan may start: the literal start of its words, found first (the scans are then tried there only). */
const TRIED_AT = new RegExp(literalTrie(TRIED_VERBS), 'gi');
const EMAIL_AND_AT = new RegExp(literalTrie(['log', 'sign', 'anmelden', 'connecte', 'iniciar', 'inicia', 'entra', 'acced', 'войти', 'зайти', 'заходи', 'masuk', 'đăng nhập']), 'gi');
const LOGIN_AT = /log-?in|logon/gi;

/** Each match of the sticky `pattern` at a start `starts` finds. */
function* matchesAt(starts: RegExp, pattern: RegExp, text: string): Generator<RegExpExecArray> {
  starts.lastIndex = 0;
  for (let start = starts.exec(text); start !== null; start = starts.exec(text)) {
    const match = matchAt(pattern, text, start.index);
    if (match !== null) {
      yield match;
      starts.lastIndex = Math.max(starts.lastIndex, match.index + match[0].length);
    }
  }
}

export function detectLoginPasswords(text: string, found: Detection[]): void {
  const around = (at: number, end: number) => text.slice(Math.max(0, at - 160), end + 160);
  for (const match of matchesAt(TRIED_AT, TRIED, text)) {
    // The values first: the context words are looked for in 320 characters, and most values tried are no password.
    const values = [match[1], match[2]].filter((value) => value !== undefined && isTriedPassword(value));
    const end = match.index + match[0].length;
    if (values.length === 0 || !LOGIN_NEAR.test(around(match.index, end)) || !FAILED_NEAR.test(around(match.index, end))) continue;
    let from = match.index;
    for (const value of values) {
      const at = text.indexOf(value, from);
      from = at + value.length;
      pushSpan(found, at, value);
    }
  }
  if (mayHoldEmailAnd(text)) {
    for (const match of matchesAt(EMAIL_AND_AT, EMAIL_AND, text)) {
      const value = match[1];
      if ((looksLikePassword(value) || isMixedWithDigit(value)) && !isOtherValue(value) && !isPlaceholder(value)) pushSpan(found, match.index + match[0].lastIndexOf(value), value);
    }
  }
  for (const match of matchesAt(LOGIN_AT, LOGIN_WORD, text)) {
    const value = match[2]; // group 1 is the gap
    if (!NOT_A_LOGIN_GAP.test(match.groups?.gap ?? '') && isLoginWordPassword(value)) pushSpan(found, match.index + match[0].lastIndexOf(value), value);
  }
}
