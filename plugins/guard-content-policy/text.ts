import type { ChatCompletionRequest, ChatMessage, ChatRole } from '../../src/plugin-sdk/index.js';

const INVISIBLE = /[\u00AD\u034F\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF]/gu;
const COMBINING_DIACRITICS = /[\u0300-\u036F]/gu;

/**
 * Text as terms are compared: compatibility forms folded, accents and invisible characters
 * removed, lower case, `ß` as `ss`, every run of whitespace one space. Applied to the terms of a
 * list and to the text they are looked for in, so matching ignores case, accents and spacing.
 *
 * @example
 * foldText('Crème  BRÛLÉE') // 'creme brulee'
 */
export function foldText(text: string): string {
  return text
    .replace(INVISIBLE, '')
    .normalize('NFKD')
    .replace(COMBINING_DIACRITICS, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/\s+/gu, ' ');
}

/** The text of a message: its string content, or its text parts joined by line breaks. */
export function messageText(message: ChatMessage | null | undefined): string {
  const content = message?.content;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter((part): part is { type: 'text'; text: string } => part?.type === 'text' && typeof part.text === 'string')
    .map((part) => part.text)
    .join('\n');
}

/** The texts of the request's messages written by the given roles. */
export function textsOfRoles(request: ChatCompletionRequest, roles: readonly ChatRole[]): string[] {
  const messages = Array.isArray(request.messages) ? request.messages : [];
  return messages.filter((message) => message && roles.includes(message.role)).map(messageText).filter((text) => text !== '');
}

/** Characters as a reader counts them (code points, not UTF-16 units). */
export function countChars(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0xdc00 || code > 0xdfff) count++;
  }
  return count;
}
