/** Field separators of CSV, TSV, semicolon-separated and pipe (markdown) tables. */
const DELIMITERS = [',', ';', '\t', '|'] as const;
/** A markdown table's rule line, `|---|:---:|`. */
const TABLE_RULE = /^\s*\|?\s*:?-{3,}/;
/** A whole field starts after a separator or a line break and ends before one (spaces and a quote may stand between). */
const FIELD_EDGE_BEFORE = /(?:^|[\n,;\t|])[ "]*$/;
const FIELD_EDGE_AFTER = /^[ "]*(?:$|[\r\n,;\t|])/;
/** A line longer than this is prose, not a table row. */
const MAX_ROW_CHARS = 1000;
/** How many lines above a row its header is looked for. */
const MAX_ROWS_ABOVE = 200;

/** The fields of one line, split at `delimiter` outside double quotes, with their start offsets in the line. */
export function fields(line: string, delimiter: string): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  let quoted = false;
  let from = 0;
  for (let at = 0; at <= line.length; at += 1) {
    const char = line[at];
    if (char === '"') quoted = !quoted;
    else if (at === line.length || (char === delimiter && !quoted)) {
      out.push([line.slice(from, at), from]);
      from = at + 1;
    }
  }
  return out;
}

/**
 * The line around `[start, end)`, clipped to `reach` characters on either side (a prompt may be one long line: the
 * search for its breaks stays near the value).
 */
export function lineNear(text: string, start: number, end: number, reach: number): [number, number] {
  const from = Math.max(0, start - reach);
  const head = text.slice(from, start).lastIndexOf('\n');
  const tail = text.slice(end, end + reach).indexOf('\n');
  return [head < 0 ? from : from + head + 1, tail < 0 ? Math.min(text.length, end + reach) : end + tail];
}

function lineAround(text: string, at: number): [number, number] {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const end = text.indexOf('\n', at);
  return [start, end < 0 ? text.length : end];
}

/**
 * The header of the table column that the value at `[start, end)` fills (`employee_id,full_name,ssn` above
 * `10443,Omar Haddad,292665061`), lower case with `_`/`-` read as spaces; undefined when the value is not a whole
 * field of a table row below a header line with as many fields.
 */
export function columnHeader(text: string, start: number, end: number): string | undefined {
  return tableHeader(text, start, end) ?? sqlColumn(text, start, end) ?? selectColumn(text, start, end);
}

const SELECT_WORD = /\bselect\s/i;
const SELECT_LIST = /^select\s+(?:distinct\s+)?([^;*()]{1,600}?)\s+from\b/i;

/**
 * A row of an SQL client's result (`| Doreen Castellano | 653177553 | 4075550134 |`) under the query that names its columns
 * (`SELECT name, ssn, phone FROM applicants …`): the column's name in the select list (its alias, without the table).
 */
let lastSelect: { text: string; select: boolean } | undefined;

function selectColumn(text: string, start: number, end: number): string | undefined {
  if (lastSelect?.text !== text) lastSelect = { text, select: SELECT_WORD.test(text) };
  if (!lastSelect.select) return undefined;
  const [lineStart, lineEnd] = lineAround(text, start);
  const line = text.slice(lineStart, lineEnd).trimEnd();
  if (line.trimStart()[0] !== '|' || !line.endsWith('|')) return undefined;
  const head = text.slice(Math.max(0, lineStart - SQL_REACH), lineStart);
  const at = head.toLowerCase().lastIndexOf('select ');
  const list = at < 0 ? null : SELECT_LIST.exec(head.slice(at));
  if (list === null) return undefined;
  const names = list[1].split(',').map((name) => name.trim().split(/\s+|\./).pop()!.replace(/[`"\[\]]/g, '').toLowerCase());
  const cells = fields(line, '|').slice(1, -1);
  if (cells.length !== names.length) return undefined;
  const index = cells.findIndex(([cell, from]) => lineStart + from + cell.indexOf(cell.trim()) === start && cell.trim().length === end - start);
  return index < 0 ? undefined : names[index].replace(/[_-]+/g, ' ');
}

function tableHeader(text: string, start: number, end: number): string | undefined {
  if (!FIELD_EDGE_BEFORE.test(text.slice(Math.max(0, start - 8), start)) || !FIELD_EDGE_AFTER.test(text.slice(end, end + 8))) return undefined;
  const [lineStart, lineEnd] = lineAround(text, start);
  if (lineStart === 0 || end > lineEnd) return undefined;
  const line = text.slice(lineStart, lineEnd);
  for (const delimiter of DELIMITERS) {
    if (!line.includes(delimiter)) continue;
    const row = fields(line, delimiter);
    const index = row.findIndex(([field, at]) => {
      const trimmed = field.trim().replace(/^"|"$/g, '');
      const offset = lineStart + at + field.indexOf(trimmed);
      return offset === start && trimmed.length === end - start;
    });
    if (index < 0) continue;
    // Walk up the rows with as many fields; the topmost one is the header.
    let header: string | undefined;
    let above = lineStart - 1;
    for (let rows = 0; above > 0 && rows < MAX_ROWS_ABOVE; rows += 1) {
      const [from] = lineAround(text, above);
      const candidate = text.slice(from, above);
      if (TABLE_RULE.test(candidate)) {
        above = from - 1;
        continue;
      }
      if (fields(candidate, delimiter).length !== row.length) break;
      header = candidate;
      above = from - 1;
    }
    if (header === undefined) return undefined;
    const name = fields(header, delimiter)[index][0].trim().replace(/^"|"$/g, '');
    // A table without a header line: its top row is data, and names no column.
    if (!/[A-Za-z\u00c0-\uffff]/.test(name)) return undefined;
    return name.toLowerCase().replace(/[_-]+/g, ' ');
  }
  return undefined;
}

/** An SQL statement that inserts rows, and its column list: `INSERT INTO users (id, email, phone) VALUES`. */
const SQL_VALUES = /\bvalues\s*\(/i;
const SQL_INSERT = /\binsert\s+(?:into\s+)?[\w."`\[\]]+\s*\(([^()]{1,600})\)\s*values\s*$/i;
const SQL_REACH = 4000;

/** A value quoted or not, alone between the commas of an SQL tuple or the separators of a row (`,'0645219873',`, `|0645219873|`). */
const QUOTED_BEFORE = /(?:^|[\n,;\t|(\[])\s*(['"])$/;
const QUOTED_AFTER = /^(['"])\s*(?:$|[\r\n,;\t|)\]])/;
const BARE_BEFORE = /(?:^|[\n,;\t|(\[])\s*$/;
const BARE_AFTER = /^\s*(?:$|[\r\n,;\t|)\]])/;
const RECORD_REACH = 200;

/** Whether `[start, end)` is a whole field of a record: a quoted value between separators, or a bare one in a row of three or more fields. */
export function isRecordField(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 6), start);
  const after = text.slice(end, end + 6);
  const quoted = QUOTED_BEFORE.exec(before);
  if (quoted !== null) return QUOTED_AFTER.exec(after)?.[1] === quoted[1];
  if (!BARE_BEFORE.test(before) || !BARE_AFTER.test(after)) return false;
  // Two separators of one kind on the row near the value (a row holds three fields or more).
  const [rowStart, rowEnd] = lineNear(text, start, end, RECORD_REACH);
  const row = text.slice(rowStart, rowEnd);
  return DELIMITERS.some((delimiter) => row.indexOf(delimiter) !== row.lastIndexOf(delimiter));
}

/**
 * The column an SQL value fills, read from the statement's column list (`INSERT INTO abonnes (id, nom, tel) VALUES (…, '0645…')`):
 * lower case, `_`/`-` read as spaces; undefined outside such a statement.
 */
let lastSql: { text: string; values: boolean } | undefined;

function sqlColumn(text: string, start: number, end: number): string | undefined {
  if (lastSql?.text !== text) lastSql = { text, values: SQL_VALUES.test(text) };
  if (!lastSql.values || !isRecordField(text, start, end)) return undefined;
  // The tuple around the value: back to its unquoted opening parenthesis, counting the commas on the way.
  let commas = 0;
  let quote: string | undefined;
  // Past the value's own opening quote.
  let at = text[start - 1] === "'" || text[start - 1] === '"' ? start - 2 : start - 1;
  for (; at >= 0 && start - at < SQL_REACH; at -= 1) {
    const char = text[at];
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') quote = char;
    else if (char === ',') commas += 1;
    else if (char === '(') break;
    else if (char === ')' || char === ';') return undefined;
  }
  if (at < 0 || text[at] !== '(') return undefined;
  // Back over earlier tuples of the same statement (`VALUES (…), (…), (`) to the column list.
  const head = text.slice(Math.max(0, at - SQL_REACH), at);
  const values = head.search(/values\s*(?:\((?:[^()']|'[^']*')*\)\s*,\s*)*$/i);
  if (values < 0) return undefined;
  const insert = SQL_INSERT.exec(head.slice(0, values + 6));
  if (insert === null) return undefined;
  const column = insert[1].split(',')[commas];
  return column?.trim().replace(/^["`\[]|["`\]]$/g, '').toLowerCase().replace(/[_-]+/g, ' ');
}

/** The rows of the table a field belongs to, and that field's column. */
export interface TableBlock {
  rows: string[][];
  column: number;
  /** Offsets of the block's first and last characters' lines. */
  from: number;
  to: number;
}

/**
 * The block of consecutive lines with as many fields as the line of the value at `[start, end)` (a table, with or without a
 * header line), when the value is a whole field of it; fields trimmed of spaces and quotes.
 */
export function tableBlock(text: string, start: number, end: number): TableBlock | undefined {
  if (!FIELD_EDGE_BEFORE.test(text.slice(Math.max(0, start - 8), start)) || !FIELD_EDGE_AFTER.test(text.slice(end, end + 8))) return undefined;
  const [lineStart, lineEnd] = lineAround(text, start);
  if (end > lineEnd || lineEnd - lineStart > MAX_ROW_CHARS) return undefined;
  const trim = (field: string) => field.trim().replace(/^"|"$/g, '');
  for (const delimiter of DELIMITERS) {
    const line = text.slice(lineStart, lineEnd);
    if (!line.includes(delimiter)) continue;
    const row = fields(line, delimiter);
    const column = row.findIndex(([field, at]) => lineStart + at + field.indexOf(trim(field)) === start && trim(field).length === end - start);
    if (column < 0 || row.length < 2) continue;
    const rows = [row.map(([field]) => trim(field))];
    let from = lineStart;
    for (let count = 0; from > 0 && count < MAX_ROWS_ABOVE; count += 1) {
      const [above, aboveEnd] = lineAround(text, from - 1);
      const candidate = fields(text.slice(above, aboveEnd), delimiter);
      if (candidate.length !== row.length) break;
      rows.unshift(candidate.map(([field]) => trim(field)));
      from = above;
    }
    let to = lineEnd;
    for (let count = 0; to < text.length && count < MAX_ROWS_ABOVE; count += 1) {
      const [below, belowEnd] = lineAround(text, to + 1);
      const candidate = fields(text.slice(below, belowEnd), delimiter);
      if (candidate.length !== row.length) break;
      rows.push(candidate.map(([field]) => trim(field)));
      to = belowEnd;
    }
    return { rows, column, from, to };
  }
  return undefined;
}

/** How far before a value the text may say what its column holds. */
const MEANING_REACH = 400;

/**
 * What the text says a column holds (`tax_id column = SSN/ITIN`, `the id field is the applicant's SSN`): the words after the
 * column's name and `=`, `:` or `is`, to be read with a header that alone names nothing (`tax_id` is an EIN as often as an SSN).
 */
export function statedColumnMeaning(text: string, start: number, header: string): string {
  const name = header.split(' ').map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s_-]+');
  const stated = new RegExp(
    String.raw`(?<![\p{L}\p{N}_])${name}(?:\s+(?:column|field|col))?\s*(?:=|:|→|->|\b(?:is|are|holds|contains|means)\b)\s*([^\n)]{1,40})`,
    'iu',
  );
  return stated.exec(text.slice(Math.max(0, start - MEANING_REACH), start))?.[1] ?? '';
}
