/**
 * Full-width digits, letters and the `+ - . / @ _` of numbers and addresses (`３５５０ ９９４３…`, `ｔａｒｏ＠ｍａｉｌ．ｊｐ`,
 * `１９２．１６８．０．１`; not the full-width commas, colons and brackets of CJK prose), the ideographic space and Arabic-Indic and
 * Persian digits, read as their ASCII counterparts. Each character maps to one code unit, so offsets into the result are
 * offsets into the original text: the card, IBAN, SSN, IP and e-mail detectors run over this form and report spans of the original.
 */
const WIDE = /[\u0660-\u0669\u06f0-\u06f9\u3000\uff0b\uff0d-\uff19\uff20-\uff3a\uff3f\uff41-\uff5a]/;
const WIDE_ALL = /[\u0660-\u0669\u06f0-\u06f9\u3000\uff0b\uff0d-\uff19\uff20-\uff3a\uff3f\uff41-\uff5a]/g;

function narrow(char: string): string {
  const code = char.charCodeAt(0);
  if (code >= 0xff01) return String.fromCharCode(code - 0xfee0);
  if (code === 0x3000) return ' ';
  return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
}

let last: { text: string; narrow: string } | undefined;

/** The text with its full-width forms and Arabic-Indic digits made ASCII (the same string when it has none). */
export function asciiWidth(text: string): string {
  if (last?.text === text) return last.narrow;
  const result = WIDE.test(text) ? text.replace(WIDE_ALL, narrow) : text;
  last = { text, narrow: result };
  return result;
}
