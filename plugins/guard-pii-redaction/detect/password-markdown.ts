/**
 * Round 25: a Markdown or plain pipe table of logins pasted into a prompt (`| username | password |`, then one login a row,
 * with or without the `|---|---|` line under the header). As in a CSV export (password-csv.ts), the reader knows each cell
 * under the password column is a password from the header alone (`guest-LAB-2024` has no symbol of its own).
 */
import { type Detection } from './detection.js';
import { isPlaceholder, pushSpanIfFree } from './secret-values.js';

/** The header names of a password column, in the languages of the splits. */
const PASSWORD_HEADER =
  /^(?:passwords?|pass|passwd|pwd|pw|passphrase|passwort|kennwort|contraseña|clave|senha|mot de passe|mdp|wachtwoord|lösenord|passord|adgangskode|salasana|hasło|heslo|parola|jelszó|пароль|şifre|密码|密碼|パスワード|비밀번호)$/iu;
/** The line under the header: dashes and colons between pipes. */
const RULE_LINE = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$/;
/** A filler cell: stars, dashes, "n/a", "(none)", a redaction mark. */
const FILLER_CELL = /^(?:[*•·.\-–—_?]+|n\/?a|none|\(none\)|\[redacted\]|<redacted>|tbd|same|-)$/i;
const MIN_VALUE = 6;
const MAX_VALUE = 128;
const MAX_ROWS = 100;

/** The cells of a pipe-table line with where each starts, or null when the line is not one (no leading pipe). */
function cellsOf(text: string, start: number, end: number): { value: string; at: number }[] | null {
  const line = text.slice(start, end);
  const open = line.search(/\S/);
  if (open < 0 || line[open] !== '|') return null;
  const cells: { value: string; at: number }[] = [];
  let from = open + 1;
  for (let bar = line.indexOf('|', from); bar >= 0; bar = line.indexOf('|', from)) {
    const raw = line.slice(from, bar);
    const lead = raw.length - raw.trimStart().length;
    cells.push({ value: raw.trim(), at: start + from + lead });
    from = bar + 1;
  }
  return cells.length >= 2 ? cells : null;
}

/** Pushes each cell under a pipe table's password column. */
export function detectTablePasswords(text: string, found: Detection[]): void {
  if (!text.includes('|')) return;
  let lineStart = 0;
  let inTable = false;
  while (lineStart < text.length) {
    const bar = text.indexOf('|', lineStart);
    if (bar < 0) return;
    const lineEnd = text.indexOf('\n', lineStart) < 0 ? text.length : text.indexOf('\n', lineStart);
    if (bar > lineEnd) {
      lineStart = text.lastIndexOf('\n', bar) + 1; // no pipe before the line that holds the next one: no table line to read
      inTable = false;
      continue;
    }
    const cells = cellsOf(text, lineStart, lineEnd);
    // The header is a table's first line: `| password | string | yes |` inside a schema table is a row, not a header.
    const header = inTable ? null : cells;
    inTable = cells !== null;
    const column = header === null ? -1 : header.findIndex((cell) => PASSWORD_HEADER.test(cell.value.replace(/^\*\*(.*)\*\*$/, '$1')));
    lineStart = lineEnd + 1;
    if (header === null || column < 0) continue;
    for (let row = 0; row < MAX_ROWS && lineStart < text.length; row += 1) {
      const end = text.indexOf('\n', lineStart) < 0 ? text.length : text.indexOf('\n', lineStart);
      const line = text.slice(lineStart, end);
      if (row === 0 && RULE_LINE.test(line)) {
        lineStart = end + 1;
        continue;
      }
      const cells = cellsOf(text, lineStart, end);
      if (cells === null || cells.length !== header.length) break; // the table ends where its rows stop
      const { value, at } = cells[column];
      const bare = value.replace(/^`(.*)`$/, '$1');
      if (bare.length >= MIN_VALUE && bare.length <= MAX_VALUE && !/\s/.test(bare) && !FILLER_CELL.test(bare) && !isPlaceholder(bare)) {
        const start = at + (bare === value ? 0 : 1);
        pushSpanIfFree(found, start, bare);
      }
      lineStart = end + 1;
    }
    inTable = false; // the rows are read; a pipe line after them starts another table
  }
}
