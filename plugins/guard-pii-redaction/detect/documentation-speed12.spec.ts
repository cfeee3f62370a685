import { describe, expect, it } from 'vitest';
import { readCorpus } from '../corpus.js';
import { DOCUMENTATION_CONTEXT, DOCUMENTATION_CONTEXT_SOURCE } from './examples.js';

/**
 * Session 12 (speed only): DOCUMENTATION_CONTEXT is tried behind a lookahead on the characters its words start with. It must answer what
 * the pattern without the lookahead answers: on every line window of the corpus and on texts built at random from the words, their
 * case variants (upper case, the long s and the Kelvin sign that fold to `s` and `k`), the characters its lookbehind and its ends
 * look at, and the CJK words.
 */
const PLAIN = new RegExp(DOCUMENTATION_CONTEXT_SOURCE, 'iu');

function randomTexts(pieces: readonly string[], count: number): string[] {
  let seed = 11;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  return Array.from({ length: count }, () => Array.from({ length: 2 + Math.floor(next() * 10) }, () => pieces[Math.floor(next() * pieces.length)]).join(''));
}

const PIECES = [
  'example', 'Examples', 'EXAMPLE', 'e.g.', 'E.G.', 'for instance', 'docs', 'Documentation', 'quickstart', 'quick-starts', 'rfc 5737',
  'RFC3849', 'placeholder', 'sample', 'ſample', 'dummy', 'sandbox', 'syntax', 'illustrated', 'test card', 'Test-Numbers', 'testing',
  'testmode', 'jwt.io', 'beispiel', 'Beispiel-IBAN', 'muster', 'Muster-Karte', 'ejemplo', 'exemple', 'esempio', 'voorbeeld', 'przykład',
  'příklad', 'пример', 'Пример', 'örnek', 'contoh', 'ví dụ', 'eksempel', 'exempel', 'esimerkki', 'παράδειγμα', 'ΠΑΡΆΔΕΙΓΜΑ', 'documentación',
  'dokumentation', 'sintaxis', 'platzhalter', 'tarjeta de prueba', 'cartão de teste', 'тестовый', 'مثال', 'توثيق', 'דוגמה', 'תיעוד',
  '例えば', '例：', '例:', 'サンプル', 'ドキュメント', 'テスト用', '例如', '示例', '文档', '测试卡', '예시', '예를 들어', '문서', '테스트용',
  'Kontoh', 'Kontakt', 'KELVIN', 'x', 'a', 'é', '.', '@', '-', '_', ' ', ' ', '\n', '1', '555-0142', '203.0.113.7', 'user@example.com',
  'count', 'docker', 'testo', 'muesli',
];

describe('session 12, speed only: DOCUMENTATION_CONTEXT behind its first-character lookahead', () => {
  it('answers as the pattern without the lookahead, on the corpus and on random texts', () => {
    const corpus = readCorpus().map((record) => record.text);
    const windows = corpus.flatMap((text) => text.split('\n').flatMap((line) => (line.length <= 320 ? [line] : [line.slice(0, 320), line.slice(-320)])));
    let hits = 0;
    for (const text of [...windows, ...randomTexts(PIECES, 30_000)]) {
      const expected = PLAIN.test(text);
      expect(DOCUMENTATION_CONTEXT.test(text), text).toBe(expected);
      if (expected) hits += 1;
    }
    expect(hits).toBeGreaterThan(10_000);
  });
});
