import type { AnyApiProductView } from '../../prompt-apis/api-product-catalog';
import { html, type Html } from './html';

/** What the heading of an API's page says of the version it documents. */
interface HeadingVersion {
  readonly number: number;
  readonly state: string;
  readonly sunsetAt: Date | null;
}

/** Crumbs, title, how to call it, state, deprecation notice, description and tags: the top of every API's page. */
export function apiHeading(product: AnyApiProductView, version: HeadingVersion, call: Html): Html {
  return html`<p class="crumbs"><a href="/portal">APIs</a> / ${product.slug}</p>
<h1>${product.title}</h1>
<p class="slug">${call} <span class="badge ${version.state}">v${version.number} ${version.state}</span>
  <a href="/portal/apis/${encodeURIComponent(product.slug)}/openapi.json">OpenAPI 3.1</a></p>
${version.state === 'deprecated' ? html`<p class="warning" role="note">This version is deprecated${version.sunsetAt ? html` and stops answering on <time datetime="${version.sunsetAt.toISOString()}">${version.sunsetAt.toISOString().slice(0, 10)}</time>` : ''}.</p>` : ''}
${product.description ? html`<p class="lead">${product.description}</p>` : ''}
${product.tags.length ? html`<p class="tags">${product.tags.map((tag) => html`<a class="tag" href="/portal?tag=${encodeURIComponent(tag)}">${tag}</a> `)}</p>` : ''}`;
}

/** "Your key" and "Request access": the pasted credential the try-it console also uses, and the subscription request. */
export function accessPanel(product: AnyApiProductView): Html {
  return html`<section aria-labelledby="access-h" class="panel" id="access" data-workspace="${product.workspaceId}" data-api="${product.slug}"><h2 id="access-h">Your key</h2>
<p>Paste a Portico API key (or an access token) of the workspace that publishes this API. It stays in this page.</p>
<label for="credential">API key or access token</label>
<input id="credential" name="credential" type="password" autocomplete="off" spellcheck="false" placeholder="pk_…">
<h3>Request access</h3>
<p>Files a subscription request for the key's app (or for you); an approver of the workspace decides it.</p>
<label for="access-reason">Why you need it (optional)</label>
<input id="access-reason" name="reason" type="text" maxlength="2000">
<button type="button" id="request-access">Request access</button>
<p id="access-result" role="status" aria-live="polite"></p></section>`;
}

/** The try-it console's send button and what it shows of the answer: status, the headers that matter, the body. */
export function tryResult(): Html {
  return html`<button type="button" id="try-send">Send</button>
<p id="try-status" role="status" aria-live="polite"></p>
<dl id="try-headers" class="headers" hidden></dl>
<pre><code id="try-output"></code></pre>`;
}

export function codeBlocks(samples: readonly { label: string; language: string; code: string }[]): Html {
  return html`${samples.map((sample) => html`<h3>${sample.label}</h3><pre><code class="language-${sample.language}">${sample.code}</code></pre>`)}`;
}
