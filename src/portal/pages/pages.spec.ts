import { describe, expect, it } from 'vitest';
import { fixtureProduct, fixtureVersion } from '../portal-fixtures';
import { apiPage } from './api-page';
import { catalogPage, filterProducts } from './catalog-page';

const hostile = fixtureProduct({
  slug: 'evil',
  title: '<script>alert(1)</script>',
  description: '"><img src=x onerror=alert(2)>',
  tags: ['x'],
  versions: [fixtureVersion({ inputSchema: { type: 'object', properties: { '<b>name</b>': { type: 'string', description: '<i>d</i>' } } } })],
});

describe('portal pages', () => {
  it('escapes everything a publisher typed', () => {
    for (const page of [catalogPage([hostile], { q: '"><script>', tag: '<x>' }), apiPage(hostile, 'http://h')]) {
      expect(page).not.toContain('<script>alert');
      expect(page).not.toContain('<img');
      expect(page).not.toContain('<b>name');
      expect(page).not.toContain('<i>d</i>');
    }
    expect(apiPage(hostile, 'http://h')).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('searches title, description and tags, and filters by tag', () => {
    const translate = fixtureProduct({ slug: 'translate', title: 'Translate', description: 'Into French', tags: ['language'] });
    const all = [fixtureProduct(), translate];
    expect(filterProducts(all, { q: 'french' }).map((product) => product.slug)).toEqual(['translate']);
    expect(filterProducts(all, { tag: 'nlp' }).map((product) => product.slug)).toEqual(['summarise']);
    expect(filterProducts(all, { q: 'SUMMAR texts' }).map((product) => product.slug)).toEqual(['summarise']);
    expect(filterProducts(all, { q: 'summar', tag: 'language' })).toEqual([]);
  });

  it('documents the input fields, examples and code samples of the current version', () => {
    const page = apiPage(fixtureProduct(), 'http://portico.test');
    expect(page).toContain('data-field="text"');
    expect(page).toContain('curl -sS http://portico.test/apis/summarise');
    expect(page).toContain('client.post(&quot;/apis/summarise&quot;');
    expect(page).toContain('fetch(&quot;http://portico.test/apis/summarise&quot;');
    expect(page).toContain('id="try-send"');
    expect(page).toContain('id="request-access"');
  });
});
