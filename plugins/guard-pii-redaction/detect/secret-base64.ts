/**
 * Base64 of text (a JWT segment, a protobuf page token with readable ids) is data, not a key: a random key decodes to random
 * bytes, of which only about a third are printable. The bytes are counted as they are decoded, without the buffer and the two
 * string copies `Buffer.from(…, 'base64')` needs; the count is the same as Node's decoder gives (see secret-scans.spec.ts).
 */

/** The value of each base64 and base64url character, -1 for any other. */
const VALUES = new Int8Array(128).fill(-1);
[...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].forEach((char, value) => (VALUES[char.charCodeAt(0)] = value));
VALUES['-'.charCodeAt(0)] = VALUES['+'.charCodeAt(0)];
VALUES['_'.charCodeAt(0)] = VALUES['/'.charCodeAt(0)];
const PADDING = '='.charCodeAt(0);
const PRINTABLE_SHARE = 0.8;

const isPrintable = (byte: number) => (byte >= 0x20 && byte < 0x7f) || byte === 0x0a || byte === 0x0d || byte === 0x09;

/** Whether `run` (base64 or base64url characters, then `=` padding) decodes to bytes most of which are printable. */
export function decodesToText(run: string): boolean {
  let end = run.length;
  while (end > 0 && run.charCodeAt(end - 1) === PADDING) end -= 1;
  let bytes = 0;
  let printable = 0;
  let bits = 0;
  let pending = 0;
  for (let at = 0; at < end; at += 1) {
    const code = run.charCodeAt(at);
    const value = code < 128 ? VALUES[code] : -1;
    if (value < 0) return decodesToTextByBuffer(run); // not a run of the token cue: Node's decoder skips such characters
    pending = ((pending << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes += 1;
      if (isPrintable((pending >> bits) & 0xff)) printable += 1;
    }
  }
  return printable >= bytes * PRINTABLE_SHARE;
}

/** The same through Node's decoder, for a value with other characters. */
export function decodesToTextByBuffer(run: string): boolean {
  const bytes = Buffer.from(run.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  let printable = 0;
  for (const byte of bytes) if (isPrintable(byte)) printable += 1;
  return printable >= bytes.length * PRINTABLE_SHARE;
}
