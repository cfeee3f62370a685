import { once } from 'node:events';
import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyReply } from 'fastify';

const SSE_HEAD = ['content-type', 'text/event-stream; charset=utf-8', 'cache-control', 'no-cache', 'connection', 'keep-alive', 'x-accel-buffering', 'no'] as const;
const SSE_HEAD_NAMES: ReadonlySet<string> = new Set(SSE_HEAD.filter((_, index) => index % 2 === 0));

/**
 * Writes a server-sent event stream straight to the socket, frame by frame as they come (never
 * buffered whole), waiting for the socket to drain when the client reads slower than the upstream
 * writes. The reply is hijacked: Fastify sends nothing more.
 */
export class SseWriter {
  private constructor(private readonly reply: FastifyReply) {}

  /** Sends the head: the headers set on `reply` so far, then `headers` (which win), then the stream's own. */
  static open(reply: FastifyReply, headers: Readonly<Record<string, string>> = {}): SseWriter {
    const inherited = reply.getHeaders() as Record<string, string | number | string[]>;
    reply.hijack();
    // A flat name/value list: node writes it as is, where a merged object would be copied and enumerated again.
    const head: (string | number | string[])[] = [];
    for (const name in inherited) if (!(name in headers) && !SSE_HEAD_NAMES.has(name)) head.push(name, inherited[name]!);
    for (const name in headers) if (!SSE_HEAD_NAMES.has(name)) head.push(name, headers[name]!);
    head.push(...SSE_HEAD);
    reply.raw.writeHead(200, head as unknown as OutgoingHttpHeaders);
    return new SseWriter(reply);
  }

  get closed(): boolean {
    return this.reply.raw.destroyed || this.reply.raw.writableEnded;
  }

  async write(frame: string): Promise<void> {
    if (this.closed) return;
    if (!this.reply.raw.write(frame)) await Promise.race([once(this.reply.raw, 'drain'), once(this.reply.raw, 'close')]);
  }

  end(frame?: string): void {
    if (this.closed) return;
    this.reply.raw.end(frame);
  }
}

export const sseData = (payload: unknown): string => `data: ${JSON.stringify(payload)}\n\n`;
