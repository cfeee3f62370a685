import { describe, expect, it } from 'vitest';
import { callerResponseHeaders, upstreamRequestHeaders } from './proxy-headers';
import { isAmbiguousPath, splitRestUrl } from './rest-call-target';

describe('proxied headers', () => {
  const context = { requestId: 'req-1', clientIp: '10.0.0.7', protocol: 'https', host: 'portico.test', credential: { header: 'x-upstream-key', value: 'sk-up' } };

  it("never forwards the caller's Portico key, cookies, Host or hop-by-hop headers, and injects the upstream credential", () => {
    const headers = upstreamRequestHeaders(
      {
        authorization: 'Bearer pk_caller',
        'x-api-key': 'pk_caller',
        cookie: 'session=1',
        host: 'portico.test',
        connection: 'keep-alive, x-drop-me',
        'keep-alive': 'timeout=5',
        'x-drop-me': '1',
        te: 'trailers',
        'transfer-encoding': 'chunked',
        upgrade: 'websocket',
        'proxy-authorization': 'Basic x',
        'content-type': 'application/json',
        'x-custom': ['a', 'b'],
      },
      context,
    );
    expect(headers).toEqual({
      'content-type': 'application/json',
      'x-custom': ['a', 'b'],
      'x-forwarded-for': '10.0.0.7',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'portico.test',
      'x-request-id': 'req-1',
      'x-upstream-key': 'sk-up',
    });
  });

  it('sends the credential in Authorization when that is its header, and appends to X-Forwarded-For', () => {
    const headers = upstreamRequestHeaders({ authorization: 'Bearer pk_caller', 'x-forwarded-for': '1.2.3.4' }, { ...context, credential: { header: 'Authorization', value: 'Bearer up' } });
    expect(headers.authorization).toBe('Bearer up');
    expect(headers['x-forwarded-for']).toBe('1.2.3.4, 10.0.0.7');
  });

  it("passes the upstream's end-to-end response headers back, hop-by-hop ones dropped", () => {
    expect(callerResponseHeaders({ 'content-type': 'text/plain', 'set-cookie': ['a=1', 'b=2'], 'transfer-encoding': 'chunked', connection: 'close', 'x-request-id': 'upstream-id', etag: '"1"' })).toEqual({
      'content-type': 'text/plain',
      'set-cookie': ['a=1', 'b=2'],
      etag: '"1"',
    });
  });
});

describe('REST URLs', () => {
  it('reads the slug, an optional version and the operation path, keeping the encoding and the query', () => {
    expect(splitRestUrl('/rest/pets/v2/pets/a%20b?x=1&y=%20')).toEqual({ slug: 'pets', versionSegment: 'v2', operationPath: '/pets/a%20b', query: '?x=1&y=%20' });
    expect(splitRestUrl('/rest/pets/pets')).toEqual({ slug: 'pets', versionSegment: undefined, operationPath: '/pets', query: '' });
    expect(splitRestUrl('/rest/pets')).toEqual({ slug: 'pets', versionSegment: undefined, operationPath: '/', query: '' });
    expect(splitRestUrl('/rest/pets/v3')).toEqual({ slug: 'pets', versionSegment: 'v3', operationPath: '/', query: '' });
    expect(splitRestUrl('/rest/pets/v3x/a')).toEqual({ slug: 'pets', versionSegment: undefined, operationPath: '/v3x/a', query: '' });
    expect(splitRestUrl('/apis/pets')).toBeUndefined();
  });

  it('refuses paths an upstream could resolve elsewhere: dot segments, encoded slashes, backslashes, NUL', () => {
    for (const path of ['/pets/..', '/pets/.', '/pets/%2e%2E', '/pets/.%2e/admin', '/pets/a%2Fb', '/pets/a%5cb', '/pets/a\\b', '/pets/%00']) expect(isAmbiguousPath(path), path).toBe(true);
    for (const path of ['/pets/42', '/pets/a.b', '/pets/...', '/pets/%20x', '/']) expect(isAmbiguousPath(path), path).toBe(false);
  });
});
