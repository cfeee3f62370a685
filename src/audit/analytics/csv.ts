/**
 * RFC 4180 CSV for finance exports. Text that a spreadsheet would run as a formula (it starts
 * with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading apostrophe: names come from
 * users (key names, service-account names), and an export must never execute them.
 */
export type CsvValue = string | number | bigint | null;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Header and rows as CSV text, CRLF line ends, ending with a line break. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',') + '\r\n').join('');
}

/** Exact decimal USD of an integer nano-USD amount, 9 decimals: `1234567890n` → `"1.234567890"`. */
export function nanoUsdToDecimal(nanoUsd: bigint): string {
  const sign = nanoUsd < 0n ? '-' : '';
  const magnitude = nanoUsd < 0n ? -nanoUsd : nanoUsd;
  return `${sign}${magnitude / 1_000_000_000n}.${(magnitude % 1_000_000_000n).toString().padStart(9, '0')}`;
}
