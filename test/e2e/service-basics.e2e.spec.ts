import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/common/errors';
import { startTestApp, type TestApp } from '../support/test-app';

describe('service basics (in-process, Fastify inject)', () => {
  let subject: TestApp;

  beforeAll(async () => {
    subject = await startTestApp();
  });
  afterAll(async () => {
    await subject?.close();
  });

  it('GET /healthz answers 200 with a generated x-request-id', async () => {
    const response = await subject.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('GET /readyz reports the database and plugins ready', async () => {
    const response = await subject.app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ready', checks: { database: { ready: true }, plugins: { ready: true } } });
  });

  it('keeps a plain caller-supplied x-request-id and replaces a hostile one', async () => {
    const kept = await subject.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'trace-abc.123' } });
    expect(kept.headers['x-request-id']).toBe('trace-abc.123');
    const replaced = await subject.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'bad id\u0000<script>' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown route with a coded 404 envelope carrying the request id', async () => {
    const response = await subject.app.inject({ method: 'GET', url: '/no/such/route', headers: { 'x-request-id': 'r-404' } });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: ErrorCode.NOT_FOUND, status: 404, requestId: 'r-404' } });
  });

  it('serves Swagger UI at /docs and a valid OpenAPI 3 document at /docs-json', async () => {
    const ui = await subject.app.inject({ method: 'GET', url: '/docs' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
    expect(ui.body).toContain('swagger-ui');
    const spec = await subject.app.inject({ method: 'GET', url: '/docs-json' });
    expect(spec.statusCode).toBe(200);
    const document = spec.json();
    expect(document.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(document.info.title).toContain('Portico');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/healthz', '/readyz']));
    for (const [path, operations] of Object.entries<Record<string, { responses?: object }>>(document.paths)) {
      for (const operation of Object.values(operations)) expect(operation.responses, path).toBeDefined();
    }
  });

  it('answers 503 on /readyz once the database is gone', async () => {
    const other = await startTestApp();
    try {
      await other.runtime.dataSource.destroy();
      const response = await other.app.inject({ method: 'GET', url: '/readyz' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ status: 'not_ready', checks: { database: { ready: false } } });
    } finally {
      await other.close();
    }
  });
});
