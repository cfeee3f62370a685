/**
 * Round 28: what names the field a US SSN, an ITIN or a look-alike nine-digit number fills, where columns.ts's strict readings
 * cannot tell.
 *
 * - A header line a chat message runs into (`here are 3 rows: emp_id,name,ssn,phone` above `1043,Luis Ortega-Baños,984-87-1445,…`):
 *   the prose before the header adds fields to its line, so the header's last fields are lined up with the row's.
 * - A row of an SQL client's result pasted as an SQL comment or without outer bars (`-- 4472 | Teresa Alvarado | 975-90-2296 | …`)
 *   under the `SELECT id, full_name, ssn, card_pan FROM …` that names its columns.
 * - The key a value of a `KEY=value` or `key: value` list is given under (`SSN=679-05-4660 BANK_ROUTING=122105155`): an SSN word
 *   further back names the value before, and a bank routing number's own key says what it is.
 */
import { fields, lineNear, tableBlock } from './columns.js';
import { REFERENCE_CUE } from './reference.js';

const DELIMITERS = [',', ';', '\t', '|'] as const;
/** A column name of a header: a short identifier (`emp_id`, `full name`, `SSN`), no digits. */
const COLUMN_NAME = /^["'`]?[\p{L}_][\p{L}_ .\/#-]{0,30}["'`]?$/u;
/** Prose before a header on its line ends at a colon, a full stop or a space: the last word is the first column's name. */
const PROSE_HEAD = /^[^]*[:：.\s]/;

/** The header name of the column of `[start, end)`, read off a header line that holds more fields than the rows under it. */
function proseLedHeader(text: string, start: number, end: number): string | undefined {
  const block = tableBlock(text, start, end);
  if (block === undefined || block.from === 0) return undefined;
  const width = block.rows[0].length;
  const [above] = lineNear(text, block.from - 1, block.from - 1, 1000);
  const line = text.slice(above, block.from - 1);
  for (const delimiter of DELIMITERS) {
    if (!line.includes(delimiter)) continue;
    const names = fields(line, delimiter).map(([name]) => name.trim());
    if (names.length <= width) continue;
    const aligned = names.slice(names.length - width);
    aligned[0] = aligned[0].replace(PROSE_HEAD, '');
    if (!aligned.every((name) => COLUMN_NAME.test(name))) return undefined;
    return aligned[block.column].replace(/["'`]/g, '').toLowerCase().replace(/[_-]+/g, ' ');
  }
  return undefined;
}

const SELECT_LIST = /\bselect\s+(?:distinct\s+)?([^;*()]{1,600}?)\s+from\b/gi;
const SQL_REACH = 4000;
/** An SQL comment marker or a quote marker before a pasted result row. */
const ROW_MARKER = /^\s*(?:--|#|>|\/\/)?\s*\|?/;

/** The select list's name of the column of `[start, end)` in a pasted result row (cells split at `|`, no outer bars needed). */
function commentedResultColumn(text: string, start: number, end: number): string | undefined {
  const [lineStart, lineEnd] = lineNear(text, start, end, 1000);
  const line = text.slice(lineStart, lineEnd);
  if (!line.includes('|')) return undefined;
  const head = text.slice(Math.max(0, lineStart - SQL_REACH), lineStart);
  let list: string | undefined;
  for (const match of head.matchAll(SELECT_LIST)) list = match[1];
  if (list === undefined) return undefined;
  const marker = ROW_MARKER.exec(line)![0].length;
  const cells = fields(line.slice(marker).replace(/\|\s*$/, ''), '|');
  const names = list.split(',').map((name) => name.trim().split(/\s+|\./).pop()!.replace(/[`"\[\]]/g, '').toLowerCase());
  if (cells.length !== names.length) return undefined;
  const index = cells.findIndex(([cell, from]) => lineStart + marker + from + cell.indexOf(cell.trim()) === start && cell.trim().length === end - start);
  return index < 0 ? undefined : names[index].replace(/[_-]+/g, ' ');
}

/** A field's separator right before a value: it may be a field of a table or a result row. */
const MAY_NAME_COLUMNS = /[,;\t|]/;
/** Words an SSN or ITIN column's name holds; a text without one has no such column, and its headers are not read. */
const SSN_COLUMN_WORD = /ssn|itin|\btin\b|social|taxpayer|tax[\s_-]?id|seguro|sécurité/i;
/** What the text last asked about holds: an SSN column's word, and a select list (asked once per text). */
let lastText: { text: string; named: boolean; select?: boolean } | undefined;

/**
 * The header name of the column a value fills, read the lenient ways above, in a text that holds a word an SSN or ITIN column
 * is named by; undefined where neither applies.
 */
export function looseColumnHeader(text: string, start: number, end: number): string | undefined {
  if (!MAY_NAME_COLUMNS.test(text.slice(Math.max(0, start - 4), start))) return undefined;
  if (lastText?.text !== text) lastText = { text, named: SSN_COLUMN_WORD.test(text) };
  if (!lastText.named) return undefined;
  return proseLedHeader(text, start, end) ?? ((lastText.select ??= /select/i.test(text)) ? commentedResultColumn(text, start, end) : undefined);
}

/** How far back a value's own key is read: past the previous value (its last digit) or line, up to this many characters. */
const KEY_REACH = 40;

/**
 * The key a value is given under after a previous value: the characters after the last digit before it, when one stands on
 * its line within KEY_REACH (`SSN=679-05-4660 BANK_ROUTING=` gives ` BANK_ROUTING=`), lower case; empty without a previous
 * value that near (an SSN word within reach is then the value's own).
 */
export function ownKey(text: string, start: number): string {
  let at = start;
  const stop = Math.max(0, start - KEY_REACH);
  while (at > stop) {
    const code = text.charCodeAt(at - 1);
    if (code >= 48 && code <= 57) return text.slice(at, start).toLowerCase();
    if (code === 10) break;
    at -= 1;
  }
  return '';
}

/**
 * Keys of a US bank routing (ABA) number, nine digits like an SSN: `routing number`, `BANK_ROUTING`, `ABA`, `RTN`, `transit
 * number`, `ACH routing`, Spanish `número de ruta`. Read in the value's own key only.
 */
export const ROUTING_KEY = /(?<![\p{L}])(?:routing|aba|rtn|transit|ach|ruta bancaria|número de ruta|numero de ruta)(?![\p{L}])/u;

/** A cue pattern (financial.ts's SSN and ITIN words). */
interface Cue {
  test(text: string): boolean;
}

/** Whether the loose header of the value's column (see looseColumnHeader) holds one of `cue`'s words. */
export function looseHeaderNames(text: string, start: number, end: number, cue: Cue): boolean {
  const header = looseColumnHeader(text, start, end);
  return header !== undefined && cue.test(header);
}

/**
 * Whether the value's own key after a previous value (see ownKey) names a routing, account, member or other reference number
 * and no SSN word (`ssnWord`): the SSN word further back named the previous value.
 */
export function keyedForAnotherNumber(text: string, start: number, ssnWord: Cue): boolean {
  const key = ownKey(text, start);
  return key !== '' && (ROUTING_KEY.test(key) || REFERENCE_CUE.test(key)) && !ssnWord.test(key);
}
