import { describe, expect, it } from 'vitest';
import type { ApiProductVersionView, ApiProductView } from '../api-product-catalog';
import { calledVersion, readBody, refuseRetired } from './api-call-input';

const version = (number: number, state: ApiProductVersionView['state'], extra: Partial<ApiProductVersionView> = {}): ApiProductVersionView => ({
  number,
  state,
  promptId: 'p1',
  promptSlug: 'summariser',
  promptVersion: number,
  inputSchema: { type: 'object' },
  output: 'text',
  outputSchema: null,
  publishedAt: new Date(0),
  deprecatedAt: null,
  sunsetAt: null,
  successorVersion: null,
  ...extra,
});

const product = (versions: ApiProductVersionView[], currentVersion: number | null): ApiProductView => ({
  id: 'api-1',
  workspaceId: 'ws-1',
  slug: 'summarise',
  title: 'Summarise',
  description: null,
  tags: [],
  visibility: 'workspace',
  versions,
  currentVersion,
});

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error as { status: number; code: string; extra: Record<string, unknown>; headers: Record<string, string> };
  }
  throw new Error('expected a refusal');
};

describe('calledVersion', () => {
  const deprecated = version(1, 'deprecated', { deprecatedAt: new Date('2026-11-01T00:00:00Z'), sunsetAt: new Date('2027-01-31T00:00:00Z') });
  const catalogued = product([deprecated, version(2, 'published'), version(3, 'retired', { successorVersion: 2 })], 2);

  it('serves the current version without a number, and the named one with v<n>', () => {
    expect(calledVersion(catalogued, 'summarise', undefined).version.number).toBe(2);
    expect(calledVersion(catalogued, 'summarise', 'v1').version.number).toBe(1);
  });

  it('tells callers of a deprecated version when it goes and where to move', () => {
    expect(calledVersion(catalogued, 'summarise', 'v1').headers).toEqual({
      deprecation: '@1793491200',
      sunset: 'Sun, 31 Jan 2027 00:00:00 GMT',
      link: '</apis/summarise/v2>; rel="successor-version"',
      'x-portico-api-version': 'v1',
    });
    expect(calledVersion(catalogued, 'summarise', 'v2').headers).toEqual({ 'x-portico-api-version': 'v2' });
  });

  it('refuses unknown products and versions with 404, and a retired version with 410 naming its successor', () => {
    expect(refusal(() => calledVersion(undefined, 'nope', undefined))).toMatchObject({ status: 404, code: 'api_not_found' });
    expect(refusal(() => calledVersion(catalogued, 'summarise', 'v9'))).toMatchObject({ status: 404, code: 'api_version_not_found' });
    expect(refusal(() => calledVersion(catalogued, 'summarise', '2'))).toMatchObject({ status: 404, code: 'api_version_not_found' });
    expect(refusal(() => calledVersion(product([version(1, 'retired', { successorVersion: 2 })], null), 'summarise', undefined))).toMatchObject({ status: 404 });
    const retired = calledVersion(catalogued, 'summarise', 'v3');
    expect(refusal(() => refuseRetired(retired))).toMatchObject({ status: 410, code: 'api_version_retired', extra: { successor: 'v2' }, headers: { link: '</apis/summarise/v2>; rel="successor-version"' } });
    expect(() => refuseRetired(calledVersion(catalogued, 'summarise', 'v2'))).not.toThrow();
  });
});

describe('readBody', () => {
  it('takes the variables and an optional stream flag', () => {
    expect(readBody({ text: 'x', stream: true })).toEqual({ variables: { text: 'x' }, stream: true });
    expect(readBody({ text: 'x' })).toEqual({ variables: { text: 'x' }, stream: false });
  });

  it.each([[null], [[1]], ['text'], [{ stream: 'yes' }]])('refuses %j with 422 input_invalid', (body) => {
    expect(refusal(() => readBody(body))).toMatchObject({ status: 422, code: 'input_invalid' });
  });
});
