import { Pool } from 'undici';
import type { HeaderMap, UpstreamRequest } from '../../plugin-sdk';
import type { Transport, TransportOptions, TransportResponse } from '../../plugin-host/provider-call';

export interface TransportTimeouts {
  /** TCP + TLS connect. */
  connectMs: number;
  /** From the request written to the response headers: the upstream's "first byte". */
  firstByteMs: number;
  /** Longest silence between two body chunks (a stream that stalls). */
  idleMs: number;
}

const MAX_CACHED_URLS = 1_000;

export const DEFAULT_TIMEOUTS: TransportTimeouts = { connectMs: 5_000, firstByteMs: 60_000, idleMs: 60_000 };

export interface UndiciTransportOptions {
  /** Upper bound of open connections per upstream origin. */
  connectionsPerOrigin?: number;
  keepAliveTimeoutMs?: number;
}

/** Why a request failed before an HTTP answer: the data plane maps these to error classes. */
export class TransportError extends Error {
  constructor(
    readonly kind: 'connect_timeout' | 'first_byte_timeout' | 'idle_timeout' | 'connection',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TransportError';
  }
}

/**
 * Upstream HTTP over undici: one keep-alive `Pool` per origin (and connect timeout), bodies
 * streamed through as they arrive — never buffered here. The total deadline is the caller's
 * abort signal; first-byte and idle timeouts are undici's own per-request timers.
 */
export class UndiciTransport implements Transport {
  private readonly pools = new Map<string, Pool>();
  private readonly urls = new Map<string, { origin: string; path: string }>();

  constructor(
    private readonly timeouts: TransportTimeouts = DEFAULT_TIMEOUTS,
    private readonly options: UndiciTransportOptions = {},
  ) {}

  async send(request: UpstreamRequest, signal: AbortSignal, options: TransportOptions = {}): Promise<TransportResponse> {
    const timeouts = options.timeouts ?? this.timeouts;
    const url = this.parsed(request.url);
    const pool = this.pool(url.origin, timeouts.connectMs);
    try {
      const response = await pool.request({
        method: request.method,
        path: url.path,
        headers: request.headers,
        body: request.body,
        signal,
        headersTimeout: timeouts.firstByteMs,
        bodyTimeout: timeouts.idleMs,
      });
      const body = response.body;
      return {
        status: response.statusCode,
        headers: flattenHeaders(response.headers),
        body: guardBody(body),
        // A buffered answer is read in one piece (undici joins the chunks and decodes once).
        text: () =>
          body.text().catch((error: unknown) => {
            throw classify(error);
          }),
      };
    } catch (error) {
      throw signal.aborted ? error : classify(error);
    }
  }

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.close().catch(() => pool.destroy())));
  }

  /** Upstream URLs repeat (one per account and operation): parse each once. */
  private parsed(href: string): { origin: string; path: string } {
    let url = this.urls.get(href);
    if (!url) {
      const parsed = new URL(href);
      url = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
      if (this.urls.size >= MAX_CACHED_URLS) this.urls.clear();
      this.urls.set(href, url);
    }
    return url;
  }

  private pool(origin: string, connectMs: number): Pool {
    const key = `${origin}|${connectMs}`;
    let pool = this.pools.get(key);
    if (!pool) {
      pool = new Pool(origin, {
        connections: this.options.connectionsPerOrigin ?? 128,
        keepAliveTimeout: this.options.keepAliveTimeoutMs ?? 30_000,
        pipelining: 1,
        connect: { timeout: connectMs },
      });
      this.pools.set(key, pool);
    }
    return pool;
  }
}

/** Errors raised while the body streams (idle timeout, reset) become `TransportError`s too. */
async function* guardBody(body: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of body) yield chunk;
  } catch (error) {
    throw classify(error);
  }
}

function classify(error: unknown): unknown {
  const code = (error as { code?: string })?.code;
  const message = (error as Error)?.message ?? String(error);
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return new TransportError('connect_timeout', 'connecting to the upstream timed out', { cause: error });
  if (code === 'UND_ERR_HEADERS_TIMEOUT') return new TransportError('first_byte_timeout', 'the upstream sent no response in time', { cause: error });
  if (code === 'UND_ERR_BODY_TIMEOUT') return new TransportError('idle_timeout', 'the upstream stopped sending', { cause: error });
  if (code?.startsWith('UND_ERR') || code?.startsWith('E')) return new TransportError('connection', `upstream connection failed: ${message}`, { cause: error });
  return error;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): HeaderMap {
  const flat: HeaderMap = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
