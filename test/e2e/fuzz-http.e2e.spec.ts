import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertWellFormed, surfaceOf } from '../support/fuzz/envelopes';
import { hostileText } from '../support/fuzz/hostile-input';
import { rawRequest } from '../support/fuzz/raw-http';
import { fuzzParameters } from '../support/fuzz/settings';
import { findFreePort } from '../support/ports';
import { startTestApp, type TestApp } from '../support/test-app';

const BOOTSTRAP_KEY = 'e2e-fuzz-http-bootstrap-key-0123456789abcdef';

const TARGETS = [
  { path: '/v1/chat/completions', body: JSON.stringify({ model: 'mock/mock-chat', messages: [{ role: 'user', content: 'hi' }] }) },
  { path: '/v1/messages', body: JSON.stringify({ model: 'mock/mock-chat', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] }) },
  { path: '/v1/embeddings', body: JSON.stringify({ model: 'mock/mock-embed', input: 'hi' }) },
  { path: '/apis/no-such-api', body: JSON.stringify({ text: 'hi' }) },
  { path: '/admin/workspaces', body: JSON.stringify({ slug: 'fuzz-ws', name: 'Fuzz' }) },
];

/** Characters that must never make it into a header: CR, LF, NUL and the other controls. */
const CONTROL = fc.constantFrom('\r', '\n', '\r\n', '\0', '\x0b', '\x0c', '\x7f', '\r\n ', '\n\t', '\r\nx-injected: 1');

/** One header line, possibly hostile: control characters in the value or the name, non-ASCII bytes, huge values. */
const headerLine = fc.oneof(
  fc.tuple(fc.constantFrom('x-note', 'user-agent', 'x-request-id', 'accept', 'x-portico-prompt'), hostileText, CONTROL, hostileText).map(([name, before, control, after]) => `${name}: ${before}${control}${after}`),
  fc.tuple(CONTROL, fc.string({ maxLength: 5 })).map(([control, rest]) => `x-na${control}me${rest}: v`),
  fc.tuple(fc.constantFrom('x-big', 'cookie', 'authorization'), fc.integer({ min: 17_000, max: 80_000 })).map(([name, size]) => `${name}: ${'a'.repeat(size)}`),
  fc.constantFrom('content-type: text/plain', 'content-type: application/json', 'content-length: 5', 'content-length: -1', 'content-length: 1e3', 'transfer-encoding: chunked', 'transfer-encoding: gzip, chunked', 'x-request-id: ../../etc', 'host: a\tb', ' leading-space: x', 'no-colon-here', ': empty-name'),
  hostileText.map((text) => `x-latin: ${Buffer.from(text, 'utf8').toString('latin1')}`),
);

/**
 * Header-level fuzzing over real sockets (what no HTTP client sends): CR/LF and other controls in
 * header names and values, oversized headers, duplicate and conflicting content-type, content-length
 * and transfer-encoding. Node's parser refuses most of it; whatever answers must be a 4xx (or a
 * success) in the surface's envelope with a request id, and the server must keep serving.
 */
describe('fuzzing HTTP headers over real sockets', () => {
  let subject: TestApp;
  let port: number;

  beforeAll(async () => {
    subject = await startTestApp({ PORTICO_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY });
    port = await findFreePort();
    await subject.app.listen({ port, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await subject?.close();
  });

  const alive = async () => {
    const health = await rawRequest(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    return health.statusCode === 200;
  };

  it('answers hostile header lines with a 4xx or a success, in the envelope, and keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...TARGETS), fc.array(headerLine, { minLength: 1, maxLength: 3 }), fc.boolean(), async (target, lines, withBody) => {
        const body = withBody ? target.body : '';
        const head = [`POST ${target.path} HTTP/1.1`, 'Host: 127.0.0.1', `Authorization: Bearer ${BOOTSTRAP_KEY}`, 'Content-Type: application/json', ...lines, `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close'];
        const response = await rawRequest(port, Buffer.from(`${head.join('\r\n')}\r\n\r\n${body}`, 'latin1'));
        const label = `POST ${target.path} with ${JSON.stringify(lines.map((line) => (line.length > 120 ? `${line.slice(0, 60)}…(${line.length})` : line)))}`;
        if (response.statusCode === 0) throw new Error(`${label}: connection closed without an answer`);
        assertWellFormed(surfaceOf(target.path), label, response);
        if (!(await alive())) throw new Error(`${label}: /healthz no longer answers`);
      }),
      fuzzParameters(120),
    );
  });

  it('answers duplicate or conflicting content-type, content-length and transfer-encoding with a 4xx or a success, in the envelope', async () => {
    const conflicts = fc.constantFrom(
      ['Content-Type: application/json', 'Content-Type: text/plain'],
      ['Content-Type: text/plain', 'Content-Type: application/json'],
      ['Content-Type: application/json, text/plain'],
      ['Content-Type: application/json; charset=utf-16'],
      ['Content-Type: application/json; charset=utf-8; charset=latin1'],
      ['Content-Length: 3', 'Content-Length: 4'],
      ['Transfer-Encoding: chunked', 'Content-Length: 4'],
      ['Transfer-Encoding: chunked, identity'],
      ['Transfer-Encoding: x-custom'],
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...TARGETS), conflicts, async (target, extra) => {
        const lengthGiven = extra.some((line) => /^(content-length|transfer-encoding)/i.test(line));
        const contentTypeGiven = extra.some((line) => /^content-type/i.test(line));
        const head = [`POST ${target.path} HTTP/1.1`, 'Host: 127.0.0.1', `Authorization: Bearer ${BOOTSTRAP_KEY}`, ...(contentTypeGiven ? [] : ['Content-Type: application/json']), ...extra, ...(lengthGiven ? [] : [`Content-Length: ${Buffer.byteLength(target.body)}`]), 'Connection: close'];
        const response = await rawRequest(port, `${head.join('\r\n')}\r\n\r\n${target.body}`);
        const label = `POST ${target.path} with ${JSON.stringify(extra)}`;
        if (response.statusCode === 0) throw new Error(`${label}: connection closed without an answer`);
        assertWellFormed(surfaceOf(target.path), label, response);
      }),
      fuzzParameters(45),
    );
    expect(await alive()).toBe(true);
  });
});
