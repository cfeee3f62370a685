import { describe, expect, it } from 'vitest';
import { eachPasswordStem, lowerOfSameLength, passwordStemsOf } from './password-stems.js';
import { mayHoldWordRun, WORD_RUN } from './secret-seed.js';
import { HEX_CUE, HEX_RUN, PASSWORD_WORD, TOKEN_RUN } from './secret-cues.js';
import { hexCueStart } from './secret-cued.js';
import { decodesToText, decodesToTextByBuffer } from './secret-base64.js';
import { firstPass } from './secret-first-pass.js';
import { type Detection } from './detection.js';
import { detectSecrets } from './secrets.js';

/** A small deterministic generator, so a failure names its seed. */
function randomTexts(seed: number, count: number, alphabet: readonly string[], maxLength: number): string[] {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: count }, () => {
    let text = '';
    const length = Math.floor(next() * maxLength);
    for (let at = 0; at < length; at += 1) text += alphabet[Math.floor(next() * alphabet.length)];
    return text.repeat(1 + Math.floor(next() * 8));
  });
}

const spans = (matches: Iterable<RegExpMatchArray>) => [...matches].map((match) => [(match.index ?? 0) + match[0].length - match[1].length, (match.index ?? 0) + match[0].length]);

describe('round 16 scans (the same candidates as the regexes they replace)', () => {
  it('firstPass finds what HEX_RUN and TOKEN_RUN match', () => {
    const texts = [
      ...randomTexts(7, 3000, ['a', 'f', '0', '9', 'A', 'F', 'a', '3', 'c', 'E', '_', '-', ' '], 90),
      ...randomTexts(11, 3000, ['a', 'G', 'z', '0', '9', '_', '-', '+', '/', '=', '=', ' ', '.', 'é', ':', 'Q'], 90),
      'key: 3f9a0c1e5b7d2468ace013579bdf2468, token=Zk3pQ9vWx2LmN8rT4yHb+/aa==, x==abc123456789 9c1e',
    ];
    for (const text of texts) {
      const runs = firstPass(text);
      expect(runs.hex.map(({ start, end }) => [start, end])).toEqual(spans(text.matchAll(HEX_RUN)));
      expect(runs.tokens.map(({ start, end }) => [start, end])).toEqual(spans(text.matchAll(TOKEN_RUN)));
    }
  });

  it('eachPasswordStem finds what PASSWORD_WORD finds in a lower-case text', () => {
    const texts = [
      'the wifi password is x; das passwort: y; mot de passe; pass wifi; клавиша ключ сети; パスワードは; كلمة المرور; ağ şifresi',
      ...randomTexts(3, 2000, ['p', 'a', 's', 'w', 'o', 'r', 'd', ' ', 'k', 'e', 'y', 'c', 'i', 'f', '-', 'ö', 'л', 'パ'], 60),
    ];
    for (const text of texts) {
      const found: number[] = [];
      eachPasswordStem(text, (at) => found.push(at));
      expect(found).toEqual([...text.matchAll(PASSWORD_WORD)].map((match) => match.index));
    }
  });

  it('passwordStemsOf gives the stems of eachPasswordStem, for the last text and for a new one (round 24)', () => {
    const texts = ['the wifi password is x; das passwort: y', 'the wifi password is x; das passwort: y', 'Pass: Kennwort WLAN-Schlüssel'];
    for (const text of texts) {
      const lower = text.toLowerCase();
      const expected: number[] = [];
      eachPasswordStem(lower, (at) => expected.push(at));
      expect(passwordStemsOf(text)).toEqual({ lower, stems: expected });
    }
  });

  it('scans a text holding İ too, in a lower case of the same length, finding what PASSWORD_WORD finds in the text (session 12)', () => {
    // `İ` lower-cases to two code units; the scan once gave up on such a text, and five detectors with it.
    const texts = [
      'İstanbul şifre: x; ŞİFRE: y; the wifi password is z',
      'İİ password İpassword passwordİ İ şifre',
      ...randomTexts(5, 3000, ['p', 'a', 's', 'w', 'o', 'r', 'd', ' ', 'İ', 'I', 'i', 'ş', 'f', 'r', 'e', 'ı', '-', 'ö'], 60),
    ];
    for (const text of texts) {
      const { lower, stems } = passwordStemsOf(text);
      expect(lower.length).toBe(text.length);
      expect(lower).toBe([...text].map((char) => (char === 'İ' ? char : char.toLowerCase())).join(''));
      expect(stems).toEqual([...text.matchAll(PASSWORD_WORD)].map((match) => match.index));
    }
    expect(lowerOfSameLength('İ')).toBe('İ');
    expect(lowerOfSameLength('ŞİFRE İzmir')).toBe('şİfre İzmir');
    // A detector that asks for the stems (password-contrast.ts) finds its value in a text holding İ anywhere.
    const text = "İzmir ofisi. I won't give you the bank password, but for Netflix it's Popcorn_2021 if you need it.";
    const found: Detection[] = [];
    detectSecrets(text, found);
    expect(found.map((detection) => text.slice(detection.start, detection.end))).toEqual(['Popcorn_2021']);
  });

  it('mayHoldWordRun holds for every text WORD_RUN matches in (round 24)', () => {
    const words = ['able', 'acid', 'zoo', 'orbit', 'hedgehog', 'ab', 'abcdefghi', 'Word', 'x1', '-', '.'];
    const texts = randomTexts(17, 4000, [...words.map((word) => `${word} `), 'able ', 'zoo ', 'orbit ', ' ', '\t', '\n'], 40);
    let matched = 0;
    for (const text of texts) {
      WORD_RUN.lastIndex = 0;
      if (!WORD_RUN.test(text)) continue;
      matched += 1;
      expect(mayHoldWordRun(text)).toBe(true);
    }
    expect(matched).toBeGreaterThan(20);
    expect(mayHoldWordRun('one two three')).toBe(false);
  });

  it('decodesToText counts what the base64 decoder of Node gives', () => {
    const alphabet = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_'];
    const texts = [...randomTexts(5, 4000, alphabet, 70), ...randomTexts(9, 2000, [...alphabet, ' ', '-'], 40), 'eyJhbGciOiJIUzI1NiJ9', 'dXNlcjpwYXNz=='];
    for (const [index, text] of texts.entries()) {
      const run = text + '='.repeat(index % 3);
      expect(decodesToText(run)).toBe(decodesToTextByBuffer(run));
    }
  });

  it('hexCueStart finds where a search for HEX_CUE starts (round 18)', () => {
    const parts = ['token', 'key', 'secret', 'api', 'merchant', 'client', 'app', 'Key', 'TOKEN', ' ', ' ', ' is ', ': ', '=', '"', 'x', 'ab', 'sha', 'id', '-', 'é', 'ключ', 'トークン', 'は', '(本番)', 'hash ', 'cred', 'signing'];
    const heads = [...randomTexts(13, 6000, parts, 14), 'the merchantkey is ', 'o token de produção: ', 'API-Schlüssel: "', 'トークン：', 'x'];
    for (const head of heads) expect(hexCueStart(head)).toBe(head.search(HEX_CUE));
  });
});
