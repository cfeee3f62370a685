import { before, type Detection, eachMatch } from './detection.js';
import { APP_PASSWORD, ASSIGNED_VALUE, BARE_PASSWORD, BASIC_AUTH, BEFORE_GLUED_PASSWORD, BEFORE_PASSWORD, COMMAND_OUTPUT, CREDENTIAL_KEY, CREDENTIAL_STEM, CUED_PATTERNS, CREDENTIAL_PAIR, CREDENTIAL_PAIR_START, CREDENTIAL_PAIR_START_LOWER, FAR_COLON_PASSWORD, FINAL_COPULA_GATE, FINAL_COPULA_PASSWORD, GAP_PASSWORD, GLUED_PASSWORD, HANGUL_VALUE, HEX_CUE, HEX_CUE_WORD, NETWORK_CONTEXT, NOT_A_CREDENTIAL_NAME, NUMERIC_KEY, NOT_A_PASSWORD_AFTER, NOT_A_PASSWORD_GAP, NOT_A_PASSWORD_LABEL, NOT_A_SECRET_HEX, PASSWORD_WORD, SHORT_TOKEN_CUE, URL_PATH_KEY, DIRECTIVE_VALUE, NETRC_PASSWORD, LOOSE_CREDENTIAL_KEY, LOOSE_KEY_END, NAME_VALUE, PASSWORD_WORD_AT, PRINTS_A_CREDENTIAL, SET_BEFORE_PASSWORD, SET_TO_PASSWORD, SPOKEN_PASSWORD, STATUS_AFTER, TRAILING_SCRIPT_STOPS } from './secret-cues.js';
import { TOKEN_FORMATS, VENDOR_PREFIX } from './secret-formats.js';
import { mayHoldAppPassword } from './password-app.js';
import { eachPasswordStem } from './password-stems.js';
import { decodesToText } from './secret-base64.js';
import { firstPass, holds, type Run } from './secret-first-pass.js';
import { ENV_FALLBACK, ENV_REFERENCE, isLowerRun, isMixedWithDigit, isPassphrase, isRandomLetters16, isSlashPairPassword, isLabelledPairPassword, isWordsAndDigits, HANDED_VALUE, isQuotedPhrase, LOGIN_CONTEXT, PAIR_LABEL, PAIR_USER, PAIR_VALUE, PASSPHRASE, QUOTED_PHRASE } from './password-shapes.js';

const PEM = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g;
/** A key pasted without its END line: the BEGIN line and the base64 lines under it. */
const PEM_TRUNCATED = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:\r?\n[A-Za-z0-9+/]{16,}={0,2})+/g;

/** A format's placeholder in groups (`xxxx-xxxx-xxxx`, `XXXX XXXX`, `0000-0000-0000`, `****-****`): never a value, whatever cue is before it. */
const GROUPED_FILLER = /^[xX*0]+(?:[-_. ][xX*0]+)+$/;

/** Documentation placeholders and references, not values: `YOUR_API_KEY`, `${DB_PASSWORD}`, `{{token}}`, `<secret>`, `%PASS%`, `********`. */
const PLACEHOLDERS: readonly RegExp[] = [
  /^[A-Z]+(?:_[A-Z]+)+$/, // an environment variable's name
  /^\$\{[^}]*\}$|^\$[A-Z_]+$/,
  ENV_REFERENCE, // `process.env.API_SECRET`, `${DB_PASSWORD:?set it}`: where the value lives
  /^\{\{[^}]*\}\}$|^<[^>]*>$|^%\w+%$/,
  /^(.)\1+$|^[xX]+$/,
  GROUPED_FILLER,
  /[*•●]{3,}/, // masked in a log: `tok_****`, `sk-…••••1a2b`
  /^your[_-]|^(?:changeme|placeholder|redacted)$/i,
  // "change this" in the languages of .env templates: cambiar_esto, a_changer, ändern, mudar_isto, wijzigen, zmien_to, поменяй.
  /^(?:cambiar|cámbiame|cambiame|cambia|cambiare|changer|a[_-]?changer|à[_-]?changer|ändern|aendern|bitte[_-]?ändern|mudar|mude|alterar|altere|wijzig|wijzigen|verander|zmien|zmień|zmienic|ändra|endre|vaihda|değiştir|degistir|ganti|поменяй|поменять|изменить|измени|замени|change|replace|set|todo|tbd|fixme)(?:[_-](?:esto|me|moi|mich|isto|isso|questo|dit|mij|to|this|it|ici|aqui|qui|hier|tämä|bunu|ini|это|here))*$/i,
  // Documented examples and fillers: AKIAIOSFODNN7EXAMPLE, sk_test_example_key, my-dummy-token-123, insert-key-here.
  /EXAMPLE|(?:^|[_.\-/])(?:example|sample|dummy|placeholder|redacted|changeme|change[_-]me|replace[_-]?me|insert|fake|foobar)(?:$|[_.\-/])/i,
];
const isPlaceholder = (value: string) => PLACEHOLDERS.some((pattern) => pattern.test(value));
/** A path or a URL after `pwd:` or `secret:` is where a credential lives, not the credential. */
const isLocation = (value: string) => /^(?:\.{0,2}\/|~\/|[a-z][a-z0-9+.-]*:\/\/)/i.test(value);

/**
 * Shannon entropy of a token body in bits per character. A random body of base62 or hex characters
 * scores 3.5–5.5 at the lengths vendors use; documentation fillers (`xxxx…`, `0000…`, `abcabc…`) score
 * under 2.5. 3.0 leaves room on both sides.
 */
const MIN_BODY_ENTROPY = 3;
/** A body of n characters has at most log2(n) bits per character; short Slack groups get this much slack under it. */
const SHORT_BODY_SLACK = 0.7;

/** Counts of the ASCII characters of the value {@link entropy} is measuring, reset as they are read (no map per call). */
const ASCII_COUNTS = new Uint16Array(128);

function entropy(value: string): number {
  let others: Map<string, number> | undefined;
  for (let at = 0; at < value.length; at += 1) {
    const code = value.charCodeAt(at);
    if (code < 128) ASCII_COUNTS[code] += 1;
    else (others ??= new Map()).set(value[at], (others.get(value[at]) ?? 0) + 1);
  }
  let bits = 0;
  const add = (count: number) => (bits -= (count / value.length) * Math.log2(count / value.length));
  for (let at = 0; at < value.length; at += 1) {
    const code = value.charCodeAt(at);
    if (code < 128 && ASCII_COUNTS[code] > 0) {
      add(ASCII_COUNTS[code]);
      ASCII_COUNTS[code] = 0;
    }
  }
  if (others !== undefined) for (const count of others.values()) add(count);
  return bits;
}

/** `1234567890abcdefghij…`: most neighbours are consecutive characters. */
function isSequence(value: string): boolean {
  let steps = 0;
  for (let at = 1; at < value.length; at += 1) if (value.charCodeAt(at) - value.charCodeAt(at - 1) === 1) steps += 1;
  return steps * 2 >= value.length;
}

/**
 * A token body that could be a real vendor secret: not a placeholder, not words (`your-slack-token-here`,
 * `YOUR_OPENAI_KEY` have no digit and one case, where the vendor's alphabet mixes cases), not a sequence,
 * and random enough.
 */
function looksRandom(body: string, mixedCase: boolean): boolean {
  if (isPlaceholder(body) || isSequence(body)) return false;
  if (mixedCase && !/\d/.test(body) && (!/[a-z]/.test(body) || !/[A-Z]/.test(body))) return false;
  return entropy(body) >= Math.min(MIN_BODY_ENTROPY, Math.log2(body.length) - SHORT_BODY_SLACK);
}

/** A PEM block holds a key, not `<your private key here>` or `...`: its base64 between the armour lines looks random. */
function hasKeyMaterial(block: string): boolean {
  const base64 = block.replace(/-----[A-Z0-9 ]+-----/g, '').replace(/[^A-Za-z0-9+/]/g, '');
  return base64.length >= 16 && looksRandom(base64, true);
}

/**
 * Keys that are public by design, shipped to browsers and apps: Stripe and Clerk publishable keys, Omise public keys, Mapbox
 * public tokens, Flutterwave public keys, Xendit public keys, Toss client keys, Supabase publishable keys, Checkout.com `pk_sbox_`
 * keys, Square application ids, Midtrans client keys.
 */
const PUBLIC_KEY = /^(?:pk_(?:live|test|sbox)_|sq0idp-|(?:SB-)?Mid-client-|pkey_(?:test_)?|pk\.eyJ|FLWPUBK(?:_TEST)?-|xnd_public_|(?:live|test)_g?ck_|sb_publishable_)/;

function pushSpan(found: Detection[], start: number, raw: string): void {
  const value = raw.replace(TRAILING_SCRIPT_STOPS, ''); // `密碼 X；`, `पासवर्ड: X।`: the sentence's mark stays outside
  if (value.length === 0 || PUBLIC_KEY.test(value) || GROUPED_FILLER.test(value)) return;
  found.push({ start, end: start + value.length, label: 'SECRET' });
}

function hasAny(text: string, needles: readonly string[]): boolean {
  for (const needle of needles) if (holds(text, needle)) return true;
  return false;
}

function detectVendorTokens(text: string, found: Detection[]): void {
  for (const { name, pattern, mixedCase, needles, gate } of TOKEN_FORMATS) {
    if (gate !== undefined ? !gate.test(text) : needles.length > 0 && !hasAny(text, needles)) continue;
    eachMatch(pattern, text, (match) => {
      const token = match[0].replace(/\.+$/, ''); // a token that ends a sentence keeps its full stop outside
      const body = match[1].slice(0, match[1].length - (match[0].length - token.length));
      if (body.length === 0 || !looksRandom(body, mixedCase) || isPlaceholder(token)) return;
      if (name === 'twilio-account-sid' && /sid["'`]?\s*[:=]?\s*["'`]?$/i.test(before(text, match.index, 16))) return; // an account SID names the account
      // A Razorpay key id is the public half of the pair (Checkout.js ships it to the browser); its key secret has no prefix.
      if (name === 'razorpay-key' && KEY_ID_BEFORE.test(before(text, match.index, 40))) return;
      pushSpan(found, match.index, token);
    });
  }
}

/** A key named as an id right before it: `key_id = `, `RAZORPAY_KEY_ID=`, `"keyId": "`, `key id `, `Key ID: `. */
const KEY_ID_BEFORE = /(?:key|api|client|app|merchant)[\s_-]?id["'`]?\s*(?:[:=：]|\bis\b|\bes\b|\best\b|\bist\b|\bé\b|\bhai\b)?\s*["'`]?$/i;

/** Forty base64 characters, the shape of an AWS secret access key: random, or a path or a sentence that happens to fit. */
const AWS_SECRET_SHAPE = /^[A-Za-z0-9/+]{40}$/;

function acceptCued(value: string): boolean {
  if (isPlaceholder(value)) return false;
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

/** Letters, a digit and a symbol: a value no sentence would put right after the word "password" by chance. */
function looksLikePassword(value: string): boolean {
  return /\p{L}/u.test(value) && /\d/.test(value) && /[^\p{L}\p{M}\d]/u.test(value.replace(/[.,;:?]+$/, '')) && !/^\p{L}+[.,;:!?]$/u.test(value) && !isOtherValue(value);
}

/**
 * How people build passwords from words: a word of three letters or more (any script) joined to digits or another word by `_`, `.`,
 * `!`, `-` or `@`, with a digit (`sakura_2024_tamachan`, `Magazzino.2021`, `Ромашка_2024`, `Batik_Merah_88`, `Druck!Weiss_2024`).
 */
const JOINED_WORDS = /^\p{L}{3,}(?:[_.!@#-]+[\p{L}\p{N}]+)+[!?#*$]*$/u;
function looksLikeJoinedWords(value: string): boolean {
  const bare = value.replace(/[.,;:?]+$/, '');
  return bare.length >= 8 && /\d/.test(bare) && JOINED_WORDS.test(bare) && !isOtherValue(bare);
}

/**
 * Round 17: three words and more, each capitalised, joined by hyphens (`Cupan-Tae-Gaillimh`, `Harbour-Lights-Inn`): how people
 * write a passphrase they read out, not how prose hyphenates (`self-service`, `Jean-Pierre`, `Saint-Jean-de-Luz`).
 */
const TITLE_CASE_WORDS = /^\p{Lu}\p{L}*(?:-\p{Lu}\p{L}*){2,}$/u;
const isTitleCaseWords = (value: string) => value.length >= 12 && TITLE_CASE_WORDS.test(value);

/** A symbol people put in passwords and not in words, names, versions or order numbers. */
const STRONG_SYMBOL = /[!#$%&*+=?@^~]/;

/**
 * What a token after a password word can be besides a password: an e-mail address or a URL (where to log in), a path or
 * a file, a version, a date or a time, a number, hyphenated words (`wi-fi`, `self-service`), a placeholder.
 */
function isOtherValue(value: string): boolean {
  const bare = value.replace(/^[(\[{<«“‘]+|[)\]}>»”’.,;:!?]+$/g, '');
  return (
    /^[^@\s]+@[\w-]+(?:\.[\w-]+)+$/.test(bare) ||
    /:\/\/|^www\./i.test(bare) ||
    isLocation(bare) ||
    /^(?:[A-Za-z]:)?[\\/]/.test(bare) ||
    /^[\w-]+\.(?:txt|pdf|docx?|xlsx?|csv|png|jpe?g|gif|zip|json|ya?ml|env|conf|cfg|ini|log|sql|sh|py|js|ts|html?)$/i.test(bare) ||
    /^v?\d+(?:\.\d+){1,3}(?:[-+][\w.]+)?$/i.test(bare) ||
    /^(?:argon2(?:id|i|d)?|bcrypt|scrypt|yescrypt|pbkdf2(?:[-_]?sha\d+)?|sha-?\d+|md5|aes-?\d+(?:-\w+)?|rsa-?\d+|ed25519|x25519|hmac-?sha-?\d+|3des|chacha20(?:-poly1305)?|blake2[bs]?)$/i.test(bare) || // an algorithm's name
    /^\$(?:2[abxy]?|argon2(?:id|i|d)?|[1256]|y|7|scrypt|pbkdf2[\w-]*|sha\d+)\$/.test(bare) || // a password hash (bcrypt, argon2, crypt)
    /^\{?(?:SSHA\d*|SHA\d*|SMD5|MD5|CRYPT|PBKDF2[\w-]*|ARGON2)\}/i.test(bare) || // an LDAP password hash (`{SSHA}…`)
    /^[A-Z]{2,8}(?:[-_/#][A-Z0-9]+)*[-_/#][A-Z0-9]*\d[A-Z0-9]*(?:[-_/#][A-Z0-9]+)*$/.test(bare) || // a change, ticket, order or product reference: CHG-2024-0915, INC_20931, PRD-5521-GRY
    /^[A-Z]{2,}(?:-[A-Z]{2,})*-v?\d+\.\d+$|^(?:WPA\d?|WEP|PSK|AES|TKIP)-/.test(bare) || // PCI-DSS-4.0, WPA2-protected
    /^\d{1,4}[-./]\d{1,2}[-./]\d{1,4}(?:[T ]?\d|$)|^\d{1,2}:\d{2}|^\d{1,4}[-./ ]\p{L}{3,9}\.?[-./ ]\d{2,4}$/u.test(bare) ||
    /^[\d\s.,:/+#-]+$/.test(bare) ||
    /^[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,}(?:\/\d+)?$/i.test(bare) || // an IPv6 address or a MAC
    (/^\p{L}+(?:[-'’.]\p{L}+)*$/u.test(bare) && !/^\p{L}{4,}(?:-\p{L}{4,}){2,}$/u.test(bare) && !isTitleCaseWords(bare)) || // not `correct-horse-battery-staple`
    isPlaceholder(bare)
  );
}

/**
 * After "code" or "key" (`Koden til e-conomic er …`, `clé du wifi : …`), which name many other things (discount codes,
 * booking codes, SKUs), a value needs a symbol of its own and a digit or both cases.
 */
function looksLikeStrongPassword(value: string): boolean {
  const bare = value.replace(/[.,;:?]+$/, '');
  return /\p{L}/u.test(bare) && (STRONG_SYMBOL.test(bare) || (/[_-]/.test(bare) && /\p{Lu}/u.test(bare) && /\p{Ll}/u.test(bare))) && (/\d/.test(bare) || (/\p{Lu}/u.test(bare) && /\p{Ll}/u.test(bare))) && !isOtherValue(value);
}

/** The first words after a password word that make the sentence about something else: `password policy is …`. */
const META_GAP = /^[\s-]*(?:hint|policy|policies|length|field|requirements?|rules?|format|strength|hash\p{L}*|history|managers?|generator|expiry|expiration|richtlinie|länge|feld|política|longitud|campo|politique|longueur|champ)(?![\p{L}])/iu;

/** Far from its password word (more than four words between), a value must look like a password on its own. */
function isSpokenPassword(match: RegExpExecArray, _text: string, weak: boolean): boolean {
  const secret = withoutKeyName(match.groups?.value ?? '');
  // `the password is sunflowerfield`: letters only, a long run right after the copula or the colon.
  if (!weak && match.groups?.verb === undefined && match.groups?.now === undefined && isLowerRun(secret) && (match.groups?.gap ?? '').trim().split(/\s+/).length <= 3) return !META_GAP.test(match.groups?.gap ?? '');
  if (!/[\d\W_]/u.test(secret) || !/\p{L}/u.test(secret) || /^\p{L}+[.,;:!?]$/u.test(secret) || isPlaceholder(secret) || isOtherValue(secret)) return false;
  const gap = match.groups?.gap ?? '';
  if (META_GAP.test(gap) || HASH_OR_EXAMPLE.test(gap)) return false; // `pw (sha256): …` is its digest
  if (/^\s*[:：]/.test(match[0].slice(gap.length)) && NOT_A_PASSWORD_LABEL.test(gap)) return false; // `password reset for user: bob_2`
  if (weak) return looksLikeStrongPassword(secret);
  // `password? try X`, `Passwort: nimm X`: after an imperative the value must look like a password on its own.
  // `Пароль від вайфаю тепер X`, `heslo k wifi teď X`: "now" with no copula; the value looks like a password on its own.
  if (match.groups?.now !== undefined || match.groups?.verb !== undefined) return looksLikeJoinedWords(secret) || looksLikeStrongPassword(secret) || isMixedWithDigit(secret);
  const gapWords = gap.trim().split(/\s+/).filter(Boolean).length;
  // Round 17: `password ng wifi sa sari-sari store ay TindahanNiAling2024`: up to six words, then words and digits in both cases.
  return (gapWords <= 4 && secret.length >= 8) || looksLikePassword(secret) || (gapWords <= 6 && secret.length >= 10 && isMixedWithDigit(secret) && isWordsAndDigits(secret));
}

/** The value after "set the password to": a password on its own (a symbol and a digit, or both cases and a digit). */
function isSetValue(value: string): boolean {
  return !isPlaceholder(value) && !isOtherValue(value) && (looksLikePassword(value) || isMixedWithDigit(value));
}

/** A value handed over with "use" or "try": a word, two digits, both cases and a symbol people put in passwords (`Winter2027!!`). */
function isHandedPassword(value: string): boolean {
  return isMixedWithDigit(value) && STRONG_SYMBOL.test(value) && /\p{L}{4}/u.test(value) && /\d{2}/.test(value) && !isPlaceholder(value) && !isOtherValue(value);
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
  // `lozinka za mail X`, `Passwort für Mail X`: "for mail" last says whose password; the value needs a symbol of its own.
  if (MAILBOX_END.test(gap)) return !weak && looksLikeStrongPassword(secret) && /\d/.test(secret) && !isPlaceholder(secret) && !STATUS_AFTER.test(text.slice(match.index + match[0].length, match.index + match[0].length + 24)) && !NOT_A_PASSWORD_GAP.test(gap.replace(MAILBOX_END, ''));
  // Round 17: `password wifi warung warungbuyati123`: a Wi-Fi word and one more word, then words and digits with no symbol.
  if (!weak && WIFI_AFTER.test(gap) && gap.trim().split(/\s+/).length <= 2 && isWordsAndDigits(secret) && !isOtherValue(secret) && !isPlaceholder(secret)) return !STATUS_AFTER.test(text.slice(match.index + match[0].length, match.index + match[0].length + 24));
  if (!looksLikePassword(secret) || isPlaceholder(secret) || NOT_A_PASSWORD_GAP.test(named) || META_GAP.test(gap)) return false;
  if (STATUS_AFTER.test(text.slice(match.index + match[0].length, match.index + match[0].length + 24))) return false;
  if (weak && !looksLikeStrongPassword(secret)) return false;
  // After words of another script the value is Latin, or words of that script joined to digits (`Пароль от моей почты Берёза_2023`).
  if (!/\p{Script=Latin}/u.test(gap)) return !/[^\p{Script=Latin}\p{Script=Common}\p{M}]/u.test(secret) || looksLikeJoinedWords(secret);
  const words = gap.trim().split(/\s+/).length;
  if (words <= 4 && POSSESSIVE_END.test(gap) && /\d/.test(secret) && /[_.!#$%&*+=?^~-]/.test(secret)) return true; // `password ng GCash ko X`
  if (match.groups?.pointer !== undefined && looksLikeJoinedWords(secret)) return words <= 4; // `Senha nova do wifi 👉 X`
  return words <= 3 && (STRONG_SYMBOL.test(secret) || (/\p{Lu}/u.test(secret) && /\p{Ll}/u.test(secret)));
}

/** The gap ends with "for (the) mail" in some languages (`za mail`, `for email`, `für Mail`, `pour le mail`, `do maila`, `для почты`). */
const MAILBOX_END = /(?<![\p{L}])(?:za|for|für|pour|para|per|voor|för|til|dla|do|na|для|от|за|від)(?:\s+(?:the|my|le|la|el|die|den|mein\p{L}*|moj\p{L}*|mi|mon|ma))?\s+(?:e-?mail\p{L}*|mail\p{L}*|correo|courriel|posta|poštu|poštu|почт\p{L}*|пошт\p{L}*|имејл\p{L}*|мејл\p{L}*)\s*$/iu;
/**
 * An account or mail word and the name of a service, a person or a possessive after it (`akun BPJS bapak`, `account Netflix`, `email
 * saya`), not last in the gap: it says whose password, not which user.
 */
const ACCOUNT_OF_SERVICE = /(?<![\p{L}])(?:account|akun|konto|cuenta|compte|conta|tài khoản|e-?mail|surel|correo|courriel|posta)(?=\s+[\p{L}\p{N}])/giu;
/**
 * A possessive pronoun written after its noun ends the words naming the password (`password ng GCash ko`, `password akun
 * saya`, `nenosiri ya benki yangu`): the value right after it may be lower-case words joined by `_` or `.` with a digit.
 */
const POSSESSIVE_END = /\s(?:ko|mo|namin|natin|niya|nila|ninyo|saya|aku|ku|kamu|mu|kami|kita|dia|mereka|yangu|yako|yake|yetu|wangu|wako|mia|mio|nostra|nostro)\s*$/iu;

/** `Password line: spring.datasource.password=X`: the value after the key is the password, not the assignment. */
function withoutKeyName(value: string): string {
  const key = /^[\w.-]*(?:pass|pwd|secret|token|key)[\w.-]*[=:]/i.exec(value);
  return key === null || key[0].length === value.length ? value : value.slice(key[0].length);
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

/** A credential word (and up to four words, a copula or a separator) right before `at`, and not a public key or a digest. */
function afterCredentialWord(text: string, at: number): boolean {
  const head = before(text, at, 64);
  return HEX_CUE_WORD.test(head) && HEX_CUE.test(head) && !HASH_BEFORE.test(head) && !NOT_A_SECRET_HEX.test(head.replace(HEX_CUE, '')) && !PUBLIC_CLIENT_KEY.test(head);
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
/** The words of {@link SHORT_TOKEN_CUE} (lower case), looked for first with `includes`. */
const SHORT_CUE_WORDS = ['secret', 'segredo', 'segreto', 'geheimnis', 'sekret', 'секрет', 'token', 'токен', 'シークレット', 'トークン', '시크릿', '토큰', '令牌', '密钥', '密鑰'];
/** A payment gateway's client key or a captcha's site key is shipped to the browser (Adyen `clientKey`, Midtrans, reCAPTCHA). */
const PUBLIC_CLIENT_KEY = /(?:client|site)[\s_-]?key(?:\s+(?:is|es|est|ist|é|è))?\s*["'`]?\s*[:=：]?\s*["'`]?$/i;

/** A sticky pattern's match starting exactly at `at`. */
function matchAt(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
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
const isDigestOf = (head: string) => DIGEST_WORD.test(head) && DIGEST_OF.test(head);
const DIGEST_WORDS = String.raw`(?:hash|sha-?\d+|md5|digest|checksum|fingerprint)(?:\s+\(\w+\))?\s+(?:of|for|von|des|der|du|de|del|da|do|di)`;
const DIGEST_OF = new RegExp(String.raw`${DIGEST_WORDS}(?:\s+[\p{L}\p{N}'’-]+){0,3}\s+$`, 'iu');

/** The same before a key name and its colon (`sha256 of the wifi password: …`). */
const DIGEST_OF_KEY = new RegExp(String.raw`${DIGEST_WORDS}(?:\s+[\p{L}\p{N}'’-]+){1,4}\s*$`, 'iu');

/** A Wi-Fi word right after a "code" or "key" word. */
const WIFI_AFTER = /^[\s-]*(?:wi-?fi|wlan|вай-?фай|вайфай|واي فاي|وای‌?فای|ไวไฟ)/iu;

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

/** What `\s` matches, by code unit. */
function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** The value before a password word: `X is the new password`, `use X as the password`, `Xが新しいパスワードです`. */
function beforePassword(text: string, start: number, end: number, glued: boolean): [number, string] | null {
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
function isAppPassword(match: RegExpExecArray): boolean {
  const value = match.groups?.value ?? '';
  if (!/[ -]/.test(value)) return isRandomLetters16(value); // the same without its spaces: random letters, few vowels
  if (match.groups?.near !== undefined && /["'“„«「]$/.test(match.groups.near)) return true;
  return value.split(/[ -]/).some((group) => !/[aeiouy]/.test(group));
}

/** The verb-final copulas of `FINAL_COPULA_PASSWORD` (secret-cues.ts): its form is tried only in a text that holds one. */
const FINAL_COPULAS = FINAL_COPULA_GATE.source.split('|');
/** A shell prompt's last character and a space: the literals the gate of the {@link COMMAND_OUTPUT} scan needs, one of them. */
const PROMPT_ENDS = ['$ ', '# ', '% ', '> '];
/** The directive names `DIRECTIVE_VALUE` is scanned for (a case-sensitive look, as before). */
const DIRECTIVE_WORDS = ['bindpw', 'rootpw', 'BindPassword', 'auth_pass'];

type PasswordCheck = (match: RegExpExecArray, text: string, weak: boolean) => boolean;
/** The forms tried after a password word of a spaced script, in order; a word of a script without spaces has its own. */
const PASSWORD_FORMS: readonly [RegExp, PasswordCheck][] = [
  [SPOKEN_PASSWORD, isSpokenPassword],
  [BARE_PASSWORD, isBarePassword],
  [GAP_PASSWORD, isGapPassword],
  [FAR_COLON_PASSWORD, isFarColonPassword],
];
const VERB_FINAL_FORMS: readonly [RegExp, PasswordCheck][] = [...PASSWORD_FORMS, [FINAL_COPULA_PASSWORD, isFinalCopulaPassword]];
const GLUED_FORMS: readonly [RegExp, PasswordCheck][] = [[GLUED_PASSWORD, isSpokenPassword], [HANGUL_VALUE, () => true], [FAR_COLON_PASSWORD, isFarColonPassword]];
const WIFI_FORMS: readonly [RegExp, PasswordCheck][] = [[SPOKEN_PASSWORD, (match, text) => isWifiPassword(match, text)]];

function detectCuedValues(text: string, runs: { hex: Run[]; tokens: Run[] }, found: Detection[]): void {
  // Both are asked only once a value or a password word is found (most texts have neither).
  let template: boolean | undefined;
  let spacedForms: readonly [RegExp, PasswordCheck][] | undefined;
  const pushAt = (start: number, value: string) => {
    // A full stop that ends the sentence stays outside the value (`Password: X. Support: …`).
    // So does one before a closing quote or bracket (`…a temporary value: X."`).
    const secret = /\.$/.test(value) && /^(?:[\s"'”’»)\]]|$)/.test(text.slice(start + value.length, start + value.length + 1)) ? value.replace(/\.+$/, '') : value;
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
    const key = name === '' ? null : CREDENTIAL_KEY.exec(name) ?? (LOOSE_KEY_END.test(name.slice(-16)) ? LOOSE_CREDENTIAL_KEY.exec(name.slice(-48)) : null);
    const value = head.includes('://') && inUserinfo(head) ? beforeHost(match[1]) : match[1];
    if (key !== null && ENV_REFERENCE.test(value)) {
      // `secret = process.env.X || "…"`: the literal fallback is the value the code runs with when the variable is unset.
      const fallback = matchAt(ENV_FALLBACK, text, match.index + match[0].length);
      if (fallback !== null && !NOT_A_CREDENTIAL_NAME.test(key[0]) && acceptCued(fallback[1])) pushLast(fallback, fallback[1]);
    } else if (key !== null && !NOT_A_CREDENTIAL_NAME.test(key[0]) && !DIGEST_OF_KEY.test(head) && !isLocation(value) && acceptCued(value) && acceptKeyValue(key[0], value)) pushLast(match, value);
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
  // Lower-cased, the scan needs no case folding; a text whose lower case changes its length (`İ`) is scanned as it is.
  const lower = text.toLowerCase();
  const lowered = lower.length === text.length;
  const visitStem = (stem: number) => {
    if (stem < taken) return;
    const word = matchAt(PASSWORD_WORD_AT, text, stem);
    if (word === null || isDigestOf(text.slice(Math.max(0, word.index - 48), word.index))) return;
    // `رمز وای‌فای: X`, `kod wifi X`: a "code" or "key" word before a Wi-Fi word names the network's password.
    const weak = word.groups?.weak !== undefined && !WIFI_AFTER.test(text.slice(word.index + word[0].length, word.index + word[0].length + 12));
    const wifi = word.groups?.wifi !== undefined;
    const glued = word.groups?.glued !== undefined;
    const end = word.index + word[0].length;
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
  if (lowered) eachPasswordStem(lower, visitStem);
  else eachMatch(PASSWORD_WORD, text, (stem) => visitStem(stem.index));
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
      const labelled = !PAIR_USER.test(lastWordBefore(text, at));
      if (labelled && !PAIR_LABEL.test(text.slice(Math.max(0, at - 80), at))) continue;
      const match = matchAt(PAIR_VALUE, text, at);
      const secret = match?.groups?.value ?? '';
      if (match !== null && (labelled ? isLabelledPairPassword(secret) : isSlashPairPassword(secret)) && !isOtherValue(secret) && !isPlaceholder(secret)) pushLast(match, secret);
    }
  }
  // `use Winter2027!! for the lobby kiosk, the login is desk2`: a password handed over with no password word.
  if (lower.includes('use ') || lower.includes('try ')) {
    eachMatch(HANDED_VALUE, text, (match) => {
      const secret = match.groups?.value ?? '';
      if (isHandedPassword(secret) && LOGIN_CONTEXT.test(text.slice(Math.max(0, match.index - 120), match.index + match[0].length + 120))) pushLast(match, secret);
    });
  }
  eachMatch(lowered ? CREDENTIAL_PAIR_START_LOWER : CREDENTIAL_PAIR_START, lowered ? lower : text, (start) => {
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
    if (!/\d/.test(run) || !/[a-z]/.test(run) || (!/[A-Z]/.test(run) && !base36 && !shortHex)) continue;
    const base64 = /[+/=]/.test(run);
    if (base64 ? run.length < 32 || /[_-]/.test(run) || !/[+/]/.test(run) : run.length > 128) continue;
    if (run.length < 20) {
      const head = before(text, start, 40);
      if (!SHORT_CUE_WORDS.some((word) => head.includes(word)) || !SHORT_TOKEN_CUE.test(head)) continue;
    }
    if (afterCredentialWord(text, start) && looksRandom(run.replace(/=+$/, ''), !base36) && !isPlaceholder(run) && !decodesToText(run)) pushSpan(found, start, run + dottedTail(text, end));
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
}

/** What every {@link JWT} holds: a text without it is not scanned for one. */
const JWT_START = 'eyJ';
/** What every {@link PEM} and {@link PEM_TRUNCATED} block holds. */
const PEM_START = '-----BEGIN ';
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/g;

function isJwtHeader(part: string): boolean {
  try {
    const header = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as { alg?: unknown };
    return typeof header.alg === 'string';
  } catch {
    return false;
  }
}

/** Credentials: vendor token formats, Bearer tokens, JWTs (header decodes with an `alg`), PEM private keys, `password=` values. */
export function detectSecrets(text: string, found: Detection[]): void {
  const runs = firstPass(text); // and the needles of the vendor formats and the cued patterns
  detectVendorTokens(text, found);
  detectCuedValues(text, runs, found);
  if (holds(text, PEM_START)) {
    for (const pattern of [PEM, PEM_TRUNCATED]) {
      eachMatch(pattern, text, (match) => {
        if (hasKeyMaterial(match[0])) pushSpan(found, match.index, match[0]);
      });
    }
  }
  if (holds(text, JWT_START)) {
    eachMatch(JWT, text, (match) => {
      if (isJwtHeader(match[0].slice(0, match[0].indexOf('.')))) pushSpan(found, match.index, match[0]);
    });
  }
}
