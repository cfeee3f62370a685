import type { Detection } from './detect/index.js';

/** `<EMAIL>`: a typed placeholder that carries no value. */
export const placeholder = (label: string) => `<${label}>`;

const keepFirstOfEachWord = (value: string) => value.replace(/(\S)(\S*)/gu, (_, first: string, rest: string) => first + '*'.repeat([...rest].length));
const maskDigitsExceptLast = (value: string, keep: number) => {
  let seen = 0;
  const total = value.replace(/\D/g, '').length;
  return value.replace(/\d/g, (digit) => (++seen > total - keep ? digit : '*'));
};

function maskEmail(value: string): string {
  const [local, domain = ''] = value.split('@');
  const labels = domain.split('.');
  const tld = labels.length > 1 ? `.${labels[labels.length - 1]}` : '';
  return `${[...local][0] ?? ''}***@${[...domain][0] ?? ''}***${tld}`;
}

/** A partial mask keeps a hint for humans (`j***@e***.com`, `**** **** **** 1111`); a full mask keeps only whitespace. */
export function mask(label: string, value: string, style: 'partial' | 'full'): string {
  if (style === 'full') return value.replace(/\S/gu, '*');
  switch (label) {
    case 'EMAIL':
      return maskEmail(value);
    case 'PHONE':
      return maskDigitsExceptLast(value, 2);
    case 'CREDIT_CARD':
      return maskDigitsExceptLast(value, 4);
    case 'SSN':
      return maskDigitsExceptLast(value, 4);
    case 'IBAN': {
      const compactLength = value.replace(/\s/g, '').length;
      let seen = 0;
      return value.replace(/[A-Z0-9]/g, (char) => (++seen <= 2 || seen > compactLength - 4 ? char : '*'));
    }
    case 'IP_ADDRESS':
      return value.replace(/^([^.:]+)(.*)$/u, (_, head: string, rest: string) => head + rest.replace(/[0-9A-Fa-f]/g, '*'));
    case 'SECRET':
      return `${value.slice(0, 4)}****`;
    default:
      return keepFirstOfEachWord(value);
  }
}

/** What one value becomes; `undefined` leaves it as it is. */
export type Replacer = (label: string, value: string) => string | undefined;

/** Rewrites `text` with each detection replaced by what `replace` says. */
export function applyReplacements(text: string, detections: readonly Detection[], replace: Replacer): string {
  if (detections.length === 0) return text;
  let out = '';
  let at = 0;
  for (const detection of detections) {
    const replacement = replace(detection.label, text.slice(detection.start, detection.end));
    if (replacement === undefined) continue;
    out += text.slice(at, detection.start) + replacement;
    at = detection.end;
  }
  return out + text.slice(at);
}
