/**
 * Round 20: a password manager's CSV export pasted into a prompt (Chrome, Firefox, Bitwarden, LastPass, 1Password all write one:
 * `name,url,username,password,note`, one login a row). The reader knows each row's field under `password` is a password from
 * the header alone, whatever the value looks like (`rg-NFX-2291-couch` has no symbol of its own), so it is taken by its column.
 */
import { type Detection } from './detection.js';
import { fields } from './columns.js';
import { holds } from './secret-first-pass.js';
import { isPlaceholder, pushSpan } from './secret-values.js';

/** What every header of such an export holds (`password`, `Password`, `login_password`). */
const HEADER_NEEDLE = 'assword';
/** A header line: three to twelve column names (letters, `_`, spaces), one of them a password column; tried at a line's start. */
const HEADER_LINE = /[ \t]*(?:"?[A-Za-z_ ]{1,24}"?[,;\t]){2,11}"?[A-Za-z_ ]{1,24}"?[ \t]*(?=\r?\n|$)/y;
/** What follows the needle in a header's password column: its closing quote, then a delimiter or the line's end. */
const COLUMN_END = /^"?(?:[,;\t\r\n]|$)/;
/** The column names that hold the password in the exports. */
const PASSWORD_COLUMN = /^(?:password|login_password|passwort|pwd)$/i;
/** How long a field under the password column may be to be taken as one, and how many rows are read under a header. */
const MIN_VALUE = 6;
const MAX_VALUE = 128;
const MAX_ROWS = 200;

/** A field without the double quotes around it (`"hunter 2"`), and where what is left starts in its line. */
function unquoted([raw, at]: [string, number]): { value: string; at: number } {
  return raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? { value: raw.slice(1, -1), at: at + 1 } : { value: raw, at };
}

/** The password field of each row under a header that names a password column. */
export function detectExportedPasswords(text: string, found: Detection[]): void {
  if (!holds(text, HEADER_NEEDLE)) return;
  // Most texts name a password in prose: only a line where the word ends a column is tried as a header, from its start.
  for (let needle = text.indexOf(HEADER_NEEDLE); needle >= 0; needle = text.indexOf(HEADER_NEEDLE, needle + 1)) {
    if (!COLUMN_END.test(text.slice(needle + HEADER_NEEDLE.length, needle + HEADER_NEEDLE.length + 2))) continue;
    HEADER_LINE.lastIndex = text.lastIndexOf('\n', needle) + 1;
    const header = HEADER_LINE.exec(text);
    if (header === null) continue;
    const delimiter = /[,;\t]/.exec(header[0])?.[0] ?? ',';
    const names = fields(header[0].trim(), delimiter).map(([name]) => name.trim().replace(/^"(.*)"$/, '$1').trim());
    const column = names.findIndex((name) => PASSWORD_COLUMN.test(name));
    if (column < 0) continue;
    const headerEnd = text.indexOf('\n', header.index + header[0].length);
    let lineStart = headerEnd < 0 ? text.length : headerEnd + 1;
    for (let row = 0; row < MAX_ROWS && lineStart < text.length; row += 1) {
      const lineEnd = text.indexOf('\n', lineStart) < 0 ? text.length : text.indexOf('\n', lineStart);
      const cells = fields(text.slice(lineStart, lineEnd).replace(/\r$/, ''), delimiter);
      if (cells.length !== names.length) break; // the export ends where the rows stop having its columns
      const { value, at } = unquoted(cells[column]);
      // The whole field is the password, spaces included (`bluejay river stone`), unless it is blank or filler.
      if (value.length >= MIN_VALUE && value.length <= MAX_VALUE && value.trim() === value && !isPlaceholder(value)) pushSpan(found, lineStart + at, value);
      lineStart = lineEnd + 1;
    }
    needle = lineStart; // the rows are read: the next header is after them
  }
}
