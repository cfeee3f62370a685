import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../common/errors';
import { originOf } from './public-origin';

describe('originOf', () => {
  it('joins the scheme and host the request was addressed to', () => {
    expect(originOf({ protocol: 'http', host: '127.0.0.1:3000' })).toBe('http://127.0.0.1:3000');
    expect(originOf({ protocol: 'https', host: 'gateway.example.com' })).toBe('https://gateway.example.com');
    expect(originOf({ protocol: 'http', host: '[::1]:8080' })).toBe('http://[::1]:8080');
  });

  it('refuses a missing or malformed Host header with 400', () => {
    for (const host of ['', 'evil.example/path', 'a b', 'host:port', 'x@y']) {
      expect(() => originOf({ protocol: 'http', host })).toThrow(expect.objectContaining({ code: ErrorCode.BAD_REQUEST, status: 400 }));
    }
  });
});
