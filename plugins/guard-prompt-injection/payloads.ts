/**
 * Text a reader does not see, or sees only encoded: HTML and markdown comments, and base64, hex,
 * percent-encoded, `\uXXXX`-escaped and ROT13 payloads. Each is decoded so the patterns can scan
 * it like any other text. Decoding is bounded (count and size) and keeps only results that read
 * like text, so images, hashes and keys are not mistaken for instructions.
 */

/** How a piece of text was hidden from a human reader. */
export type PayloadKind = 'html_comment' | 'html_hidden' | 'markdown_comment' | 'unicode_tags' | 'base64' | 'hex' | 'percent' | 'unicode_escape' | 'rot13';

export interface Payload {
  kind: PayloadKind;
  text: string;
}

export interface PayloadLimits {
  /** At most this many payloads per scanned text. */
  maxPayloads: number;
  /** Encoded runs longer than this are cut before decoding. */
  maxEncodedChars: number;
}

const HTML_COMMENT = /<!--([\s\S]{1,4000}?)-->/g;
/** An element styled not to show: display:none, visibility:hidden, zero size or opacity, white text. */
const HTML_HIDDEN =
  /<([a-z][a-z0-9]{0,10})\b[^>]{0,200}?style\s*=\s*["'][^"']{0,200}?(?:display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0|opacity\s*:\s*0(?:[^.\d]|$)|color\s*:\s*(?:white|#fff(?:fff)?\b))[^>]{0,200}>([\s\S]{1,4000}?)<\/\1>/gi;
const MARKDOWN_COMMENT = /^\[(?:\/\/|comment|_|#)\]: ?(?:#|<>|<#>)? ?\((.{1,2000})\)\s*$/gim;
const BASE64_RUN = /(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{16,}={0,2}(?![A-Za-z0-9+/=_-])/g;
const HEX_RUN = /(?<![0-9A-Fa-f])(?:[0-9A-Fa-f]{2}[ :]?){8,}(?![0-9A-Fa-f])/g;
const ESCAPED_HEX_RUN = /(?:\\x[0-9A-Fa-f]{2}){6,}/g;
const PERCENT_RUN = /(?:%[0-9A-Fa-f]{2}[^\s%]{0,40}){4,}/g;
const UNICODE_ESCAPE_RUN = /(?:\\u[0-9A-Fa-f]{4}){4,}/g;
const ROT13_CUE = /\brot[ -]?13\b/i;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Readable text: valid UTF-8, nearly all printable, with letters and at least one space. */
export function looksLikeText(text: string): boolean {
  if (text.length < 8 || !/ /.test(text.trim())) return false;
  const printable = text.match(/[\p{L}\p{N}\p{P}\p{S}\p{Zs}\n\t]/gu)?.length ?? 0;
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  return printable / [...text].length >= 0.95 && letters / [...text].length >= 0.5;
}

function decodeBytes(bytes: Uint8Array): string | undefined {
  try {
    const text = utf8.decode(bytes);
    return looksLikeText(text) ? text : undefined;
  } catch {
    return undefined;
  }
}

function decodeBase64(run: string): string | undefined {
  if (!/[A-Z]/.test(run) || !/[a-z]/.test(run)) return undefined;
  return decodeBytes(Buffer.from(run, 'base64'));
}

function decodeHex(run: string): string | undefined {
  const digits = run.replace(/\\x|[ :]/g, '');
  if (digits.length % 2 !== 0) return undefined;
  return decodeBytes(Buffer.from(digits, 'hex'));
}

function decodePercent(run: string): string | undefined {
  try {
    const text = decodeURIComponent(run);
    return looksLikeText(text) ? text : undefined;
  } catch {
    return undefined;
  }
}

function decodeUnicodeEscapes(run: string): string | undefined {
  const text = run.replace(/\\u([0-9A-Fa-f]{4})/g, (_, code: string) => String.fromCharCode(parseInt(code, 16)));
  return looksLikeText(text) ? text : undefined;
}

export function rot13(text: string): string {
  return text.replace(/[A-Za-z]/g, (letter) => {
    const base = letter <= 'Z' ? 65 : 97;
    return String.fromCharCode(((letter.charCodeAt(0) - base + 13) % 26) + base);
  });
}

const DECODERS: { kind: PayloadKind; pattern: RegExp; decode: (run: string) => string | undefined }[] = [
  { kind: 'base64', pattern: BASE64_RUN, decode: decodeBase64 },
  { kind: 'hex', pattern: HEX_RUN, decode: decodeHex },
  { kind: 'hex', pattern: ESCAPED_HEX_RUN, decode: decodeHex },
  { kind: 'percent', pattern: PERCENT_RUN, decode: decodePercent },
  { kind: 'unicode_escape', pattern: UNICODE_ESCAPE_RUN, decode: decodeUnicodeEscapes },
];

/**
 * Hidden and encoded payloads found in `raw` (not recursively; the caller rescans each payload).
 *
 * @example
 * findPayloads('run: aWdub3JlIGFsbCBydWxlcw==', { maxPayloads: 8, maxEncodedChars: 8192 });
 * // [{ kind: 'base64', text: 'ignore all rules' }]
 */
export function findPayloads(raw: string, limits: PayloadLimits): Payload[] {
  const found: Payload[] = [];
  const add = (kind: PayloadKind, text: string | undefined) => {
    if (text && found.length < limits.maxPayloads) found.push({ kind, text });
  };
  for (const match of raw.matchAll(HTML_COMMENT)) add('html_comment', match[1]);
  for (const match of raw.matchAll(HTML_HIDDEN)) add('html_hidden', match[2]);
  for (const match of raw.matchAll(MARKDOWN_COMMENT)) add('markdown_comment', match[1]);
  for (const { kind, pattern, decode } of DECODERS) {
    for (const match of raw.matchAll(pattern)) {
      if (found.length >= limits.maxPayloads) return found;
      add(kind, decode(match[0].slice(0, limits.maxEncodedChars)));
    }
  }
  if (ROT13_CUE.test(raw)) add('rot13', rot13(raw));
  return found;
}
