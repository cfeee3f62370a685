import { before, type Detection, eachMatch } from './detection.js';
import { TOKEN_FORMATS } from './secret-formats.js';
import { firstPass, holds } from './secret-first-pass.js';
import { isPlaceholder, looksRandom, pushSpan, hasAny } from './secret-values.js';
import { detectCuedValues } from './secret-cued.js';
import { detectDescribedPasswords } from './password-recipes.js';
import { detectSiblingPasswords } from './password-siblings.js';
import { detectExportedPasswords } from './password-csv.js';
import { detectTablePasswords } from './password-markdown.js';
import { detectSeedPhrases } from './secret-seed.js';
import { detectWorldSeedPhrases } from './secret-seed-world.js';
import { trimValueTails } from './secret-value-tails.js';
import { detectConfigValues } from './secret-config-values.js';
import { detectAnsweredPasswords } from './password-answer.js';
import { detectDefaultUserPasswords } from './password-default-users.js';
import { detectLoginPasswords } from './password-login.js';
import { detectDigitNetworkKeys, detectSpacedPasswords } from './password-spaced.js';
import { detectSwedishLosen } from './secret-swedish-losen.js';
import { detectNoteLabels } from './secret-note-labels.js';
import { detectCjkGluedValues } from './secret-cjk-values.js';
import { detectOldNewPasswords } from './password-old-new.js';
import { detectCommandLinePasswords } from './password-cli.js';
import { detectPairedTokens } from './secret-format-pairs.js';
import { detectProsePasswords } from './password-prose.js';
import { detectKeyForms } from './secret-key-forms.js';

const PEM = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g;
/** A key pasted without its END line: the BEGIN line and the base64 lines under it. */
const PEM_TRUNCATED = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:\r?\n[A-Za-z0-9+/]{16,}={0,2})+/g;

/** A PEM block holds a key, not `<your private key here>` or `...`: its base64 between the armour lines looks random. */
function hasKeyMaterial(block: string): boolean {
  const base64 = block.replace(/-----[A-Z0-9 ]+-----/g, '').replace(/[^A-Za-z0-9+/]/g, '');
  return base64.length >= 16 && looksRandom(base64, true);
}

function detectVendorTokens(text: string, found: Detection[]): void {
  for (const { name, pattern, mixedCase, needles, gate } of TOKEN_FORMATS) {
    if (gate !== undefined ? !gate.test(text) : needles.length > 0 && !hasAny(text, needles)) continue;
    eachMatch(pattern, text, (match) => {
      const token = match[0].replace(/\.+$/, ''); // a token that ends a sentence keeps its full stop outside
      const body = match[1].slice(0, match[1].length - (match[0].length - token.length));
      if (body.length === 0 || !looksRandom(body, mixedCase) || isPlaceholder(token)) return;
      // A Razorpay key id is the public half of the pair (Checkout.js ships it to the browser); its key secret has no prefix.
      if (name === 'razorpay-key' && KEY_ID_BEFORE.test(before(text, match.index, 40))) return;
      pushSpan(found, match.index, token);
    });
  }
}

/** A key named as an id right before it: `key_id = `, `RAZORPAY_KEY_ID=`, `"keyId": "`, `key id `, `Key ID: `. */
const KEY_ID_BEFORE = /(?:key|api|client|app|merchant)[\s_-]?id["'`]?\s*(?:[:=：]|\bis\b|\bes\b|\best\b|\bist\b|\bé\b|\bhai\b)?\s*["'`]?$/i;

/** What every {@link JWT} holds: a text without it is not scanned for one. */
const JWT_START = 'eyJ';
/** What every {@link PEM} and {@link PEM_TRUNCATED} block holds. */
const PEM_START = '-----BEGIN ';
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/g;

/**
 * How a JWT header opens once decoded. Round 19: a header whose later part was retyped, cut or made up for a ticket (`{"alg":"RS256",
 * "kid":"` and then bytes) is no JSON, yet it opens like every JWT header, and the three segments already make the shape.
 */
const JWT_HEADER_OPENING = /^\{\s*"(?:alg|typ|kid)"\s*:\s*"/;

function isJwtHeader(part: string): boolean {
  const decoded = Buffer.from(part, 'base64url').toString('utf8');
  try {
    const header = JSON.parse(decoded) as { alg?: unknown };
    return typeof header.alg === 'string';
  } catch {
    return JWT_HEADER_OPENING.test(decoded) && decoded.includes('"alg"');
  }
}

/** Credentials: vendor token formats, Bearer tokens, JWTs (header decodes with an `alg`), PEM private keys, `password=` values. */
export function detectSecrets(text: string, found: Detection[]): void {
  const runs = firstPass(text); // and the needles of the vendor formats and the cued patterns
  const firstFound = found.length;
  detectVendorTokens(text, found);
  detectPairedTokens(text, found);
  const afterPasswordWord = detectCuedValues(text, runs, found);
  detectKeyForms(text, runs, found);
  detectDescribedPasswords(text, found);
  detectSiblingPasswords(text, afterPasswordWord, found);
  detectTablePasswords(text, found); // the logins of an export, as a pipe table
  detectExportedPasswords(text, found);
  detectConfigValues(text, found); // round 28: XML elements, server.cfg pairs, Wi-Fi QR codes, ENV defaults, bare DSNs, 0x keys
  detectSeedPhrases(text, found);
  detectWorldSeedPhrases(text, found); // the other BIP-39 lists
  detectDefaultUserPasswords(text, found);
  detectLoginPasswords(text, found);
  detectDigitNetworkKeys(text, found);
  detectSwedishLosen(text, found);
  detectNoteLabels(text, found);
  detectCjkGluedValues(text, found);
  detectSpacedPasswords(text, found);
  detectCommandLinePasswords(text, found);
  detectProsePasswords(text, found); // spelled out then restated, typed
  detectOldNewPasswords(text, found); // last: it asks whether the sentence already holds a password
  detectAnsweredPasswords(text, found); // round 28: `pw?" — "It's X`, `c'est bien X`, `es war glaub ich X`
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
  trimValueTails(text, found, firstFound); // round 28: `-dür`, `인데`, a closing `“`
}
