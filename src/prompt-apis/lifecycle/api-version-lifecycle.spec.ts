import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../common/errors';
import type { ApiVersionState } from '../api-product-catalog';
import { API_VERSION_TRANSITIONS, assertMove, canMove, isCallable } from './api-version-lifecycle';
import { deprecationHeaders } from './lifecycle-headers';

const STATES = Object.keys(API_VERSION_TRANSITIONS) as ApiVersionState[];
const LEGAL = new Set(['draft>in_review', 'in_review>published', 'in_review>draft', 'published>deprecated', 'deprecated>retired']);

describe('API version lifecycle', () => {
  it.each(STATES.flatMap((from) => STATES.map((to) => [from, to] as const)))('%s → %s is legal only when listed', (from, to) => {
    const legal = LEGAL.has(`${from}>${to}`);
    expect(canMove(from, to)).toBe(legal);
    if (legal) expect(() => assertMove(from, to)).not.toThrow();
    else expect(() => assertMove(from, to)).toThrow(expect.objectContaining({ code: ErrorCode.API_VERSION_INVALID_TRANSITION, status: 409, details: { from, to } }));
  });

  it('answers calls only when published or deprecated', () => {
    expect(STATES.filter(isCallable)).toEqual(['published', 'deprecated']);
  });
});

describe('deprecation headers', () => {
  it('writes Deprecation as an RFC 9745 structured date and Sunset as an RFC 8594 HTTP-date', () => {
    const headers = deprecationHeaders(new Date('2026-11-22T04:35:15.900Z'), new Date('2027-01-31T00:00:00Z'), '/apis/summarise/v3');
    expect(headers).toEqual({
      deprecation: '@1795322115',
      sunset: 'Sun, 31 Jan 2027 00:00:00 GMT',
      link: '</apis/summarise/v3>; rel="successor-version"',
    });
  });

  it('leaves out what it does not know', () => {
    expect(deprecationHeaders(new Date(0), null, null)).toEqual({ deprecation: '@0' });
  });
});
