import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upstreamFailure } from './rest-proxy-call';
import { DEFAULT_UPSTREAM_POOL_OPTIONS, UpstreamPools } from './upstream-pools';

/** The pools against a loopback server that answers, or keeps silent. */
describe('upstream pools', () => {
  let server: Server;
  let origin: string;
  const sockets = new Set<string>();

  beforeAll(async () => {
    server = createServer((request, response) => {
      sockets.add(`${request.socket.remotePort}`);
      if (request.url === '/silent') return; // never answers
      response.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('keeps one pool per origin and reuses its connections', async () => {
    const pools = new UpstreamPools({ ...DEFAULT_UPSTREAM_POOL_OPTIONS, connections: 1 });
    sockets.clear();
    for (let i = 0; i < 3; i++) {
      const answer = await pools.for(origin).request({ method: 'GET', path: '/' });
      expect(await answer.body.text()).toBe('ok');
    }
    expect(pools.for(origin)).toBe(pools.for(origin));
    expect(pools.size).toBe(1);
    expect(sockets.size).toBe(1);
    await pools.close();
    expect(pools.size).toBe(0);
  });

  it('gives up on a silent upstream after the headers timeout: 504 upstream_timeout; a refused connection is 502', async () => {
    const pools = new UpstreamPools({ ...DEFAULT_UPSTREAM_POOL_OPTIONS, headersTimeoutMs: 150 });
    const started = Date.now();
    const error = await pools.for(origin).request({ method: 'GET', path: '/silent' }).then(() => undefined, (failure: unknown) => failure);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(upstreamFailure(error)).toMatchObject({ status: 504, code: 'upstream_timeout', origin: 'upstream' });
    await pools.close();

    const closed = new UpstreamPools();
    const refused = await closed.for('http://127.0.0.1:9').request({ method: 'GET', path: '/' }).then(() => undefined, (failure: unknown) => failure);
    expect(upstreamFailure(refused)).toMatchObject({ status: 502, code: 'upstream_unavailable' });
    await closed.close();
  });
});
