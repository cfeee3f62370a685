import { describe, expect, it } from 'vitest';
import { readCorpus } from '../corpus.js';
import { mayHoldEmailAnd } from './password-login.js';

/**
 * Session 12 (speed only): password-login.ts scans for its login verbs before an e-mail address only in a text where an `@` starts the
 * tail of the pattern (the domain, the "and", the value). Every text where the whole pattern matches must pass that gate: on the
 * corpus and on random texts built from the pattern's pieces.
 */
const VALUE = String.raw`["'“]?([^\s"'”“()<>,;]{6,64}?)["'”]?(?=[\s,;)]|[.?:](?:\s|$)|$)`;
/** The pattern of round 11, as a global scan. */
const OLD_EMAIL_AND = new RegExp(
  String.raw`(?<![\p{L}])(?:log(?:ged)?[ -]?in|sign(?:ed)?[ -]?in|anmelden|connecte[rz]?|connectez-vous|iniciar sesión|inicia sesión|entra|entrar|accedi|accedere|войти|зайти|заходи|masuk|đăng nhập)[^\n.]{0,20}?\s(?:with|using|as|mit|avec|con|com|с|pakai|dengan|bằng)\s+[^\s@]+@[\w-]+(?:\.[\w-]+)+\s*(?:and|und|et|y|e|и|dan|và|\/|\+)\s*${VALUE}`,
  'giu',
);

/** Texts shaped like the pattern's matches, each part picked at random among its forms and near misses. */
function randomTexts(count: number): string[] {
  let seed = 13;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const pick = (options: readonly string[]) => options[Math.floor(next() * options.length)];
  const parts: readonly (readonly string[])[] = [
    ['', 'x', 'Please ', '\n'],
    ['log in', 'Login', 'signed in', 'войти', 'entra', 'đăng nhập', 'logon', ''],
    ['', '', ' now', ' to the portal', '.', '\n'],
    [' with ', ' using ', ' con ', ' с ', ' WITH ', ' ', ' w '],
    ['anna', 'a.b', 'ſam', 'x y', '', '@'],
    ['@', '@', '@', '@', '@@', ' @', ''],
    ['mail', 'ex-ample', 'Kelvin', 'ſite', '', '.'],
    ['.com', '.co.uk', '', '.', '.ſe'],
    [' and ', ' AND ', ' y ', ' и ', ' / ', '/', '+', ' + ', ' or ', ''],
    ['Krakow_Maple88!', 'hunter22', '"Secret#2024"', 'abc', 'Pass word', ''],
    ['', '.', ', then', ' ok', '!', '\n'],
  ];
  return Array.from({ length: count }, () => parts.map(pick).join(''));
}

describe('session 12, speed only: the e-mail-and gate of the login passwords', () => {
  it('passes every text where the whole pattern matches', () => {
    let matched = 0;
    for (const text of [...readCorpus().map((record) => record.text), ...randomTexts(80_000)]) {
      OLD_EMAIL_AND.lastIndex = 0;
      if (!OLD_EMAIL_AND.test(text)) continue;
      matched += 1;
      expect(mayHoldEmailAnd(text), text).toBe(true);
    }
    expect(matched).toBeGreaterThan(1_000);
  });
});
