/** Field separators of CSV, TSV, semicolon-separated and pipe (markdown) tables. */
const DELIMITERS = [',', ';', '\t', '|'] as const;
/** A markdown table's rule line, `|---|:---:|`. */
const TABLE_RULE = /^\s*\|?\s*:?-{3,}/;
/** A whole field starts after a separator or a line break and ends before one (spaces and a quote may stand between). */
const FIELD_EDGE_BEFORE = /(?:^|[\n,;\t|])[ "]*$/;
const FIELD_EDGE_AFTER = /^[ "]*(?:$|[\r\n,;\t|])/;
/** How many lines above a row its header is looked for. */
const MAX_ROWS_ABOVE = 200;

/** The fields of one line, split at `delimiter` outside double quotes, with their start offsets in the line. */
function fields(line: string, delimiter: string): Array<[string, number]> {
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
    return fields(header, delimiter)[index][0].trim().replace(/^"|"$/g, '').toLowerCase().replace(/[_-]+/g, ' ');
  }
  return undefined;
}
