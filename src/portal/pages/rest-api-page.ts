import type { RestApiProductView, RestOperationView } from '../../prompt-apis/api-product-catalog';
import { currentVersionOf } from '../catalog/portal-catalog';
import { html, type Html, layout } from './html';

/** The page of one REST API: what it does, its operations, code, and "Request access". */
export function restApiPage(product: RestApiProductView, origin: string): string {
  const version = currentVersionOf(product)!;
  const base = `/rest/${product.slug}/v${version.number}`;
  const first = version.operations.find((operation) => operation.method === 'get') ?? version.operations[0];
  return layout(
    product.title,
    html`<p class="crumbs"><a href="/portal">APIs</a> / ${product.slug}</p>
<h1>${product.title}</h1>
<p class="slug"><code>${base}</code> <span class="badge rest">REST</span> <span class="badge ${version.state}">v${version.number} ${version.state}</span>
  <a href="/portal/apis/${encodeURIComponent(product.slug)}/openapi.json">OpenAPI 3.1</a></p>
${version.state === 'deprecated' ? html`<p class="warning" role="note">This version is deprecated${version.sunsetAt ? html` and stops answering on <time datetime="${version.sunsetAt.toISOString()}">${version.sunsetAt.toISOString().slice(0, 10)}</time>` : ''}.</p>` : ''}
${product.description ? html`<p class="lead">${product.description}</p>` : ''}
${product.tags.length ? html`<p class="tags">${product.tags.map((tag) => html`<a class="tag" href="/portal?tag=${encodeURIComponent(tag)}">${tag}</a> `)}</p>` : ''}

<section aria-labelledby="operations-h"><h2 id="operations-h">Operations</h2>
<p>Portico forwards these operations, and only these, to the API, streaming requests and answers as they are.
<code>/rest/${product.slug}/…</code> reaches the current version; <code>/rest/${product.slug}/v&lt;n&gt;/…</code> a given one.</p>
${operationTable(base, version.operations)}</section>

<section aria-labelledby="errors-h"><h2 id="errors-h">Refusals</h2>
<p>The API's own answers pass through unchanged. Portico's refusals use the envelope <code>{"error": {"message", "type", "code", "param"}}</code>:
401 (key), 403 (no active subscription: <code>subscription_required</code>, or still waiting for approval: <code>subscription_pending</code>),
404 (unknown API or version, or an operation the API does not declare: <code>operation_not_found</code>), 410 (retired version),
429 (limits, with <code>retry-after</code>), 502 (the API could not be reached: <code>upstream_unavailable</code>), 504 (it did not answer in time).</p></section>

${first ? html`<section aria-labelledby="code-h"><h2 id="code-h">Code</h2>
<h3>curl</h3><pre><code class="language-shell">curl -sS -X ${first.method.toUpperCase()} ${origin}${base}${first.path} \\
  -H "Authorization: Bearer $PORTICO_API_KEY"</code></pre>
<h3>JavaScript (fetch)</h3><pre><code class="language-javascript">const response = await fetch(${JSON.stringify(`${origin}${base}${first.path}`)}, {
  method: ${JSON.stringify(first.method.toUpperCase())},
  headers: { Authorization: \`Bearer \${process.env.PORTICO_API_KEY}\` },
});
console.log(response.status, await response.text());</code></pre></section>` : ''}

<section aria-labelledby="access-h" class="panel" id="access" data-workspace="${product.workspaceId}" data-api="${product.slug}"><h2 id="access-h">Your key</h2>
<p>Paste a Portico API key (or an access token) of the workspace that publishes this API. It stays in this page.</p>
<label for="credential">API key or access token</label>
<input id="credential" name="credential" type="password" autocomplete="off" spellcheck="false" placeholder="pk_…">
<h3>Request access</h3>
<p>Files a subscription request for the key's app (or for you); an approver of the workspace decides it.</p>
<label for="access-reason">Why you need it (optional)</label>
<input id="access-reason" name="reason" type="text" maxlength="2000">
<button type="button" id="request-access">Request access</button>
<p id="access-result" role="status" aria-live="polite"></p></section>`,
  );
}

function operationTable(base: string, operations: readonly RestOperationView[]): Html {
  return html`<table class="schema"><caption>Declared operations</caption>
<thead><tr><th scope="col">Method</th><th scope="col">Path</th><th scope="col">Summary</th></tr></thead>
<tbody>${operations.map(
    (operation) =>
      html`<tr data-operation="${operation.operationId ?? `${operation.method} ${operation.path}`}"><th scope="row"><code>${operation.method.toUpperCase()}</code></th><td><code>${base}${operation.path}</code></td><td>${operation.summary ?? ''}</td></tr>`,
  )}</tbody></table>`;
}
