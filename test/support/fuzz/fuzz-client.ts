import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ObservedResponse } from './envelopes';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One in-process request with a raw body (text or bytes, sent as is), answered as the fuzz properties read it. */
export async function send(
  app: NestFastifyApplication,
  method: Method,
  url: string,
  headers: Record<string, string>,
  payload?: string | Buffer,
): Promise<ObservedResponse> {
  const withBody = payload !== undefined;
  const response = await app.inject({
    method,
    url,
    headers: withBody ? { 'content-type': 'application/json', ...headers } : headers,
    ...(withBody ? { payload } : {}),
  });
  return { statusCode: response.statusCode, headers: response.headers, body: response.body };
}

/** Whether the application still answers its liveness probe (the process did not fall over). */
export async function stillAlive(app: NestFastifyApplication): Promise<boolean> {
  const response = await app.inject({ method: 'GET', url: '/healthz' });
  return response.statusCode === 200;
}

/**
 * The path the server receives for `url`: `inject` (like any WHATWG URL client) resolves `.`, `..`
 * and their encoded forms first, so `/apis/%2e%2e/x` arrives as `/x` and answers in that surface's envelope.
 */
export function effectivePath(url: string): string {
  return new URL(url, 'http://portico.test').pathname;
}
