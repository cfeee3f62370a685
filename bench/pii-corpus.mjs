// `node bench/pii-corpus.mjs`: turns the labelled corpus source of guard-pii-redaction
// (plugins/guard-pii-redaction/__fixtures__/corpus.src.txt, values marked [[LABEL:value]]) into
// corpus.jsonl (one {id, lang, text, spans} per line), and reports values that fail their own
// checksum or phone validation so that a typo in the corpus is not mistaken for a detector miss.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { parsePhoneNumberFromString } = require('libphonenumber-js/max');
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'plugins', 'guard-pii-redaction', '__fixtures__');
const LABELS = new Set(['EMAIL', 'PHONE', 'CREDIT_CARD', 'IBAN', 'SSN', 'IP_ADDRESS', 'SECRET', 'PERSON', 'ADDRESS']);
const MARK = /\[\[([A-Z_]+):([\s\S]+?)\]\]/g;

function luhn(digits) {
  let sum = 0;
  for (let at = digits.length - 1, double = false; at >= 0; at -= 1, double = !double) {
    let digit = Number(digits[at]) * (double ? 2 : 1);
    sum += digit > 9 ? digit - 9 : digit;
  }
  return sum % 10 === 0;
}

function mod97(iban) {
  const moved = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (char) => String(char.charCodeAt(0) - 55));
  let rest = 0;
  for (const char of moved) rest = (rest * 10 + Number(char)) % 97;
  return rest === 1;
}

/** Ranges reserved for fiction (NANP 555, UK drama mobiles 07700 900xxx): libphonenumber calls them invalid, people write them as numbers. */
const FICTIONAL = /^(?:1?555\d{7}|(?:44|0)7700900\d{3})$/;

function problem(label, value) {
  if (label === 'CREDIT_CARD' && !luhn(value.replace(/\D/g, ''))) return 'fails Luhn';
  if (label === 'IBAN' && !mod97(value.replace(/[\s-]/g, '').toUpperCase())) return 'fails mod 97';
  if (label === 'PHONE') {
    const phone = /^\(?(?:\+|00)/.test(value) ? parsePhoneNumberFromString(value.replace(/^(\(?)00/, '$1+')) : undefined;
    if (phone && !phone.isValid() && !FICTIONAL.test(value.replace(/\D/g, ''))) return 'is not a valid international number';
  }
  return undefined;
}

const records = [];
const warnings = [];
let split = 'dev';
for (const line of readFileSync(join(FIXTURES, 'corpus.src.txt'), 'utf8').split('\n')) {
  if (line.trim() === '' || line.startsWith('#')) continue;
  if (line.startsWith('@split ')) {
    split = line.slice('@split '.length).trim();
    continue;
  }
  const bar = line.indexOf('|');
  const lang = line.slice(0, bar);
  const source = line.slice(bar + 1).replaceAll('\\n', '\n');
  let text = '';
  let at = 0;
  const spans = [];
  for (const match of source.matchAll(MARK)) {
    const [, label, value] = match;
    if (!LABELS.has(label)) throw new Error(`unknown label ${label} in: ${line}`);
    text += source.slice(at, match.index);
    spans.push({ start: text.length, end: text.length + value.length, label });
    text += value;
    at = match.index + match[0].length;
    const issue = problem(label, value);
    if (issue) warnings.push(`${label} ${value} ${issue}`);
  }
  text += source.slice(at);
  records.push({ id: records.length + 1, split, lang, text, spans });
}

writeFileSync(join(FIXTURES, 'corpus.jsonl'), records.map((record) => JSON.stringify(record)).join('\n') + '\n');
const byLang = {};
for (const record of records) byLang[record.lang] = (byLang[record.lang] ?? 0) + 1;
const byLabel = {};
for (const record of records) for (const span of record.spans) byLabel[span.label] = (byLabel[span.label] ?? 0) + 1;
console.log(`corpus.jsonl: ${records.length} sentences (${Object.entries(byLang).map(([lang, count]) => `${lang} ${count}`).join(', ')}), ${records.filter((record) => record.spans.length === 0).length} without any value`);
console.log(`splits: ${[...new Set(records.map((record) => record.split))].map((name) => `${name} ${records.filter((record) => record.split === name).length}`).join(', ')}`);
console.log(`values: ${Object.entries(byLabel).map(([label, count]) => `${label} ${count}`).join(', ')}`);
for (const warning of warnings) console.log(`warning: ${warning}`);
