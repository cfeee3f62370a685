/**
 * Server-sent events, parsed the way the WHATWG `EventSource` algorithm does: lines end with
 * `\n`, `\r\n` or `\r` (even when split across chunks), `:` starts a comment, several `data:`
 * lines join with `\n`, one space after the colon is dropped, an event is dispatched on a blank
 * line, and an event left unterminated when the stream ends is discarded.
 */

/**
 * One dispatched event. `event` is `'message'` when the stream did not name it.
 *
 * @example
 * const event: SseEvent = { event: 'message', data: '{"id":"chatcmpl-1"}' };
 */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
  retry?: number;
}

/**
 * Incremental parser: push bytes or text as they arrive, get the complete events back.
 *
 * @example
 * const parser = new SseParser();
 * parser.push('data: {"a"');       // → []
 * parser.push(':1}\n\n');          // → [{ event: 'message', data: '{"a":1}' }]
 * parser.end();                    // → [] (an unterminated event would be dropped)
 */
export class SseParser {
  private readonly decoder = new TextDecoder('utf-8');
  private buffer = '';
  private skipLeadingLineFeed = false;
  private atStreamStart = true;
  private dataLines: string[] = [];
  private eventName = '';
  private eventId: string | undefined;
  private retry: number | undefined;
  private hasFields = false;

  /** Feeds the next piece of the stream; returns the events it completed. */
  push(chunk: Uint8Array | string): SseEvent[] {
    const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    return this.consume(text);
  }

  /** Ends the stream: flushes the decoder, returns what it completed and discards the rest. */
  end(): SseEvent[] {
    const events = this.consume(this.decoder.decode());
    this.buffer = '';
    this.resetEvent();
    return events;
  }

  /** True when bytes of an event were seen that no blank line has dispatched yet. */
  get hasPartialEvent(): boolean {
    return this.buffer.length > 0 || this.hasFields;
  }

  private consume(text: string): SseEvent[] {
    if (text.length === 0) return [];
    let input = text;
    if (this.atStreamStart) {
      this.atStreamStart = false;
      if (input.charCodeAt(0) === 0xfeff) input = input.slice(1);
    }
    if (this.skipLeadingLineFeed && input.startsWith('\n')) input = input.slice(1);
    this.skipLeadingLineFeed = false;
    this.buffer += input;

    const events: SseEvent[] = [];
    let start = 0;
    for (;;) {
      const end = nextLineBreak(this.buffer, start);
      if (end === -1) break;
      const line = this.buffer.slice(start, end);
      let next = end + 1;
      if (this.buffer[end] === '\r') {
        if (next === this.buffer.length) this.skipLeadingLineFeed = true;
        else if (this.buffer[next] === '\n') next += 1;
      }
      const event = this.processLine(line);
      if (event) events.push(event);
      start = next;
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  private processLine(line: string): SseEvent | undefined {
    if (line.length === 0) return this.dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.dataLines.push(value);
        break;
      case 'event':
        this.eventName = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.eventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retry = Number(value);
        break;
      default:
        return undefined;
    }
    this.hasFields = true;
    return undefined;
  }

  private dispatch(): SseEvent | undefined {
    if (this.dataLines.length === 0) {
      this.resetEvent();
      return undefined;
    }
    const event: SseEvent = { event: this.eventName || 'message', data: this.dataLines.join('\n') };
    if (this.eventId !== undefined) event.id = this.eventId;
    if (this.retry !== undefined) event.retry = this.retry;
    this.resetEvent();
    return event;
  }

  private resetEvent(): void {
    this.dataLines = [];
    this.eventName = '';
    this.eventId = undefined;
    this.retry = undefined;
    this.hasFields = false;
  }
}

function nextLineBreak(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || code === 13) return i;
  }
  return -1;
}

/**
 * Parses a whole stream given at once (fixtures, tests).
 *
 * @example
 * parseSseText('data: 1\n\ndata: [DONE]\n\n').map((e) => e.data); // → ['1', '[DONE]']
 */
export function parseSseText(text: string | Uint8Array): SseEvent[] {
  const parser = new SseParser();
  return [...parser.push(text), ...parser.end()];
}

/**
 * Parses an asynchronous byte or text stream incrementally, yielding each event as soon as its
 * blank line arrives.
 *
 * @example
 * for await (const event of parseSse(upstreamBody)) {
 *   if (event.data === '[DONE]') break;
 * }
 */
export async function* parseSse(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<SseEvent> {
  const parser = new SseParser();
  for await (const chunk of source) yield* parser.push(chunk);
  yield* parser.end();
}

/**
 * Serialises an event in the canonical framing (`event:` only when not `'message'`; one `data:`
 * line per line of data; a blank line to end it).
 *
 * @example
 * formatSseEvent({ data: '[DONE]' }); // → 'data: [DONE]\n\n'
 */
export function formatSseEvent(event: { data: string; event?: string; id?: string }): string {
  let out = '';
  if (event.event && event.event !== 'message') out += `event: ${event.event}\n`;
  if (event.id !== undefined) out += `id: ${event.id}\n`;
  for (const line of event.data.split('\n')) out += `data: ${line}\n`;
  return `${out}\n`;
}
