import { type Detection, eachMatch } from './detection.js';

/** Token formats with a fixed, recognisable shape; group 1, when present, is the secret part. */
const TOKEN_PATTERNS: readonly RegExp[] = [
  /\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16}\b/g, // AWS access key id
  /\baws_?secret_?access_?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi, // AWS secret key
  /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}\b/g, // GitHub tokens
  /\bgithub_pat_[A-Za-z0-9_]{22,255}\b/g, // GitHub fine-grained token
  /\bglpat-[A-Za-z0-9_-]{20,}\b/g, // GitLab
  /\bxox[abposr]-[A-Za-z0-9-]{10,250}\b/g, // Slack tokens
  /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9_/]{20,}/g, // Slack webhook
  /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,247}\b/g, // Stripe secret / restricted keys
  /\bwhsec_[A-Za-z0-9+/=]{24,}/g, // Stripe webhook secret
  /\bsk-(?:proj-|ant-(?:api\d\d-)?|svcacct-)?[A-Za-z0-9_-]{20,}\b/g, // OpenAI / Anthropic keys
  /\bAIza[0-9A-Za-z_-]{35}\b/g, // Google API key
  /\bnpm_[A-Za-z0-9]{36}\b/g, // npm token
  /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/g, // SendGrid
  /\bBearer\s+([A-Za-z0-9\-._~+/]{16,}=*)/g, // Bearer token
  /(?<![A-Za-z])(?:password|passwd|pwd|passwort|mot de passe|contraseña|api[_-]?key|apikey|secret[_-]?key|client[_-]?secret|access[_-]?token|auth[_-]?token)["']?\s*[:=]\s*["']?([^\s"',;<>]{8,})/gi,
  /\b[a-z][a-z0-9+.-]{0,15}:\/\/[^\s:/@]{1,64}:([^\s:/@]{6,128})@/gi, // credentials in a URL

  /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g, // PEM
];

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
  for (const pattern of TOKEN_PATTERNS) {
    eachMatch(pattern, text, (match) => {
      const secret = match[1] ?? match[0];
      const start = match.index + (match[1] === undefined ? 0 : match[0].lastIndexOf(secret));
      if (match[1] !== undefined && ((!/\d/.test(secret) && !/[^A-Za-z]/.test(secret) && secret.length < 20) || isPlaceholder(secret))) return;
      found.push({ start, end: start + secret.length, label: 'SECRET' });
    });
  }
  eachMatch(SPOKEN_PASSWORD, text, (match) => {
    const secret = match[1];
    if (!/[\d\W_]/u.test(secret) || !/\p{L}/u.test(secret) || isPlaceholder(secret)) return;
    const start = match.index + match[0].lastIndexOf(secret);
    found.push({ start, end: start + secret.length, label: 'SECRET' });
  });
  eachMatch(JWT, text, (match) => {
    if (isJwtHeader(match[0].slice(0, match[0].indexOf('.')))) found.push({ start: match.index, end: match.index + match[0].length, label: 'SECRET' });
  });
}
