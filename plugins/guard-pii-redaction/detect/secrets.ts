import { before, type Detection, eachMatch } from './detection.js';
import { ASSIGNED_VALUE, BARE_PASSWORD, BASIC_AUTH, CREDENTIAL_KEY, CREDENTIAL_STEM, CUED_PATTERNS, HEX_CUE, HEX_RUN, NOT_A_SECRET_HEX, TOKEN_RUN, NOT_A_CREDENTIAL_NAME, PASSWORD_WORD, SPOKEN_PASSWORD } from './secret-cues.js';
import { TOKEN_FORMATS, VENDOR_PREFIX } from './secret-formats.js';

const PEM = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g;
/** A key pasted without its END line: the BEGIN line and the base64 lines under it. */
const PEM_TRUNCATED = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:\r?\n[A-Za-z0-9+/]{16,}={0,2})+/g;

/** Documentation placeholders and references, not values: `YOUR_API_KEY`, `${DB_PASSWORD}`, `{{token}}`, `<secret>`, `%PASS%`, `********`. */
const PLACEHOLDERS: readonly RegExp[] = [
  /^[A-Z]+(?:_[A-Z]+)+$/, // an environment variable's name
  /^\$\{[^}]*\}$|^\$[A-Z_]+$/,
  /^\{\{[^}]*\}\}$|^<[^>]*>$|^%\w+%$/,
  /^(.)\1+$|^[xX]+$/,
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

function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) bits -= (count / value.length) * Math.log2(count / value.length);
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

function pushSpan(found: Detection[], start: number, value: string): void {
  found.push({ start, end: start + value.length, label: 'SECRET' });
}

function detectVendorTokens(text: string, found: Detection[]): void {
  for (const { pattern, mixedCase, needle } of TOKEN_FORMATS) {
    if (!text.includes(needle)) continue;
    eachMatch(pattern, text, (match) => {
      const token = match[0].replace(/\.+$/, ''); // a token that ends a sentence keeps its full stop outside
      const body = match[1].slice(0, match[1].length - (match[0].length - token.length));
      if (body.length === 0 || !looksRandom(body, mixedCase) || isPlaceholder(token)) return;
      pushSpan(found, match.index, token);
    });
  }
}

/** Forty base64 characters, the shape of an AWS secret access key: random, or a path or a sentence that happens to fit. */
const AWS_SECRET_SHAPE = /^[A-Za-z0-9/+]{40}$/;

function acceptCued(secret: string): boolean {
  if ((!/\d/.test(secret) && !/[^A-Za-z]/.test(secret) && secret.length < 20) || isPlaceholder(secret)) return false;
  const vendor = VENDOR_PREFIX.exec(secret);
  return vendor === null || looksRandom(secret.slice(vendor[0].length), true); // `api_key=sk-YOUR_KEY_HERE`
}

/** Letters, a digit and a symbol: a value no sentence would put right after the word "password" by chance. */
function looksLikePassword(value: string): boolean {
  return /\p{L}/u.test(value) && /\d/.test(value) && /[^\p{L}\d]/u.test(value) && !/^\p{L}+[.,;:!?]$/u.test(value);
}

/** Far from its password word (more than four words between), a value must look like a password on its own. */
function isSpokenPassword(match: RegExpExecArray): boolean {
  const secret = match.groups?.value ?? '';
  if (!/[\d\W_]/u.test(secret) || !/\p{L}/u.test(secret) || /^\p{L}+[.,;:!?]$/u.test(secret) || isPlaceholder(withoutKeyName(secret))) return false;
  const gapWords = match.groups?.gap?.trim().split(/\s+/).filter(Boolean).length ?? 0;
  return gapWords <= 4 || looksLikePassword(secret);
}

/** `Password line: spring.datasource.password=X`: the value after the key is the password, not the assignment. */
function withoutKeyName(value: string): string {
  const key = /^[\w.-]*(?:pass|pwd|secret|token|key)[\w.-]*[=:]/i.exec(value);
  return key === null || key[0].length === value.length ? value : value.slice(key[0].length);
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
const TEMPLATE_FILE = /\.env\.(?:example|sample|template|dist)\b|\b(?:config|settings|secrets)\.(?:example|sample|template|dist)\b|\b(?:sample|example|template) (?:config|configuration|\.env|env file)/i;

/** A credential word (and up to four words, a copula or a separator) right before `at`, and not a public key or a digest. */
function afterCredentialWord(text: string, at: number): boolean {
  const head = before(text, at, 64);
  return HEX_CUE.test(head) && !NOT_A_SECRET_HEX.test(head.replace(HEX_CUE, ''));
}

/**
 * Base64 of text (a JWT segment, a protobuf page token with readable ids) is data, not a key: a random key decodes to
 * random bytes, of which only about a third are printable.
 */
function decodesToText(run: string): boolean {
  const bytes = Buffer.from(run.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  let printable = 0;
  for (const byte of bytes) if ((byte >= 0x20 && byte < 0x7f) || byte === 0x0a || byte === 0x0d || byte === 0x09) printable += 1;
  return printable >= bytes.length * 0.8;
}

/** A sticky pattern's match starting exactly at `at`. */
function matchAt(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

function detectCuedValues(text: string, found: Detection[]): void {
  const template = TEMPLATE_FILE.test(text);
  const pushLast = (match: RegExpExecArray, secret: string) => {
    if (!template || (/\d/.test(secret) && looksRandom(secret, false))) pushSpan(found, match.index + match[0].lastIndexOf(secret), secret);
  };
  for (const pattern of CUED_PATTERNS) {
    eachMatch(pattern, text, (match) => {
      if (acceptCued(match[1]) && (!AWS_SECRET_SHAPE.test(match[1]) || looksRandom(match[1], true))) pushLast(match, match[1]);
    });
  }
  eachMatch(ASSIGNED_VALUE, text, (match) => {
    const head = text.slice(Math.max(0, match.index - 64), match.index);
    const key = CREDENTIAL_STEM.test(head) ? CREDENTIAL_KEY.exec(head.replace(/([a-z0-9])(?=[A-Z])/g, '$1_')) : null;
    if (key !== null && !NOT_A_CREDENTIAL_NAME.test(key[0]) && !isLocation(match[1]) && acceptCued(match[1])) pushLast(match, match[1]);
    else ASSIGNED_VALUE.lastIndex = match.index + match[0].indexOf(match[1]); // `Zugangsdaten: passwort=…`: the value may hold the next key
  });
  // One scan for the password words; the spoken and bare forms are then tried only where one starts.
  let taken = 0;
  eachMatch(PASSWORD_WORD, text, (word) => {
    if (word.index < taken) return;
    const spoken = matchAt(SPOKEN_PASSWORD, text, word.index);
    if (spoken !== null && isSpokenPassword(spoken)) {
      pushLast(spoken, withoutKeyName(spoken.groups?.value ?? ''));
      taken = spoken.index + spoken[0].length;
      return;
    }
    const bare = matchAt(BARE_PASSWORD, text, word.index);
    if (bare !== null && looksLikePassword(bare[1]) && !isPlaceholder(bare[1])) {
      pushLast(bare, withoutKeyName(bare[1]));
      taken = bare.index + bare[0].length;
    }
  });
  eachMatch(HEX_RUN, text, (match) => {
    if (/[a-f]/i.test(match[0]) && /\d/.test(match[0]) && afterCredentialWord(text, match.index) && looksRandom(match[0], false)) pushSpan(found, match.index, match[0]);
  });
  // `El token de Cloudflare es Zk3p…`: a mixed-case run with digits after a credential word, as random as a vendor token.
  eachMatch(TOKEN_RUN, text, (match) => {
    if (!/\d/.test(match[0]) || !/[a-z]/.test(match[0]) || !/[A-Z]/.test(match[0])) return;
    if (afterCredentialWord(text, match.index) && looksRandom(match[0], true) && !isPlaceholder(match[0]) && !decodesToText(match[0])) pushSpan(found, match.index, match[0]);
  });
  eachMatch(BASIC_AUTH, text, (match) => {
    if (isBasicCredential(match[1])) pushLast(match, match[1]);
  });
}

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
  detectVendorTokens(text, found);
  detectCuedValues(text, found);
  for (const pattern of [PEM, PEM_TRUNCATED]) {
    eachMatch(pattern, text, (match) => {
      if (hasKeyMaterial(match[0])) pushSpan(found, match.index, match[0]);
    });
  }
  eachMatch(JWT, text, (match) => {
    if (isJwtHeader(match[0].slice(0, match[0].indexOf('.')))) pushSpan(found, match.index, match[0]);
  });
}
