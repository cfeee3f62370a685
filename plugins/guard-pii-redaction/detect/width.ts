/**
 * Full-width digits, letters and the `+ - . / @ _` of numbers and addresses (`３５５０ ９９４３…`, `ｔａｒｏ＠ｍａｉｌ．ｊｐ`,
 * `１９２．１６８．０．１`; not the full-width commas, colons and brackets of CJK prose), the ideographic space and Arabic-Indic and
 * Persian digits, read as their ASCII counterparts. Each character maps to one code unit, so offsets into the result are
 * offsets into the original text: the card, IBAN, SSN, IP and e-mail detectors run over this form and report spans of the original.
 *
 * Dashes that input methods and word processors put between the groups of a number are hyphens too: the minus sign `−` (a
 * Japanese IME's hyphen on macOS), the small hyphen-minus, the non-breaking and figure dashes, and (only between two digits)
 * the katakana prolonged sound mark `ー`/`ｰ` typed for a hyphen (`０９０ー２２８４…`) and the en dash.
 */
const WIDE_CHARACTERS = String.raw`[\u0660-\u0669\u06f0-\u06f9\u2010-\u2013\u2212\u3000\u30fc\ufe63\uff0b\uff0d-\uff19\uff20-\uff3a\uff3f\uff41-\uff5a\uff70]`;
const WIDE = new RegExp(WIDE_CHARACTERS);
const WIDE_ALL = new RegExp(WIDE_CHARACTERS, 'g');
/** Dashes read as hyphens only between two digits (ASCII, full-width or Arabic-Indic): elsewhere they are words' letters or prose. */
const DASH_BETWEEN_DIGITS = new Set([0x2013, 0x30fc, 0xff70]);

function isDigitCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 0xff10 && code <= 0xff19) || (code >= 0x0660 && code <= 0x0669) || (code >= 0x06f0 && code <= 0x06f9);
}

function narrow(char: string, at: number, text: string): string {
  const code = char.charCodeAt(0);
  if (DASH_BETWEEN_DIGITS.has(code)) return isDigitCode(text.charCodeAt(at - 1)) && isDigitCode(text.charCodeAt(at + 1)) ? '-' : char;
  if (code >= 0xff01) return String.fromCharCode(code - 0xfee0);
  if (code === 0x3000) return ' ';
  if (code >= 0x2010) return '-';
  return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
}

/**
 * Text pasted as an escaped string (a JSON value, a log line, a spreadsheet copied through code): `Benson\t454-30-7636\n…`.
 * The escapes `\t`, `\n` and `\r` (not `\\t`) read as a space and the control character they stand for, so the values
 * glued to them start and end at a word boundary and a table's fields and lines split as they would unescaped.
 */
const ESCAPE_BEFORE = /(?<!\\)\\(?=[ntr])/;
const ESCAPE_ALL = /(?<!\\)\\[ntr]/g;
const CONTROL: Readonly<Record<string, string>> = { n: ' \n', t: ' \t', r: ' \r' };

let last: { text: string; narrow: string } | undefined;

/** The text with its full-width forms, hyphen look-alikes and Arabic-Indic digits made ASCII and its `\t`/`\n`/`\r` escapes unescaped (the same string when it has none). */
export function asciiWidth(text: string): string {
  if (last?.text === text) return last.narrow;
  let result = WIDE.test(text) ? text.replace(WIDE_ALL, narrow) : text;
  if (ESCAPE_BEFORE.test(result)) result = result.replace(ESCAPE_ALL, (escape) => CONTROL[escape[1]]);
  last = { text, narrow: result };
  return result;
}
