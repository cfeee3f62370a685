import { describe, expect, it } from 'vitest';
import { csvCell, nanoUsdToDecimal, toCsv } from './csv';

describe('chargeback CSV', () => {
  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(12345678901234567890n)).toBe('12345678901234567890');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    for (const attack of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd']) {
      expect(csvCell(attack).replace(/^"/, '').startsWith("'")).toBe(true);
    }
    expect(csvCell('=1,2')).toBe(`"'=1,2"`);
  });

  it('writes CRLF lines with a header', () => {
    expect(toCsv(['a', 'b'], [['x', 1], [null, 'y']])).toBe('a,b\r\nx,1\r\n,y\r\n');
  });

  it('converts integer nano-USD to an exact decimal with 9 places', () => {
    expect(nanoUsdToDecimal(0n)).toBe('0.000000000');
    expect(nanoUsdToDecimal(1n)).toBe('0.000000001');
    expect(nanoUsdToDecimal(1_234_567_890n)).toBe('1.234567890');
    expect(nanoUsdToDecimal(98_765_432_101_234_567_891n)).toBe('98765432101.234567891');
    expect(nanoUsdToDecimal(-1_500_000_000n)).toBe('-1.500000000');
  });
});
