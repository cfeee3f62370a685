/**
 * The value tests the secret detector shares between its scans: placeholders and documentation fillers, entropy and
 * randomness of a token body, what a value after a password word can be besides a password, and the span it pushes.
 */
import { type Detection, overlapsAny } from './detection.js';
import { TRAILING_SCRIPT_STOPS } from './secret-cues.js';
import { holds } from './secret-first-pass.js';
import { ENV_REFERENCE } from './password-shapes.js';
import { VENDOR_PREFIX } from './secret-formats.js';

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
export const isPlaceholder = (value: string) => PLACEHOLDERS.some((pattern) => pattern.test(value));
/** A path or a URL after `pwd:` or `secret:` is where a credential lives, not the credential. */
export const isLocation = (value: string) => /^(?:\.{0,2}\/|~\/|[a-z][a-z0-9+.-]*:\/\/)/i.test(value);

/**
 * Shannon entropy of a token body in bits per character. A random body of base62 or hex characters
 * scores 3.5–5.5 at the lengths vendors use; documentation fillers (`xxxx…`, `0000…`, `abcabc…`) score
 * under 2.5. 3.0 leaves room on both sides.
 */
export const MIN_BODY_ENTROPY = 3;
/** A body of n characters has at most log2(n) bits per character; short Slack groups get this much slack under it. */
const SHORT_BODY_SLACK = 0.7;

/** Counts of the ASCII characters of the value {@link entropy} is measuring, reset as they are read (no map per call). */
const ASCII_COUNTS = new Uint16Array(128);

export function entropy(value: string): number {
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
export function looksRandom(body: string, mixedCase: boolean): boolean {
  if (isPlaceholder(body) || isSequence(body)) return false;
  if (mixedCase && !/\d/.test(body) && (!/[a-z]/.test(body) || !/[A-Z]/.test(body))) return false;
  return entropy(body) >= Math.min(MIN_BODY_ENTROPY, Math.log2(body.length) - SHORT_BODY_SLACK);
}

/**
 * Keys that are public by design, shipped to browsers and apps: Stripe and Clerk publishable keys, Omise public keys, Mapbox
 * public tokens, Flutterwave public keys, Xendit public keys, Toss client keys, Supabase publishable keys, Checkout.com `pk_sbox_`
 * keys, Square application ids, Midtrans client keys.
 */
const PUBLIC_KEY = /^(?:pk_(?:live|test|sbox)_|sq0idp-|(?:SB-)?Mid-client-|pkey_(?:test_)?|pk\.eyJ|FLWPUBK(?:_TEST)?-|xnd_public_|(?:live|test)_g?ck_|sb_publishable_)/;

/** How every filler body a vendor prefix may stand before ends: four of the same character (`XXXX`, `xxxx`, `0000`, `****`). */
function hasFillerEnd(value: string): boolean {
  const last = value.length - 1;
  const code = value.charCodeAt(last);
  return last >= 3 && value.charCodeAt(last - 1) === code && value.charCodeAt(last - 2) === code && value.charCodeAt(last - 3) === code;
}
/**
 * Round 18: a vendor's prefix before a filler (`sk_test_XXXXXXXX…`, `ghp_xxxxxxxx…`) is a documentation placeholder, whichever
 * scan found it (a key word, a password word before it).
 */
function isPrefixedFiller(value: string): boolean {
  if (!hasFillerEnd(value)) return false; // the prefix table is large, and fillers are rare
  const vendor = VENDOR_PREFIX.exec(value);
  return vendor !== null && isPlaceholder(value.slice(vendor[0].length));
}

export function pushSpan(found: Detection[], start: number, raw: string): void {
  const value = raw.replace(TRAILING_SCRIPT_STOPS, ''); // `密碼 X；`, `पासवर्ड: X।`: the sentence's mark stays outside
  if (value.length === 0 || PUBLIC_KEY.test(value) || GROUPED_FILLER.test(value) || isPrefixedFiller(value)) return;
  found.push({ start, end: start + value.length, label: 'SECRET' });
}

/** {@link pushSpan}, unless a detection already covers part of the value. */
export function pushSpanIfFree(found: Detection[], start: number, value: string): void {
  if (!overlapsAny(found, start, start + value.length)) pushSpan(found, start, value);
}

/** Pushes `[start, end)` as a SECRET as it is, unless a detection already covers part of it; whether it was pushed. */
export function pushSecretIfFree(found: Detection[], start: number, end: number): boolean {
  if (overlapsAny(found, start, end)) return false;
  found.push({ start, end, label: 'SECRET' });
  return true;
}

export function hasAny(text: string, needles: readonly string[]): boolean {
  for (const needle of needles) if (holds(text, needle)) return true;
  return false;
}

/** Letters, a digit and a symbol: a value no sentence would put right after the word "password" by chance. */
export function looksLikePassword(value: string): boolean {
  return /\p{L}/u.test(value) && /\d/.test(value) && /[^\p{L}\p{M}\d]/u.test(value.replace(/[.,;:?]+$/, '')) && !/^\p{L}+[.,;:!?]$/u.test(value) && !isOtherValue(value);
}

/**
 * How people build passwords from words: a word of three letters or more (any script) joined to digits or another word by `_`, `.`,
 * `!`, `-` or `@`, with a digit (`sakura_2024_tamachan`, `Magazzino.2021`, `Ромашка_2024`, `Batik_Merah_88`, `Druck!Weiss_2024`).
 */
const JOINED_WORDS = /^\p{L}{3,}(?:[_.!@#-]+[\p{L}\p{N}]+)+[!?#*$]*$/u;
export function looksLikeJoinedWords(value: string): boolean {
  const bare = value.replace(/[.,;:?]+$/, '');
  return bare.length >= 8 && /\d/.test(bare) && JOINED_WORDS.test(bare) && !isOtherValue(bare);
}

/**
 * Round 17: three words and more, each capitalised, joined by hyphens (`Cupan-Tae-Gaillimh`, `Harbour-Lights-Inn`): how people
 * write a passphrase they read out, not how prose hyphenates (`self-service`, `Jean-Pierre`, `Saint-Jean-de-Luz`).
 */
const TITLE_CASE_WORDS = /^\p{Lu}\p{L}*(?:(?:-\p{Lu}\p{L}*){2,}|(?:\.\p{Lu}\p{L}*){2,})$/u; // round 26: or dots (`Quilting.Circle.Tuesdays!`)
const isTitleCaseWords = (value: string) => value.length >= 12 && TITLE_CASE_WORDS.test(value);

/** A symbol people put in passwords and not in words, names, versions or order numbers. */
export const STRONG_SYMBOL = /[!#$%&*+=?@^~]/;

/**
 * What a token after a password word can be besides a password: an e-mail address or a URL (where to log in), a path or
 * a file, a version, a date or a time, a number, hyphenated words (`wi-fi`, `self-service`), a placeholder.
 */
export function isOtherValue(value: string): boolean {
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
export function looksLikeStrongPassword(value: string): boolean {
  const bare = value.replace(/[.,;:?]+$/, '');
  return /\p{L}/u.test(bare) && (STRONG_SYMBOL.test(bare) || (/[_-]/.test(bare) && /\p{Lu}/u.test(bare) && /\p{Ll}/u.test(bare))) && (/\d/.test(bare) || (/\p{Lu}/u.test(bare) && /\p{Ll}/u.test(bare))) && !isOtherValue(value);
}

/** A sticky pattern's match starting exactly at `at`. */
export function matchAt(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

/** What `\s` matches, by code unit. */
export function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}
