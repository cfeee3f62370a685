import SwaggerParser from '@apidevtools/swagger-parser';
import { Body, Controller, Module, Post } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, PorticoError } from '../../src/common/errors';
import { Public } from '../../src/common/http/public.decorator';
import { startTestApp, type TestApp } from '../support/test-app';

@Controller('test-echo')
class EchoController {
  @Post()
  @Public()
  echo(@Body() body: unknown): unknown {
    return body;
  }

  @Post('fail')
  @Public()
  fail(): never {
    throw new Error('database password is hunter2');
  }

  @Post('coded')
  @Public()
  coded(): never {
    throw new PorticoError(ErrorCode.VALIDATION_FAILED, 'name is required', { status: 422, details: { field: 'name' } });
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

describe('service basics (in-process, Fastify inject)', () => {
  let subject: TestApp;

  beforeAll(async () => {
    subject = await startTestApp({ PORTICO_BODY_LIMIT_BYTES: '1024' }, [EchoModule]);
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

  it('answers malformed JSON with a coded 400 envelope', async () => {
    const response = await subject.app.inject({ method: 'POST', url: '/test-echo', headers: { 'content-type': 'application/json' }, payload: '{"a":' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: ErrorCode.BAD_REQUEST, status: 400 } });
    expect(response.headers['x-request-id']).toBeDefined();
  });

  it('answers a body over the limit with a coded 413 envelope', async () => {
    const response = await subject.app.inject({ method: 'POST', url: '/test-echo', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ big: 'x'.repeat(4096) }) });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ error: { code: ErrorCode.PAYLOAD_TOO_LARGE, status: 413 } });
  });

  it("keeps a PorticoError's status, code and details", async () => {
    const response = await subject.app.inject({ method: 'POST', url: '/test-echo/coded' });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ code: ErrorCode.VALIDATION_FAILED, message: 'name is required', details: { field: 'name' } });
  });

  it('hides an unexpected error behind a coded 500 that names only the request id', async () => {
    const response = await subject.app.inject({ method: 'POST', url: '/test-echo/fail', headers: { 'x-request-id': 'r-500' } });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: { code: ErrorCode.INTERNAL, status: 500, requestId: 'r-500', message: expect.any(String) } });
    expect(response.body).not.toContain('hunter2');
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
    // Schema and semantic validation of the whole document (throws on the first violation).
    await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeDefined();
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
