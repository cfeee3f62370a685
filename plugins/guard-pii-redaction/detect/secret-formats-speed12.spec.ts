import { describe, expect, it } from 'vitest';
import { readCorpus } from '../corpus.js';
import { firstPass } from './secret-first-pass.js';
import { TOKEN_FORMATS } from './secret-formats.js';
import { hasAny } from './secret-values.js';

/**
 * Session 12 (speed only): six vendor formats got longer needles or a gate in code (what every match holds after a short literal, or the
 * Discord token's dots). A text whose format pattern matches must pass the format's gate: on the corpus and on random texts built
 * from the prefixes, runs of each alphabet and the characters around them.
 */
const CHANGED = ['gitlab-token', 'stripe-key', 'toss-secret-key', 'twilio-api-key', 'airtable-token', 'discord-bot-token'];

function randomTexts(count: number): string[] {
  let seed = 17;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const run = (alphabet: string, length: number) => Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
  const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const HEX = '0123456789abcdef';
  const pieces = [
    () => 'glpat-', () => 'glptt-', () => 'glrt-', () => 'gl', () => 'sk_live_', () => 'rk_test_', () => 'sk_sbox_', () => 'sk_', () => 'live_sk_', () => 'test_gsk_',
    () => 'SK', () => 'pat', () => 'path', () => 'M', () => 'N', () => 'O', () => '.', () => '..', () => ' ', () => '-', () => '_', () => '\n', () => 'é',
    () => run(BASE62, 14), () => run(BASE62, 24), () => run(BASE62, 30), () => run(`${BASE62}_-`, 6), () => run(`${BASE62}_-`, 27), () => run(HEX, 32), () => run(HEX, 64),
    () => run('0123456789ABCDEFabcdef', 33), () => run(BASE62, 40), () => ` SK${run('0123456789ABCDEFabcdef', 32)}`, () => ` SK${run(HEX, 34)}`, () => ` pat${run(BASE62, 14)}.${run(HEX, 64)}`, () => ` N${run(`${BASE62}_-`, 25)}.${run(`${BASE62}_-`, 6)}.${run(`${BASE62}_-`, 30)} `,
  ];
  return Array.from({ length: count }, () => Array.from({ length: 1 + Math.floor(next() * 9) }, () => pieces[Math.floor(next() * pieces.length)]()).join(''));
}

describe('session 12, speed only: the needles and gates of the vendor formats', () => {
  it('let through every text where the format matches', () => {
    const formats = TOKEN_FORMATS.filter((format) => CHANGED.includes(format.name));
    expect(formats.map((format) => format.name).sort()).toEqual([...CHANGED].sort());
    const matched = new Map<string, number>();
    for (const text of [...readCorpus().map((record) => record.text), ...randomTexts(60_000)]) {
      firstPass(text);
      for (const { name, pattern, needles, gate } of formats) {
        pattern.lastIndex = 0;
        if (!pattern.test(text)) continue;
        matched.set(name, (matched.get(name) ?? 0) + 1);
        expect(gate !== undefined ? gate.test(text) : hasAny(text, needles), `${name}: ${text}`).toBe(true);
      }
    }
    for (const name of CHANGED) expect(matched.get(name) ?? 0, name).toBeGreaterThan(200);
  });
});
