/**
 * The cued scan of the secret detector: values after a credential key or word (assignments, `name`/`value` pairs, password
 * words in prose, user/password pairs, command output, hex and token runs after a cue, URL keys, directives, Basic auth).
 */
import { before, type Detection, eachMatch } from './detection.js';
import { APP_PASSWORD, ASSIGNED_VALUE, BASIC_AUTH, COMMAND_OUTPUT, CREDENTIAL_KEY, CREDENTIAL_STEM, CUED_PATTERNS, CREDENTIAL_PAIR, DIRECTIVE_WORDS, PROMPT_ENDS, CREDENTIAL_PAIR_START_LOWER, HEX_CUE, HEX_CUE_WORD, NETWORK_CONTEXT, NOT_A_CREDENTIAL_NAME, NUMERIC_KEY, NOT_A_PASSWORD_GAP, NOT_A_SECRET_HEX, SHORT_TOKEN_CUE, URL_PATH_KEY, DIRECTIVE_VALUE, NETRC_PASSWORD, LOOSE_CREDENTIAL_KEY, LOOSE_KEY_END, NAME_VALUE, PRINTS_A_CREDENTIAL, SET_BEFORE_PASSWORD, SET_TO_PASSWORD } from './secret-cues.js';
import { VENDOR_PREFIX } from './secret-formats.js';
import { mayHoldAppPassword } from './password-app.js';
import { GLUED_PASS_KEY } from './password-config-keys.js';
import { symbolTail } from './password-symbol-tail.js';
import { valueWithoutEdges } from './password-value-edges.js';
import { toldPasswords } from './password-told.js';
import { passwordStemsOf } from './password-stems.js';
import { passwordWordAt } from './password-word-at.js';
import { decodesToText } from './secret-base64.js';
import { holds, type Run } from './secret-first-pass.js';
import { ENV_FALLBACK, ENV_REFERENCE, isPassphrase, isRandomLetters16, isSlashPairPassword, isEmailPairPassword, isLabelledPairPassword, HANDED_START, HANDED_VALUE, HANDED_VERBS, isQuotedPhrase, LOGIN_CONTEXT, PAIR_LABEL, PAIR_USER, PAIR_VALUE, PASSPHRASE, QUOTED_PHRASE } from './password-shapes.js';
import { isPlaceholder, isLocation, MIN_BODY_ENTROPY, entropy, looksRandom, pushSpan, hasAny, looksLikePassword, STRONG_SYMBOL, isOtherValue, matchAt, isSpace } from './secret-values.js';
import { isSetValue, isHandedPassword, isHandedForLogin, HANDED_FOR_LOGIN, HANDED_ALTERNATIVE, areSpellingsOfOne, withoutKeyName, isDigestOf, DIGEST_OF_KEY, namesNetworkKey, beforePassword, isAppPassword, FINAL_COPULAS, type PasswordCheck, PASSWORD_FORMS, VERB_FINAL_FORMS, GLUED_FORMS, WIFI_FORMS } from './password-forms.js';

/** Forty base64 characters, the shape of an AWS secret access key: random, or a path or a sentence that happens to fit. */
const AWS_SECRET_SHAPE = /^[A-Za-z0-9/+]{40}$/;

function acceptCued(value: string): boolean {
  if (isPlaceholder(value)) return false;
  // `https://hooks.slack.com/services/XXXXXXXX/XXXXXXXX/xxxxxxxxxxxxxxxx` in docs: a URL's secret is its last segment.
  if (value.includes('://') && isPlaceholder(value.slice(value.lastIndexOf('/') + 1))) return false;
  const secret = value.replace(/^[(\[{<«“‘]+|[)\]}>»”’]+$/g, ''); // `api_key = (sensitive value)`: judged without its bracket
  // Letters only and short: a word (`hunter`, `changeme`), unless sixteen random ones (an app password without its spaces).
  if ((!/\d/.test(secret) && !/[^A-Za-z]/.test(secret) && secret.length < 20 && !isRandomLetters16(secret)) || isPlaceholder(secret)) return false;
  const vendor = VENDOR_PREFIX.exec(secret);
  return vendor === null || looksRandom(secret.slice(vendor[0].length), true); // `api_key=sk-YOUR_KEY_HERE`
}

/** The key is a URL's user (`https://x-access-token:…@github.com/…`, `redis://default:…@cache`): its value ends before the host. */
const inUserinfo = (head: string) => /[a-z][a-z0-9+.-]*:\/\/[^\s/@:]*$/i.test(head);
function beforeHost(value: string): string {
  const authority = value.slice(0, value.search(/[/?#]|$/));
  const at = authority.lastIndexOf('@');
  return at > 0 ? value.slice(0, at) : value;
}

/**
 * Round 24: an auth setting given as `user/password` (`NEO4J_AUTH=neo4j/X`, `DB_AUTH=admin/X`): the user before the slash is
 * no part of the secret. A path (`auth=/etc/…`) or a second slash (`auth=oauth2/v1/…`) is left as it was.
 */
const AUTH_USER_PAIR = /^([A-Za-z][\w.-]{0,31})\/([^\s/]{6,128})$/;
function afterAuthUser(key: string, value: string): string {
  if (!/auth$/i.test(key)) return value;
  return AUTH_USER_PAIR.exec(value)?.[2] ?? value;
}

/**
 * Key names that also name settings (`auth = "ldap"`, `credentials: "include"`, `psk = "wpa2"`): their value must look like a
 * secret, with a digit and both cases or a symbol, or random at 16 characters and more.
 */
const LOOSE_KEY = /(?:^|[_.-])(?:auth|credentials?|creds|psk|bindpw|rootpw)$/i;
function acceptKeyValue(key: string, value: string): boolean {
  if (!LOOSE_KEY.test(key)) return true;
  const bare = value.replace(/^["'`]|["'`]$/g, '');
  if (isOtherValue(bare) || !/\d/.test(bare) || !/\p{L}/u.test(bare)) return false;
  return (/[A-Z]/.test(bare) && /[a-z]/.test(bare)) || STRONG_SYMBOL.test(bare) || (bare.length >= 16 && looksRandom(bare, false));
}

/** Characters no key name holds (quotes, brackets, separators, slashes, line ends); a key name before `=` starts after the last one. */
const NOT_IN_KEY_NAME = new Uint8Array(128);
for (const char of '"{}[]()<>,;|=&:/\n\r\t') NOT_IN_KEY_NAME[char.charCodeAt(0)] = 1;
const isInKeyName = (code: number) => code >= 128 || NOT_IN_KEY_NAME[code] === 0;
/** Where the key name before an assignment may start: the anchored key patterns then try far fewer start positions. */
function nameStart(head: string): number {
  let at = head.length;
  while (at > 0 && isInKeyName(head.charCodeAt(at - 1))) at -= 1;
  return at;
}

/** Where the key before `:` or `=` ends: before the spaces and the one quote that may stand between them (`"password" : `). */
function beforeQuoteAndSpaces(text: string, at: number): number {
  let end = at;
  while (end > 0 && isSpace(text.charCodeAt(end - 1))) end -= 1;
  return end > 0 && (text[end - 1] === '"' || text[end - 1] === "'") ? end - 1 : end;
}

/** `Basic` credentials decode to printable `user:password`. */
function isBasicCredential(encoded: string): boolean {
  const decoded = Buffer.from(encoded, 'base64').toString('latin1');
  return /^[\x20-\x7e]+:[\x20-\x7e]+$/.test(decoded);
}

/**
 * A `.env.example`, a sample config or a template: its word-like values (`cambiar_esto`, `supersecret`) are there to be
 * replaced; a random value with digits pasted into one is still a secret.
 */
/** A word every {@link TEMPLATE_FILE} match holds, looked for first (a scan of literals is several times cheaper). */
const TEMPLATE_WORD = /ample|template|\.dist/i;
const TEMPLATE_FILE = /\.env\.(?:example|sample|template|dist)\b|\b(?:config|settings|secrets)\.(?:example|sample|template|dist)\b|\b(?:sample|example|template) (?:config|configuration|\.env|env file)/i;

/** A hash word earlier in the clause (`hash of the wifi pw (sha256): …`, `md5 of the token: …`): the hex is a digest of the credential. */
const HASH_BEFORE = /(?:hash|hashed|digest|checksum|fingerprint|md5|(?<!hmac[-_ ]?)sha-?\d+)(?![\p{L}])[^.\n!?;]*$/iu;

/** {@link HEX_CUE} tried at one position, and its words found in turn. */
const HEX_CUE_AT = new RegExp(HEX_CUE.source, 'yiu');
const HEX_CUE_WORDS = new RegExp(HEX_CUE_WORD.source, 'giu');
/** The longest word {@link HEX_CUE} allows glued before its cue word (`merchant`, `consumer`: `merchantkey`). */
const MAX_CUE_PREFIX = 8;
/**
 * Where {@link HEX_CUE} matches in `head` (its leftmost start, as a search finds it), or -1. The cue is anchored at the end and free
 * at the start, so a search tries every start of the head; a match starts at one of its words or at a prefix glued before one,
 * so only those starts are tried, in order.
 */
export function hexCueStart(head: string): number {
  let next = 0;
  HEX_CUE_WORDS.lastIndex = 0;
  for (let word = HEX_CUE_WORDS.exec(head); word !== null; word = HEX_CUE_WORDS.exec(head)) {
    for (let start = Math.max(next, word.index - MAX_CUE_PREFIX); start <= word.index; start += 1) {
      if (matchAt(HEX_CUE_AT, head, start) !== null) return start;
    }
    next = word.index + 1;
  }
  return -1;
}

/** A credential word (and up to four words, a copula or a separator) right before `at`, and not a public key or a digest. */
function afterCredentialWord(text: string, at: number): boolean {
  const head = before(text, at, 64);
  if (!HEX_CUE_WORD.test(head)) return false;
  const cue = hexCueStart(head);
  return cue >= 0 && !HASH_BEFORE.test(head) && !NOT_A_SECRET_HEX.test(head.slice(0, cue)) && !PUBLIC_CLIENT_KEY.test(head);
}
/**
 * Round 17: the rest of a token whose parts are joined by dots (`token 0l4lm….wv_271.eKWUU…`, Discord's form, other vendors'
 * too): a run of the token cue stops at the first dot, so the parts after it are added once the run is taken.
 */
const DOTTED_TAIL = /\.[A-Za-z0-9_-]{4,12}\.[A-Za-z0-9_-]{16,}(?![A-Za-z0-9_.-])/y;
function dottedTail(text: string, end: number): string {
  if (text.charCodeAt(end) !== 46) return ''; // '.'
  return matchAt(DOTTED_TAIL, text, end)?.[0] ?? '';
}
/**
 * Round 20: a short first part before the dot (`le jeton kW6.BOFLGQwY…`): the run starts after the dot, so the part before it,
 * a space and no more than twelve characters, is joined to it when the credential word stands before that part.
 */
const DOTTED_HEAD = /(?<=\s)[A-Za-z0-9_-]{2,12}\.$/;
function dottedHead(text: string, start: number): number {
  if (text.charCodeAt(start - 1) !== 46) return 0; // '.'
  return DOTTED_HEAD.exec(text.slice(Math.max(0, start - 14), start))?.[0].length ?? 0;
}
/** A vendor-style lower-case prefix, `_`, and a body of lower-case letters and digits (`bkua_5d1f…`, `lsv2_pt_…`). */
const PREFIXED_LOWER_TOKEN = /^[a-z][a-z0-9]{1,7}_(?:[a-z]{2,8}_)?[a-z0-9]{32,}$/;
/** The words of {@link SHORT_TOKEN_CUE} (lower case), looked for first with `includes`. */
const SHORT_CUE_WORDS = ['secret', 'segredo', 'segreto', 'geheimnis', 'sekret', 'секрет', 'token', 'токен', 'シークレット', 'トークン', '시크릿', '토큰', '令牌', '密钥', '密鑰'];
/** A payment gateway's client key or a captcha's site key is shipped to the browser (Adyen `clientKey`, Midtrans, reCAPTCHA). */
const PUBLIC_CLIENT_KEY = /(?:client|site)[\s_-]?key(?:\s+(?:is|es|est|ist|é|è))?\s*["'`]?\s*[:=：]?\s*["'`]?$/i;

/** An environment variable's name and its `=` (`GH_TOKEN=`, `Api_Key=`): snake case with at least one `_`, then a value. */
const ENV_KEY_PREFIX = /^[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+=(?=[^\s=])/;

/** The separators of a user/password pair (`user / password`, `user | password`). */
const PAIR_SEPARATORS = ['/', '|'];
const isBlank = (code: number) => code === 32 || code === 9;
/** The word before `at` and the blanks after it, without an opening bracket or quote (`(admin / …`). */
function lastWordBefore(text: string, at: number): string {
  let end = at;
  while (end > 0 && isBlank(text.charCodeAt(end - 1))) end -= 1;
  let start = end;
  while (start > 0 && end - start < 80 && !isSpace(text.charCodeAt(start - 1))) start -= 1;
  return text.slice(start, end).replace(/^[(\["'“]+/, '');
}


/**
 * Pushes the cued values into `found`, and returns those taken after a password word (in prose, not after a key name): the
 * sibling scan (password-siblings.ts) looks for a second password listed after each of them.
 */
export function detectCuedValues(text: string, runs: { hex: Run[]; tokens: Run[] }, found: Detection[]): Detection[] {
  // Both are asked only once a value or a password word is found (most texts have neither).
  let template: boolean | undefined;
  let spacedForms: readonly [RegExp, PasswordCheck][] | undefined;
  const pushAt = (start: number, value: string) => {
    let stopped: string;
    [start, stopped] = valueWithoutEdges(text, start, value); // a full stop, a colon, a copula's prefix stay outside
    // Round 21: `bad credentials: GH_TOKEN=github_pat_…`: the value after the cue is itself an environment assignment; its
    // key name is no part of the secret, only what follows its `=` is.
    const key = ENV_KEY_PREFIX.exec(stopped)?.[0].length ?? 0;
    const secret = stopped.slice(key);
    start += key;
    template ??= TEMPLATE_WORD.test(text) && TEMPLATE_FILE.test(text);
    if (secret.length > 0 && (!template || (/\d/.test(secret) && looksRandom(secret, false)))) pushSpan(found, start, secret);
  };
  const pushLast = (match: RegExpExecArray, secret: string) => pushAt(match.index + match[0].lastIndexOf(secret), secret);
  for (const { pattern, needles } of CUED_PATTERNS) {
    if (needles.length > 0 && !hasAny(text, needles)) continue;
    eachMatch(pattern, text, (match) => {
      if (acceptCued(match[1]) && (!AWS_SECRET_SHAPE.test(match[1]) || looksRandom(match[1], true))) pushLast(match, match[1]);
    });
  }
  eachMatch(ASSIGNED_VALUE, text, (match) => {
    const keyEnd = beforeQuoteAndSpaces(text, match.index);
    const head = text.slice(Math.max(0, keyEnd - 64), keyEnd);
    const tail = head.slice(nameStart(head));
    const name = CREDENTIAL_STEM.test(tail) || LOOSE_KEY_END.test(tail.slice(-16)) ? tail.replace(/([a-z0-9])(?=[A-Z])/g, '$1_') : '';
    const key = name === '' ? null : CREDENTIAL_KEY.exec(name) ?? (LOOSE_KEY_END.test(name.slice(-16)) ? LOOSE_CREDENTIAL_KEY.exec(name.slice(-48)) : GLUED_PASS_KEY.exec(name));
    // Round 27: no key name before the separator (most matches): the value is not read, only where the scan goes on.
    if (key === null) {
      ASSIGNED_VALUE.lastIndex = match.index + match[0].indexOf(match[1]);
      return;
    }
    const whole = head.includes('://') && inUserinfo(head) ? beforeHost(match[1]) : match[1];
    const value = afterAuthUser(key[0], whole);
    if (ENV_REFERENCE.test(value)) {
      // `secret = process.env.X || "…"`: the literal fallback is the value the code runs with when the variable is unset.
      const fallback = matchAt(ENV_FALLBACK, text, match.index + match[0].length);
      if (fallback !== null && !NOT_A_CREDENTIAL_NAME.test(key[0]) && acceptCued(fallback[1])) pushLast(fallback, fallback[1]);
    } else if (!NOT_A_CREDENTIAL_NAME.test(key[0]) && !DIGEST_OF_KEY.test(head) && !isLocation(value) && acceptCued(value) && acceptKeyValue(key[0], value)) pushLast(match, value);
    else ASSIGNED_VALUE.lastIndex = match.index + match[0].indexOf(match[1]); // `Zugangsdaten: passwort=…`: the value may hold the next key
  });
  if (text.includes('value')) {
    eachMatch(NAME_VALUE, text, (match) => {
      const name = match[1].slice(match[1].search(/[^.:]*$/)).replace(/([a-z0-9])(?=[A-Z])/g, '$1_');
      const key = CREDENTIAL_KEY.exec(name);
      if (key !== null && !NOT_A_CREDENTIAL_NAME.test(key[0]) && acceptCued(match[2]) && acceptKeyValue(key[0], match[2])) pushLast(match, match[2]);
    });
  }
  // One scan for the password words; the spoken, bare and gap forms are then tried only where one starts.
  let taken = 0;
  // Lower-cased, the scan needs no case folding.
  const { lower, stems } = passwordStemsOf(text);
  const visitStem = (stem: number) => {
    if (stem < taken) return;
    const word = passwordWordAt(text, stem);
    if (word === null || isDigestOf(text.slice(Math.max(0, word.index - 48), word.index))) return;
    // `رمز وای‌فای: X`, `kod wifi X`: a "code" or "key" word before a Wi-Fi word names the network's password.
    const weak = word.groups?.weak !== undefined && !namesNetworkKey(text, word.index, word.index + word[0].length);
    const wifi = word.groups?.wifi !== undefined;
    const glued = word.groups?.glued !== undefined;
    const end = word.index + word[0].length;
    // Round 24: `password from X to Y` (both taken), `read the password out loud ("X")`: see password-told.ts.
    const told = weak ? null : toldPasswords(text, word.index, end);
    if (told !== null) {
      for (const [at, value] of told.values) pushAt(at, value);
      taken = told.end;
      return;
    }
    if (!weak && mayHoldAppPassword(text, end)) {
      const app = matchAt(APP_PASSWORD, text, end);
      if (app !== null && isAppPassword(app)) {
        pushLast(app, app.groups?.value ?? '');
        taken = app.index + app[0].length;
        return;
      }
    }
    spacedForms ??= hasAny(text, FINAL_COPULAS) ? VERB_FINAL_FORMS : PASSWORD_FORMS;
    for (const [pattern, accept] of wifi ? WIFI_FORMS : glued ? GLUED_FORMS : spacedForms) {
      const match = matchAt(pattern, text, end);
      if (match !== null && accept(match, text, weak)) {
        pushLast(match, withoutKeyName(match.groups?.value ?? ''));
        taken = match.index + match[0].length;
        return;
      }
    }
    if (!weak && !glued) {
      // `Pass: maple river cloud`, `passphrase "copper-kettle-winter-moss"`: lower-case words, which no form above takes.
      const phrase = matchAt(PASSPHRASE, text, end);
      if (phrase !== null && isPassphrase(phrase, text)) {
        pushLast(phrase, phrase.groups?.value ?? '');
        taken = phrase.index + phrase[0].length;
        return;
      }
      // `passphrase for the backup disk is "seven lanterns drift over 2011"`: a quoted phrase a few words on.
      const quoted = matchAt(QUOTED_PHRASE, text, end);
      if (quoted !== null && isQuotedPhrase(quoted)) {
        pushLast(quoted, quoted.groups?.value ?? '');
        taken = quoted.index + quoted[0].length;
        return;
      }
      // `i set the admin password to correct-horse-battery-staple-42`: a verb of setting before the word, `to` after it.
      const setTo = SET_BEFORE_PASSWORD.test(text.slice(Math.max(0, word.index - 60), word.index)) ? matchAt(SET_TO_PASSWORD, text, end) : null;
      if (setTo !== null && isSetValue(setTo.groups?.value ?? '')) {
        pushLast(setTo, setTo.groups?.value ?? '');
        taken = setTo.index + setTo[0].length;
        return;
      }
    }
    if (!weak) {
      // `Netzwerkschlüssel lautet 4829 1175 …`: digits only, where the text names a network.
      const numeric = /\d{4}/.test(text.slice(end, end + 90)) ? matchAt(NUMERIC_KEY, text, end) : null;
      const gap = numeric?.groups?.gap ?? '';
      const bare = numeric !== null && /^[\s"'“„«「]*$/.test(numeric[0].slice(gap.length, numeric[0].length - (numeric.groups?.value ?? '').length));
      if (numeric !== null && !(bare && gap.trim() !== '') && !NOT_A_PASSWORD_GAP.test(gap) && NETWORK_CONTEXT.test(text.slice(Math.max(0, word.index - 80), numeric.index + numeric[0].length - (numeric.groups?.value ?? '').length))) {
        pushLast(numeric, numeric.groups?.value ?? '');
        taken = numeric.index + numeric[0].length;
        return;
      }
    }
    if (weak || wifi) return;
    const before = beforePassword(text, word.index, end, glued);
    if (before !== null) pushAt(before[0], before[1]);
  };
  const afterPasswordWord: Detection[] = [];
  const listing = (push: () => void) => {
    const count = found.length;
    push();
    for (let index = count; index < found.length; index += 1) afterPasswordWord.push(found[index]);
  };
  const visit = (stem: number) => listing(() => visitStem(stem));
  for (const stem of stems) visit(stem);
  if (hasAny(text, PROMPT_ENDS) && /[$#%>] [^\n]*\n/.test(text)) {
    eachMatch(COMMAND_OUTPUT, text, (match) => {
      const secret = match[2];
      if (!PRINTS_A_CREDENTIAL.test(match[1]) || !/\p{L}/u.test(secret) || !/\d/.test(secret) || isPlaceholder(secret) || isOtherValue(secret)) return;
      if ((/[A-Z]/.test(secret) && /[a-z]/.test(secret)) || /[^\w]/.test(secret) ? entropy(secret) >= MIN_BODY_ENTROPY : false) pushSpan(found, match.index + match[0].lastIndexOf(secret), secret);
    });
  }
  // `mia.k@example.org / Lantern!Bay24`, `admin / River-Bend-2020`: a user and a password around a slash or a bar.
  for (const separator of PAIR_SEPARATORS) {
    for (let at = text.indexOf(separator); at >= 0; at = text.indexOf(separator, at + 1)) {
      if (!isBlank(text.charCodeAt(at - 1)) && !isBlank(text.charCodeAt(at + 1))) continue; // `host.net/db`, `a|b`
      // `Wi-Fi: LDN-Staff / X`, `app user app_rw / X`: a network's name or a user after its label.
      const user = lastWordBefore(text, at);
      const labelled = !PAIR_USER.test(user);
      if (labelled && !PAIR_LABEL.test(text.slice(Math.max(0, at - 80), at))) continue;
      const match = matchAt(PAIR_VALUE, text, at);
      const secret = match?.groups?.value ?? '';
      const emailLogin = !labelled && user.includes('@') && isEmailPairPassword(secret) && LOGIN_CONTEXT.test(text.slice(Math.max(0, at - 120), at)); // round 23
      // Round 26: a list of logins goes on after a pair (`Sky – mail@x.de / X; Steam – Y`): the sibling scan looks after it too.
      if (match !== null && (labelled ? isLabelledPairPassword(secret) : isSlashPairPassword(secret) || emailLogin) && !isOtherValue(secret) && !isPlaceholder(secret)) listing(() => pushLast(match, secret));
    }
  }
  // `use Winter2027!! for the lobby kiosk, the login is desk2`: a password handed over with no password word.
  if (hasAny(lower, HANDED_VERBS)) {
    eachMatch(HANDED_START, text, (start) => {
      const match = matchAt(HANDED_VALUE, text, start.index);
      if (match === null) return;
      const secret = match.groups?.value ?? '';
      const end = match.index + match[0].length;
      if (isHandedPassword(secret) && LOGIN_CONTEXT.test(text.slice(Math.max(0, match.index - 120), end + 120))) pushLast(match, secret);
      else if (HANDED_FOR_LOGIN.test(text.slice(end, end + 32)) && isHandedForLogin(secret)) pushLast(match, secret); // round 22
      else {
        const other = matchAt(HANDED_ALTERNATIVE, text, end); // round 22: `try X or Y`, two spellings of one password
        if (other !== null && areSpellingsOfOne(secret, other.groups?.value ?? '')) {
          pushLast(match, secret);
          pushLast(other, other.groups?.value ?? '');
        }
      }
    });
  }
  eachMatch(CREDENTIAL_PAIR_START_LOWER, lower, (start) => {
    if (start.index > 0 && /\p{L}/u.test(text[start.index - 1])) return;
    const match = matchAt(CREDENTIAL_PAIR, text, start.index);
    const secret = match?.groups?.value ?? '';
    if (match !== null && looksLikePassword(secret) && !isPlaceholder(secret)) pushLast(match, secret);
  });
  for (const { start, end } of runs.hex) {
    const hex = text.slice(start, end);
    if (/[a-f]/i.test(hex) && /\d/.test(hex) && afterCredentialWord(text, start) && looksRandom(hex, false)) pushSpan(found, start, hex);
  }
  // `El token de Cloudflare es Zk3p…`: a mixed-case run with digits after a credential word, as random as a vendor token;
  // `チャネルアクセストークン（長期）：MiNw4…+…/…=`: base64 with `+` or `/` after one, of random bytes.
  for (const { start, end } of runs.tokens) {
    const run = text.slice(start, end);
    // Azure DevOps PATs and other base36 tokens: 32 or more lower-case letters and digits, no upper case.
    const base36 = run.length >= 32 && /^[a-z0-9]+$/.test(run) && /[g-z]/.test(run);
    // Round 17: 20–31 lower-case hex digits (`encryption key 6489a844…`, 24 of them): shorter than a hex run, still a key after its word.
    const shortHex = run.length >= 20 && run.length < 32 && /^[0-9a-f]+$/.test(run);
    // Round 18: a vendor's lower-case prefix and `_` before 32 or more lower-case hex or base36 (`bkua_…`, `sqp_…`, `pnu_…`).
    const prefixed = run.length >= 36 && PREFIXED_LOWER_TOKEN.test(run);
    if (!/\d/.test(run) || !/[a-z]/.test(run) || (!/[A-Z]/.test(run) && !base36 && !shortHex && !prefixed)) continue;
    const base64 = /[+/=]/.test(run);
    // Round 18: base64url with its padding (`dG9rOj…_…=`) is judged as base64; so is base64 with `+` or `/`.
    const base64url = base64 && /^[\w-]+=+$/.test(run) && /[A-Z]/.test(run);
    if (base64 ? run.length < 32 || (!base64url && (/[_-]/.test(run) || !/[+/]/.test(run))) : run.length > 128) continue;
    if (run.length < 20) {
      const head = before(text, start, 40);
      if (!SHORT_CUE_WORDS.some((word) => head.includes(word)) || !SHORT_TOKEN_CUE.test(head)) continue;
    }
    const head = dottedHead(text, start);
    if (afterCredentialWord(text, start - head) && looksRandom(run.replace(/=+$/, ''), !base36) && !isPlaceholder(run) && !decodesToText(run)) pushSpan(found, start - head, text.slice(start - head, start) + run + (dottedTail(text, end) || (run.length < 20 ? symbolTail(text, end) : '')));
  }
  if (text.includes('://')) {
    eachMatch(URL_PATH_KEY, text, (match) => {
      const key = match[1];
      if (/\d/.test(key) && /[a-z]/.test(key) && /[A-Z]/.test(key) && looksRandom(key, true) && !isPlaceholder(key)) pushLast(match, key);
    });
  }
  const directive = (match: RegExpExecArray) => {
    if (acceptCued(match[1]) && !isOtherValue(match[1]) && /\d/.test(match[1])) pushLast(match, match[1]);
  };
  if (hasAny(text, DIRECTIVE_WORDS)) eachMatch(DIRECTIVE_VALUE, text, directive);
  if (holds(text, 'machine')) eachMatch(NETRC_PASSWORD, text, directive);
  eachMatch(BASIC_AUTH, text, (match) => {
    if (isBasicCredential(match[1])) pushLast(match, match[1]);
  });
  return afterPasswordWord;
}
