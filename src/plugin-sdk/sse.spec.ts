import { describe, expect, it } from 'vitest';
import { formatSseEvent, parseSse, parseSseText, SseParser } from './sse.js';

const encode = (text: string) => new TextEncoder().encode(text);

function pushAll(parser: SseParser, pieces: Array<string | Uint8Array>) {
  return [...pieces.flatMap((piece) => parser.push(piece)), ...parser.end()];
}

describe('SseParser', () => {
  it('dispatches on a blank line and names unnamed events "message"', () => {
    expect(parseSseText('data: hello\n\n')).toEqual([{ event: 'message', data: 'hello' }]);
  });

  it('handles \\n, \\r\\n and \\r line endings alike', () => {
    const expected = [
      { event: 'message', data: 'a' },
      { event: 'message', data: 'b' },
    ];
    expect(parseSseText('data: a\n\ndata: b\n\n')).toEqual(expected);
    expect(parseSseText('data: a\r\n\r\ndata: b\r\n\r\n')).toEqual(expected);
    expect(parseSseText('data: a\r\rdata: b\r\r')).toEqual(expected);
  });

  it('treats a \\r\\n split between two chunks as one line break', () => {
    const parser = new SseParser();
    expect(parser.push('data: a\r')).toEqual([]);
    expect(parser.push('\n\r')).toEqual([{ event: 'message', data: 'a' }]);
    expect(parser.push('\ndata: b\r\n\r\n')).toEqual([{ event: 'message', data: 'b' }]);
  });

  it('gives the same events whatever the chunk boundaries', () => {
    const stream = ': keep-alive\r\nevent: delta\r\ndata: {"x":1}\r\n\r\ndata: line1\ndata: line2\n\nid: 7\nretry: 1500\ndata: [DONE]\n\n';
    const whole = parseSseText(stream);
    expect(whole).toEqual([
      { event: 'delta', data: '{"x":1}' },
      { event: 'message', data: 'line1\nline2' },
      { event: 'message', data: '[DONE]', id: '7', retry: 1500 },
    ]);
    for (let size = 1; size <= 9; size++) {
      const pieces: string[] = [];
      for (let i = 0; i < stream.length; i += size) pieces.push(stream.slice(i, i + size));
      expect(pushAll(new SseParser(), pieces)).toEqual(whole);
    }
  });

  it('decodes UTF-8 split inside a multi-byte character', () => {
    const bytes = encode('data: héllo 🎉\n\n');
    const split = bytes.indexOf(0xf0) + 2;
    expect(pushAll(new SseParser(), [bytes.slice(0, split), bytes.slice(split)])).toEqual([
      { event: 'message', data: 'héllo 🎉' },
    ]);
  });

  it('ignores comments, unknown fields and a leading BOM', () => {
    expect(parseSseText('\uFEFF: comment\nfoo: bar\ndata: x\n\n')).toEqual([{ event: 'message', data: 'x' }]);
  });

  it('keeps spaces after the first one and colons inside the value', () => {
    expect(parseSseText('data:  two spaces: yes\n\n')).toEqual([{ event: 'message', data: ' two spaces: yes' }]);
    expect(parseSseText('data:nospace\n\n')).toEqual([{ event: 'message', data: 'nospace' }]);
  });

  it('treats a field line without a colon as a field with an empty value', () => {
    expect(parseSseText('data\ndata\n\n')).toEqual([{ event: 'message', data: '\n' }]);
  });

  it('dispatches nothing for events without data', () => {
    expect(parseSseText('event: ping\n\n: only a comment\n\n')).toEqual([]);
  });

  it('drops an event left unterminated at the end of the stream and reports it as partial', () => {
    const parser = new SseParser();
    expect(parser.push('data: complete\n\ndata: cut')).toEqual([{ event: 'message', data: 'complete' }]);
    expect(parser.hasPartialEvent).toBe(true);
    expect(parser.end()).toEqual([]);
    expect(parser.hasPartialEvent).toBe(false);
  });

  it('ignores a non-numeric retry', () => {
    expect(parseSseText('retry: soon\ndata: x\n\n')).toEqual([{ event: 'message', data: 'x' }]);
  });
});

describe('parseSse', () => {
  it('yields events from an async byte stream as they complete', async () => {
    async function* source() {
      yield encode('data: {"n"');
      yield ':1}\n\nda';
      yield encode('ta: [DONE]\n\n');
    }
    const events = [];
    for await (const event of parseSse(source())) events.push(event.data);
    expect(events).toEqual(['{"n":1}', '[DONE]']);
  });
});

describe('formatSseEvent', () => {
  it('frames data, multi-line data and named events', () => {
    expect(formatSseEvent({ data: '[DONE]' })).toBe('data: [DONE]\n\n');
    expect(formatSseEvent({ data: 'a\nb', event: 'delta' })).toBe('event: delta\ndata: a\ndata: b\n\n');
    expect(parseSseText(formatSseEvent({ data: 'a\nb', event: 'delta', id: '3' }))).toEqual([
      { event: 'delta', data: 'a\nb', id: '3' },
    ]);
  });
});
