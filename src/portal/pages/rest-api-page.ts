import type { RestApiProductView } from '../../prompt-apis/api-product-catalog';
import { currentVersionOf } from '../catalog/portal-catalog';
import { restCodeSamples } from './code-samples';
import { html, type Html, layout } from './html';
import { accessPanel, apiHeading, codeBlocks, tryResult } from './page-parts';
import { examplePath, isJson, operationExamples, type RestOperationExample } from './rest-operations';

/** Methods a browser's `fetch` refuses to send: documented, not offered in the console. */
const NOT_TRYABLE = new Set(['trace']);

/** The page of one REST API: its operations with examples and code, "Request access", and a try-it console. */
export function restApiPage(product: RestApiProductView, origin: string): string {
  const version = currentVersionOf(product)!;
  const base = `/rest/${product.slug}/v${version.number}`;
  const operations = operationExamples(version);
  return layout(
    product.title,
    html`${apiHeading(product, version, html`<code>${base}</code> <span class="badge rest">REST</span>`)}

<section aria-labelledby="operations-h"><h2 id="operations-h">Operations</h2>
<p>Portico forwards these operations, and only these, to the API, streaming requests and answers as they are.
<code>/rest/${product.slug}/…</code> reaches the current version; <code>/rest/${product.slug}/v&lt;n&gt;/…</code> a given one.</p>
${operationTable(base, operations)}
${operations.map((operation, index) => operationSection(operation, index, origin, base))}</section>

<section aria-labelledby="errors-h"><h2 id="errors-h">Refusals</h2>
<p>The API's own answers pass through unchanged. Portico's refusals use the envelope <code>{"error": {"message", "type", "code", "param"}}</code>:
401 (key), 403 (no active subscription: <code>subscription_required</code>, or still waiting for approval: <code>subscription_pending</code>),
404 (unknown API or version, or an operation the API does not declare: <code>operation_not_found</code>), 410 (retired version),
429 (limits, with <code>retry-after</code>), 502 (the API could not be reached: <code>upstream_unavailable</code>), 504 (it did not answer in time).</p></section>

${accessPanel(product)}

${tryConsole(base, operations)}`,
  );
}

const label = (operation: RestOperationExample) => `${operation.method.toUpperCase()} ${operation.path}`;

function operationTable(base: string, operations: readonly RestOperationExample[]): Html {
  return html`<table class="schema"><caption>Declared operations</caption>
<thead><tr><th scope="col">Method</th><th scope="col">Path</th><th scope="col">Summary</th></tr></thead>
<tbody>${operations.map(
    (operation, index) =>
      html`<tr data-operation="${operation.operationId ?? label(operation)}"><th scope="row"><code>${operation.method.toUpperCase()}</code></th><td><a href="#op-${index}"><code>${base}${operation.path}</code></a></td><td>${operation.summary ?? ''}</td></tr>`,
  )}</tbody></table>`;
}

/** One operation: parameters, request body example, curl and fetch against Portico. */
function operationSection(operation: RestOperationExample, index: number, origin: string, base: string): Html {
  const samples = restCodeSamples({
    method: operation.method.toUpperCase(),
    url: `${origin}${base}${examplePath(operation)}`,
    ...(operation.body ? { body: { contentType: operation.body.contentType, text: operation.body.example } } : {}),
  });
  return html`<article class="operation" id="op-${index}" aria-labelledby="op-${index}-h">
<h3 id="op-${index}-h"><span class="method ${operation.method}">${operation.method.toUpperCase()}</span> <code>${base}${operation.path}</code>${operation.summary ? html` · ${operation.summary}` : ''}</h3>
${operation.description ? html`<p>${operation.description}</p>` : ''}
${operation.parameters.length ? parameterTable(operation) : ''}
${operation.body ? html`<h4>Request body <code>${operation.body.contentType}</code>${operation.body.required ? '' : ' (optional)'}</h4><pre><code>${operation.body.example}</code></pre>` : ''}
<details class="samples"><summary>Code: curl, JavaScript</summary>${codeBlocks(samples)}</details>
</article>`;
}

function parameterTable(operation: RestOperationExample): Html {
  return html`<table class="schema"><caption>Parameters</caption>
<thead><tr><th scope="col">Name</th><th scope="col">In</th><th scope="col">Type</th><th scope="col">Required</th><th scope="col">Example</th><th scope="col">Description</th></tr></thead>
<tbody>${operation.parameters.map(
    (parameter) =>
      html`<tr><th scope="row"><code>${parameter.name}</code></th><td>${parameter.in}</td><td>${parameter.type}</td><td>${parameter.required ? 'yes' : 'no'}</td><td><code>${parameter.example}</code></td><td>${parameter.description ?? ''}</td></tr>`,
  )}</tbody></table>`;
}

/**
 * Pick an operation, fill its parameters and body, send with the pasted key. Everything the script
 * needs is in escaped attributes (the page's CSP allows no inline script); it builds the URL itself.
 */
function tryConsole(base: string, operations: readonly RestOperationExample[]): Html {
  const tryable = operations.map((operation, index) => ({ operation, index })).filter(({ operation }) => !NOT_TRYABLE.has(operation.method));
  if (tryable.length === 0) return html``;
  const selected = (tryable.find(({ operation }) => operation.method === 'get') ?? tryable[0]!).index;
  return html`<section aria-labelledby="try-h" class="panel" id="try" data-base="${base}"><h2 id="try-h">Try it</h2>
<label for="try-operation">Operation</label>
<select id="try-operation" name="operation">${tryable.map(({ operation, index }) => html`<option value="${index}"${index === selected ? html` selected` : ''}>${label(operation)}${operation.summary ? ` · ${operation.summary}` : ''}</option>`)}</select>
${tryable.map(({ operation, index }) => tryFields(operation, index, index !== selected))}
${tryResult()}</section>`;
}

function tryFields(operation: RestOperationExample, index: number, hidden: boolean): Html {
  const id = (suffix: string) => `try-${index}-${suffix}`;
  return html`<fieldset class="try-fields" data-index="${index}" data-method="${operation.method.toUpperCase()}" data-path="${operation.path}"${hidden ? html` hidden` : ''}>
<legend><span class="method ${operation.method}">${operation.method.toUpperCase()}</span> <code>${operation.path}</code></legend>
${operation.parameters.map(
  (parameter, position) => html`<label for="${id(`p${position}`)}">${parameter.name} <small>(${parameter.in}${parameter.required ? ', required' : ''})</small></label>
<input id="${id(`p${position}`)}" type="text" spellcheck="false" data-in="${parameter.in}" data-name="${parameter.name}"${parameter.required ? html` required value="${parameter.example}"` : html` placeholder="${parameter.example}"`}>`,
)}
${operation.body ? html`<label for="${id('body')}">Request body (${operation.body.contentType})</label>
<textarea id="${id('body')}" rows="8" spellcheck="false" data-content-type="${operation.body.contentType}" data-json="${isJson(operation.body.contentType) ? 'yes' : 'no'}">${operation.body.example}</textarea>` : ''}
${operation.parameters.length === 0 && !operation.body ? html`<p class="count">No parameters.</p>` : ''}
</fieldset>`;
}
