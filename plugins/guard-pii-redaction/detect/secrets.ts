import { type Detection, eachMatch } from './detection.js';
import { TOKEN_FORMATS, VENDOR_PREFIX } from './secret-formats.js';

/** A value after a cue (a header, a key name, a URL's user); group 1 is the secret part. */
const CUED_PATTERNS: readonly RegExp[] = [
  /\baws_?secret_?access_?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi, // AWS secret key
  /(https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9_/]{20,})/g, // Slack webhook, all of it
  /\bBearer\s+([A-Za-z0-9\-._~+/]{16,}=*)/g, // Bearer token
  /(?<![A-Za-z])(?:password|passwd|pwd|passwort|mot de passe|contraseña|api[_-]?key|apikey|x-api-key|api[_-]?secret|secret[_-]?key|client[_-]?secret|private[_-]?key|account[_-]?key|shared[_-]?access[_-]?key|(?:access|auth|refresh|session)[_-]?token)["']?\s*[:=]\s*["']?([^\s"',;<>&]{8,})/gi,
  /\b[a-z][a-z0-9+.-]{0,15}:\/\/[^\s:/@]{0,64}:([^\s:/@]{6,128})@/gi, // credentials in a URL or connection string
];

const PEM = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g;
/** A key pasted without its END line: the BEGIN line and the base64 lines under it. */
const PEM_TRUNCATED = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:\r?\n[A-Za-z0-9+/]{16,}={0,2})+/g;

/** "the password is X", "das Passwort lautet X", "le mot de passe de la base : X": X needs a digit or a symbol. */
const SPOKEN_PASSWORD =
  /(?<![\p{L}])(?:password|passwort|kennwort|mot de passe|contraseña|clave)(?:\s+\p{L}+){0,4}?\s*(?:\bis|\bist|\blautet|\best|\bes|:)\s*["'“„«]?\s*([^\s"'”“«»]{8,64}?)["'”»]?(?=[\s,;]|[.!?](?:\s|$)|$)/giu;

/** Documentation placeholders and references, not values: `YOUR_API_KEY`, `${DB_PASSWORD}`, `{{token}}`, `<secret>`, `%PASS%`, `********`. */
const PLACEHOLDERS: readonly RegExp[] = [
  /^[A-Z]+(?:_[A-Z]+)+$/, // an environment variable's name
  /^\$\{[^}]*\}$|^\$[A-Z_]+$/,
  /^\{\{[^}]*\}\}$|^<[^>]*>$|^%\w+%$/,
  /^(.)\1+$|^[xX]+$/,
  /^your[_-]|^(?:changeme|placeholder|redacted)$/i,
];
const isPlaceholder = (value: string) => PLACEHOLDERS.some((pattern) => pattern.test(value));

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
export function looksRandom(body: string, mixedCase: boolean): boolean {
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
  for (const { pattern, mixedCase } of TOKEN_FORMATS) {
    eachMatch(pattern, text, (match) => {
      const token = match[0].replace(/\.+$/, ''); // a token that ends a sentence keeps its full stop outside
      const body = match[1].slice(0, match[1].length - (match[0].length - token.length));
      if (body.length === 0 || !looksRandom(body, mixedCase)) return;
      pushSpan(found, match.index, token);
    });
  }
}

function detectCuedValues(text: string, found: Detection[]): void {
  for (const pattern of CUED_PATTERNS) {
    eachMatch(pattern, text, (match) => {
      const secret = match[1];
      if ((!/\d/.test(secret) && !/[^A-Za-z]/.test(secret) && secret.length < 20) || isPlaceholder(secret)) return;
      const vendor = VENDOR_PREFIX.exec(secret);
      if (vendor !== null && !looksRandom(secret.slice(vendor[0].length), true)) return; // `api_key=sk-YOUR_KEY_HERE`
      pushSpan(found, match.index + match[0].lastIndexOf(secret), secret);
    });
  }
  eachMatch(SPOKEN_PASSWORD, text, (match) => {
    const secret = match[1];
    if (!/[\d\W_]/u.test(secret) || !/\p{L}/u.test(secret) || isPlaceholder(secret)) return;
    pushSpan(found, match.index + match[0].lastIndexOf(secret), secret);
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
