import { once } from 'node:events';
import type { FastifyReply } from 'fastify';

/**
 * Writes a server-sent event stream straight to the socket, frame by frame as they come (never
 * buffered whole), waiting for the socket to drain when the client reads slower than the upstream
 * writes. The reply is hijacked: Fastify sends nothing more.
 */
export class SseWriter {
  private constructor(private readonly reply: FastifyReply) {}

  static open(reply: FastifyReply, headers: Record<string, string>): SseWriter {
    const inherited = reply.getHeaders() as Record<string, string | number | string[]>;
    reply.hijack();
    reply.raw.writeHead(200, {
      ...inherited,
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
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
