import { type Detection, eachMatch } from './detection.js';

/** The slice of compromise this detector uses (`nlp(text).people().json({ offset: true })`). */
export type NlpParser = (text: string) => { people(): { json(options: { offset: true }): Array<{ text: string; offset: { start: number; length: number } }> } };

const NAME = String.raw`\p{Lu}[\p{Ll}'’\-]+(?:-\p{Lu}[\p{Ll}]+)?`;
const PARTICLE = String.raw`(?:von|van|der|de|del|della|la|le|du|da|dos|di|y)`;
const FULL_NAME = String.raw`${NAME}(?:\s+(?:${PARTICLE}\s+)*${NAME}){0,2}`;
const TITLES = String.raw`(?:Mr|Mrs|Ms|Miss|Mx|Dr|Dra|Prof|Sir|Dame|Herr|Frau|Monsieur|Madame|Mademoiselle|M|Mme|Mlle|Me|Sr|Sra|Srta|Señor|Señora|Señorita|señor|señora|señorita|Don|Doña)`;
const KEY_WORDS = [
  'name', 'full_?name', 'first_?name', 'last_?name', 'first', 'last', 'given_?name', 'family_?name', 'surname', 'author', 'customer', 'contact_?name',
  'card_?holder(?:_?name)?', 'card holder(?: name)?', 'name on (?:the )?card', 'account holder', 'holder', 'passenger', 'guest', 'patient',
  'vorname', 'nachname', 'karteninhaber(?:in)?', 'kontoinhaber(?:in)?', 'inhaber(?:in)?',
  'prénom', 'nom', 'titulaire(?: de la carte)?', 'nombre', 'apellidos?', 'titular(?: de la tarjeta)?',
];
/** Field labels in lower case, Capitalised or upper case ("name:", "Name:", "NAME:", "Cardholder:"). */
const KEYS = `(?:${KEY_WORDS.flatMap((key) => [key, key[0].toUpperCase() + key.slice(1), key.toUpperCase()]).join('|')})`;
/** A field label in one of the scripts without letter case, then a name of two to four Han, Hangul or Katakana characters (one space allowed). */
const CJK_KEYS = String.raw`(?:姓名|氏名|お名前|名前|联系人|聯絡人|持卡人|收件人|カード名義人?|名義人|이름|성명|예금주|카드 소유자)`;
const CJK_NAME = String.raw`[\p{Script=Han}\p{Script=Hangul}\p{Script=Katakana}]{1,4}(?:[ \u3000][\p{Script=Han}\p{Script=Hangul}\p{Script=Katakana}]{1,4})?`;
/** A chat line: "[09:14] Priya Raman: …", "12/03/2024, 18:02 - Keanu Whitfield: …". */
const CHAT_STAMP = String.raw`\[?(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4},?\s+)?\d{1,2}:\d{2}(?::\d{2})?\]?\s*(?:-\s*)?`;

/** A title or a self-introduction right before a capitalised name, in EN/DE/FR/ES. */
const CUED_NAMES: readonly RegExp[] = [
  new RegExp(String.raw`(?<![\p{L}])${TITLES}\.?\s+(${FULL_NAME})`, 'gu'),
  new RegExp(String.raw`(?:[Mm]y name is|[Nn]ame's|[Mm]ein Name ist|[Ii]ch hei(?:ß|ss)e|[Jj]e m['’]appelle|[Mm]on nom est|[Mm]e llamo|[Mm]i nombre es)\s+(${FULL_NAME})`, 'gu'),
  new RegExp(String.raw`(?:^|\n)\s*(?:Dear|Hi|Hello|Liebe|Lieber|Hallo|Sehr geehrte|Sehr geehrter|Cher|Chère|Bonjour|Estimado|Estimada|Querido|Querida|Hola)\s+(${FULL_NAME})(?=\s*[,!:\n])`, 'gu'),
  new RegExp(String.raw`(?:[Rr]egards|[Gg]rü(?:ß|ss)en?|[Gg]ru(?:ß|ss)|[Cc]ordialement|[Ss]alutations|[Ss]aludos|[Aa]tentamente|[Cc]heers|[Tt]hanks|[Mm]erci|[Dd]anke|[Gg]racias),?[ \t]*\n\s*(${FULL_NAME})(?=[ \t]*(?:\n|$))`, 'gu'),
  new RegExp(String.raw`(?:\bI am|\bI'm|\b[Jj]e suis|\b[Ss]oy)\s+(\p{Lu}[\p{Ll}'’\-]+\s+\p{Lu}[\p{Ll}'’\-]+)`, 'gu'),
  new RegExp(String.raw`(?<![\p{L}])(${FULL_NAME})\s*<[^<>\s]+@`, 'gu'),
  new RegExp(String.raw`(?<![\p{L}])["']?${KEYS}["']?\s*[:=]\s*["']?(${FULL_NAME})(?=["'\s,;}]|$)`, 'gu'),
  new RegExp(String.raw`${CJK_KEYS}\s*[:：=]?\s*(${CJK_NAME}|${FULL_NAME})(?![\p{L}])`, 'gu'),
  new RegExp(String.raw`(?:^|\n)[ \t]*${CHAT_STAMP}(\p{Lu}[\p{Ll}'’\-]+(?:[ \t]\p{Lu}[\p{Ll}'’\-]+){1,2}):[ \t]`, 'gu'),
];
/** "Product name:", "Company Name:", "host_name=": a field named after a thing, not a person. */
const THING_FIELD =
  /(?:product|company|brand|project|file|host|domain|team|store|shop|item|event|model|app|service|street|business|organi[sz]ation|org|group|server|bucket|table|column|device|plan|package|repo|branch|city|country|pet|ship|vessel|course)[ \t_-]?["']?$/i;
/** A name never spans a table cell: compromise sometimes reads "Oksana Kovalenko;Lviv;120.00" as one person. */
const FIELD_SEPARATOR = /[;|\t\n]/;
const LEADING_TITLE = new RegExp(String.raw`^${TITLES}\.?\s+`, 'u');
const BARE_TITLE = new RegExp(String.raw`^${TITLES}\.?$`, 'u');
const TRAILING_NOISE = /(?:['’]s|[\s.,;:!?'’)"}\]>|]+)$/u;
const CONJUNCTION = /\s+(?:and|und|et|y|e|o|or|ou|oder|&)\s+/u;
const TRAILING_LOWERCASE = /(?:\s+\p{Ll}[\p{L}]*)+$/u;
const ACRONYM = /^\p{Lu}{2,5}$/u;
const NEXT_CAPITALISED = /^[ \t]\p{Lu}[\p{Ll}'’\-]+(?:[ \t]\p{Lu}[\p{Ll}'’\-]+)?/u;
/** Capitalised words compromise sometimes takes for names at the start of a German/French/Spanish sentence. */
const NOT_NAMES = new Set(['Bitte', 'Danke', 'Hallo', 'Merci', 'Gracias', 'Hola', 'Bonjour', 'Dear', 'Hi', 'Hello', 'Thanks']);

function pushName(found: Detection[], start: number, text: string): void {
  const title = LEADING_TITLE.exec(text);
  const head = title ? title[0].length : 0;
  const name = text.slice(head).split(FIELD_SEPARATOR)[0].replace(TRAILING_NOISE, '');
  if (name.length < 2 || !/^(?:\p{Lu}|\p{Script=Han}|\p{Script=Hangul}|\p{Script=Katakana})/u.test(name) || NOT_NAMES.has(name) || ACRONYM.test(name) || BARE_TITLE.test(name)) return;
  found.push({ start: start + head, end: start + head + name.length, label: 'PERSON' });
}

/** compromise sometimes joins two people ("Sofía Castro y Andrés Romero") or runs on into the next word ("Lukas Weber und"). */
function pushNlpPerson(found: Detection[], text: string, start: number, length: number): void {
  let offset = start;
  for (const part of text.slice(start, start + length).split(CONJUNCTION)) {
    const at = text.indexOf(part, offset);
    offset = at + part.length;
    const trimmed = part.replace(TRAILING_NOISE, '').replace(TRAILING_LOWERCASE, '');
    let end = at + trimmed.length;
    if (!/\s/.test(trimmed.trim())) end += NEXT_CAPITALISED.exec(text.slice(end))?.[0].length ?? 0;
    pushName(found, at, text.slice(at, end));
  }
}

/** Sentence ends are `.!?` before whitespace (not the dots of an e-mail address or a number) and line breaks. */
const SENTENCE = /(?:[^.!?\n]|[.!?](?![.!?]*(?:\s|$)))*(?:[.!?]+|\n|$)/gu;
/** A capitalised word after another word, or two capitalised words in a row: where a name can be. */
const NAME_CANDIDATE = /[\p{L}\p{N},;:'"()|<>]\s+["'(]?\p{Lu}\p{Ll}|^\s*\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}|^\s*\p{Lu}\p{Ll}+\s*$/u;

/**
 * compromise costs roughly 50 µs per word, so it reads only the runs of sentences that can hold
 * a name (a capitalised word that does not just start the sentence).
 */
function candidateRuns(text: string, maxChars: number): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let budget = maxChars;
  eachMatch(SENTENCE, text, (sentence) => {
    if (sentence[0].length === 0 || sentence[0].length > budget || !NAME_CANDIDATE.test(sentence[0])) return;
    budget -= sentence[0].length;
    const start = sentence.index;
    const last = runs[runs.length - 1];
    if (last && last[1] === start) last[1] = start + sentence[0].length;
    else runs.push([start, start + sentence[0].length]);
  });
  return runs;
}

/** A quoted value is a name only when the quote closes right after it: `"name": "Front desk"` is not "Front". */
function closesItsQuote(text: string, start: number, name: string): boolean {
  const opener = text[start - 1];
  if (opener !== '"' && opener !== "'") return true;
  return text[start + name.replace(TRAILING_NOISE, '').length] === opener || text[start + name.length] === opener;
}

/** Two single names side by side ("Aisha" "Khan") are one name. */
function mergeAdjacent(found: Detection[], from: number, text: string): void {
  const people = found.splice(from).sort((a, b) => a.start - b.start);
  for (const person of people) {
    const last = found.length > from ? found[found.length - 1] : undefined;
    if (last && /^[ \t]$/.test(text.slice(last.end, person.start))) last.end = Math.max(last.end, person.end);
    else found.push({ ...person });
  }
}

const KEY_COLUMN = new RegExp(String.raw`^${KEYS}$`, 'u');
/** Headers that alone may name a product or a place ("name,sku,qty"): a person's only when another column is personal. */
const AMBIGUOUS_COLUMN = /^(?:name|first|last|nom|nombre)$/i;
const PERSONAL_COLUMN = /e-?mail|phone|tel|mobile|handy|address|adresse|birth|dob|ssn|iban|geburt|naissance|nacimiento/i;
const WHOLE_NAME = new RegExp(String.raw`^${FULL_NAME}$`, 'u');
const DELIMITERS = [',', ';', '\t', '|'];

function cells(line: string, delimiter: string): string[] {
  return line.split(delimiter).map((cell) => cell.trim().replace(/^["']|["']$/g, ''));
}

/** A CSV or TSV table whose header names a person column ("id,name,email", "customer;city;total"): that column's cells. */
function detectTableNames(text: string, found: Detection[]): void {
  const lines = text.split('\n');
  let offset = 0;
  for (let row = 0; row < lines.length; offset += lines[row].length + 1, row += 1) {
    const delimiter = DELIMITERS.find((candidate) => lines[row].includes(candidate));
    if (!delimiter) continue;
    const header = cells(lines[row], delimiter);
    const personal = header.some((cell) => PERSONAL_COLUMN.test(cell));
    const columns = header.flatMap((cell, index) => (KEY_COLUMN.test(cell) && (personal || !AMBIGUOUS_COLUMN.test(cell)) ? [index] : []));
    if (columns.length === 0) continue;
    let at = offset + lines[row].length + 1;
    for (let next = row + 1; next < lines.length && lines[next].split(delimiter).length === header.length; at += lines[next].length + 1, next += 1) {
      let cellStart = at;
      lines[next].split(delimiter).forEach((raw, index) => {
        const value = raw.trim().replace(/^["']|["']$/g, '');
        if (columns.includes(index) && WHOLE_NAME.test(value)) pushName(found, cellStart + raw.indexOf(value), value);
        cellStart += raw.length + delimiter.length;
      });
    }
  }
}

/**
 * Person names: compromise's `people()` (an English NLP model that also knows many foreign first
 * names), plus titles ("Herr Müller", "Mme Dubois"), self-introductions, salutations and
 * sign-offs in EN/DE/FR/ES, which compromise misses in other languages.
 */
export function createPersonDetector(nlp: NlpParser | undefined, nlpMaxChars = Number.POSITIVE_INFINITY) {
  return (text: string, found: Detection[]): void => {
    const from = found.length;
    if (nlp) {
      for (const [start, end] of candidateRuns(text, nlpMaxChars)) {
        for (const person of nlp(text.slice(start, end)).people().json({ offset: true })) pushNlpPerson(found, text, start + person.offset.start, person.offset.length);
      }
    }
    for (const pattern of CUED_NAMES) {
      eachMatch(pattern, text, (match) => {
        const name = match[1];
        const start = match.index + match[0].lastIndexOf(name);
        if (!closesItsQuote(text, start, name) || THING_FIELD.test(text.slice(Math.max(0, match.index - 16), match.index))) return;
        pushName(found, start, name);
      });
    }
    if (text.includes('\n')) detectTableNames(text, found);
    mergeAdjacent(found, from, text);
  };
}
