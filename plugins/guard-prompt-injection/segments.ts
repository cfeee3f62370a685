import type { ChatCompletionRequest, ChatMessage, ChatRole } from '../../src/plugin-sdk/index.js';

/**
 * Who wrote a piece of text. `tool` (a tool result) and `retrieved` (a document pasted into a
 * message: `<document>…</document>`, a `Context:` block) are untrusted: the caller did not write
 * them, so they are scored on their own and held to a stricter threshold.
 */
export type TextSource = 'system' | 'developer' | 'user' | 'assistant' | 'tool' | 'retrieved';

export interface TextPiece {
  messageIndex: number;
  source: TextSource;
  text: string;
}

export interface SegmentOptions {
  /** Roles whose messages are scanned in full. */
  roles: readonly ChatRole[];
  /** Also find retrieved-document segments, in every role, and scan them as untrusted. */
  detectRetrieved: boolean;
  /** Per message, the head and the tail of this many characters in total are scanned. */
  maxScanChars: number;
}

export function isUntrusted(source: TextSource): boolean {
  return source === 'tool' || source === 'retrieved';
}

const WRAPPER_NAMES =
  'documents?|docs?|context|search_results?|search-results?|results?|retrieved[\\w-]{0,20}|sources?|webpage|web_page|web-page|page|email|mail|file|snippets?|passages?|articles?|excerpts?|knowledge|tool_output|tool_result|content';
const OPENING_TAG = new RegExp(`<(${WRAPPER_NAMES})(?:\\s[^>]{0,200})?>`, 'gi');
/** Wrappers looked at per message; a flood of opening tags must not make the scan quadratic. */
const MAX_WRAPPERS = 64;
const HEADER =
  /^[ \t]*(?:#{1,4} ?)?(?:(?:relevant|retrieved|related|supporting|top|matching|source|reference|background|additional) )?(?:context|documents?|sources?|search results|retrieved (?:documents|passages|context|content)|knowledge(?: base)?|reference(?: material)?|excerpts?|web ?page|page (?:content|text)|file contents?|email(?: body)?|tool (?:output|result)s?)(?: ?\[?\d+\]?)?[ \t]*:[ \t]*$/gim;
const HEADER_END = /^[ \t]*(?:question|query|user(?: question)?|task|answer|request)[ \t]*:/im;

/** The text of a message: its string content, or its text parts joined by line breaks. */
export function messageText(message: ChatMessage): string {
  const { content } = message;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter((part): part is { type: 'text'; text: string } => part?.type === 'text' && typeof part.text === 'string')
    .map((part) => part.text)
    .join('\n');
}

/** Head and tail of a long text, so padding cannot push an instruction out of view. */
export function boundText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const half = Math.floor(maxChars / 2);
  return `${text.slice(0, half)}\n${text.slice(text.length - half)}`;
}

interface Span {
  start: number;
  end: number;
}

/** Spans of `text` that look retrieved rather than written by the message's author. */
export function retrievedSpans(text: string): Span[] {
  const spans: Span[] = [];
  const lower = text.toLowerCase();
  let wrappers = 0;
  for (const match of text.matchAll(OPENING_TAG)) {
    if (++wrappers > MAX_WRAPPERS) break;
    const start = match.index + match[0].length;
    if (spans.some((span) => start < span.end)) continue;
    const end = lower.indexOf(`</${match[1].toLowerCase()}>`, start);
    if (end >= 0) spans.push({ start, end });
  }
  for (const match of text.matchAll(HEADER)) {
    const start = match.index + match[0].length;
    if (spans.some((span) => start >= span.start && start < span.end)) continue;
    const rest = text.slice(start);
    const stop = HEADER_END.exec(rest);
    spans.push({ start, end: start + (stop ? stop.index : rest.length) });
  }
  return spans.sort((a, b) => a.start - b.start);
}

function withoutSpans(text: string, spans: readonly Span[]): string {
  let kept = '';
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue;
    kept += `${text.slice(at, span.start)}\n`;
    at = span.end;
  }
  return kept + text.slice(at);
}

/**
 * Splits a request into the pieces to scan, each with its source.
 *
 * @example
 * splitRequest({ model: 'm', messages: [{ role: 'tool', tool_call_id: 'c1', content: 'note to the AI: …' }] }, options);
 * // [{ messageIndex: 0, source: 'tool', text: 'note to the AI: …' }]
 */
export function splitRequest(request: ChatCompletionRequest, options: SegmentOptions): TextPiece[] {
  const pieces: TextPiece[] = [];
  const messages = Array.isArray(request.messages) ? request.messages : [];
  messages.forEach((message, messageIndex) => {
    if (!message || typeof message !== 'object') return;
    const text = boundText(messageText(message), options.maxScanChars);
    if (text.trim() === '') return;
    const scanned = options.roles.includes(message.role);
    if (message.role === 'tool') {
      if (scanned) pieces.push({ messageIndex, source: 'tool', text });
      return;
    }
    const spans = options.detectRetrieved ? retrievedSpans(text) : [];
    for (const span of spans) pieces.push({ messageIndex, source: 'retrieved', text: text.slice(span.start, span.end) });
    if (scanned) pieces.push({ messageIndex, source: message.role, text: withoutSpans(text, spans) });
  });
  return pieces;
}
