import type { AnyApiProductView } from '../../prompt-apis/api-product-catalog';
import { currentVersionOf, isRestApi } from '../catalog/portal-catalog';
import { html, layout } from './html';

export interface CatalogQuery {
  readonly q?: string;
  readonly tag?: string;
}

/** Products matching a free-text search (title, slug, description, tags) and a tag. */
export function filterProducts(products: readonly AnyApiProductView[], query: CatalogQuery): AnyApiProductView[] {
  const words = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const tag = query.tag?.trim().toLowerCase();
  return products.filter((product) => {
    if (tag && !product.tags.includes(tag)) return false;
    const haystack = [product.title, product.slug, product.description ?? '', ...product.tags].join(' ').toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

export function catalogPage(all: readonly AnyApiProductView[], query: CatalogQuery): string {
  const shown = filterProducts(all, query);
  const tags = [...new Set(all.flatMap((product) => product.tags))].sort();
  const filtered = Boolean(query.q || query.tag);
  return layout(
    'APIs',
    html`<h1>APIs</h1>
<p class="lead">Published APIs: prompt APIs (typed JSON in, the model's answer out) and REST APIs Portico fronts. Read a schema, try a call, request access.</p>
<form class="search" role="search" method="get" action="/portal">
  <label for="q">Search</label>
  <input id="q" name="q" type="search" value="${query.q ?? ''}" placeholder="title, description, tag">
  <label for="tag">Tag</label>
  <select id="tag" name="tag">
    <option value="">All tags</option>
    ${tags.map((tag) => html`<option value="${tag}"${tag === query.tag ? html` selected` : ''}>${tag}</option>`)}
  </select>
  <button type="submit">Filter</button>
  ${filtered ? html`<a href="/portal">Clear</a>` : ''}
</form>
<p class="count" aria-live="polite">${shown.length} ${shown.length === 1 ? 'API' : 'APIs'}${filtered ? ` of ${all.length}` : ''}</p>
${
  shown.length === 0
    ? html`<p class="empty">No published API matches.</p>`
    : html`<ul class="cards">${shown.map((product) => card(product))}</ul>`
}`,
  );
}

function card(product: AnyApiProductView) {
  const version = currentVersionOf(product);
  return html`<li class="card" data-api="${product.slug}">
  <h2><a href="/portal/apis/${encodeURIComponent(product.slug)}">${product.title}</a></h2>
  <p class="slug">${isRestApi(product) ? html`<code>/rest/${product.slug}</code> <span class="badge rest">REST</span>` : html`<code>POST /apis/${product.slug}</code>`}${version ? html` <span class="badge ${version.state}">v${version.number} ${version.state}</span>` : ''}</p>
  ${product.description ? html`<p>${product.description}</p>` : ''}
  ${product.tags.length ? html`<p class="tags">${product.tags.map((tag) => html`<a class="tag" href="/portal?tag=${encodeURIComponent(tag)}">${tag}</a> `)}</p>` : ''}
</li>`;
}
