import type { AnyApiProductView, ApiProductVersionView } from '../../prompt-apis/api-product-catalog';
import type { JsonSchema } from '../../prompts/templates/prompt-variables';
import { currentVersionOf, isRestApi } from '../catalog/portal-catalog';
import { responseExample } from '../openapi/openapi-document';
import { exampleOf, typeOf } from '../openapi/schema-example';
import { codeSamples } from './code-samples';
import { html, type Html, layout } from './html';
import { accessPanel, apiHeading, codeBlocks, tryResult } from './page-parts';
import { restApiPage } from './rest-api-page';

/** The page of one API: what it does, its schemas, examples, code, a try-it console and "Request access". */
export function apiPage(product: AnyApiProductView, origin: string): string {
  if (isRestApi(product)) return restApiPage(product, origin);
  const version = currentVersionOf(product)!;
  const example = exampleOf(version.inputSchema, 'input');
  const pretty = (value: unknown) => JSON.stringify(value, null, 2);
  return layout(
    product.title,
    html`${apiHeading(product, version, html`<code>POST /apis/${product.slug}</code>`)}

<section aria-labelledby="input-h"><h2 id="input-h">Input</h2>
${schemaTable(version.inputSchema)}
<details><summary>JSON Schema</summary><pre><code id="input-schema">${pretty(version.inputSchema)}</code></pre></details>
<p>Add <code>"stream": true</code> to receive server-sent events.</p></section>

<section aria-labelledby="output-h"><h2 id="output-h">Output</h2>
${outputSection(version)}</section>

<section aria-labelledby="examples-h"><h2 id="examples-h">Examples</h2>
<h3>Request</h3><pre><code>${pretty(example)}</code></pre>
<h3>Response <code>200</code></h3><pre><code>${pretty(responseExample(version))}</code></pre>
<p>Refusals use the envelope <code>{"error": {"message", "type", "code", "param"}}</code>: 401 (key), 403 (no active subscription:
<code>subscription_required</code>, or still waiting for approval: <code>subscription_pending</code>), 404, 410 (retired version),
422 (input problems, each listed), 429 (limits, with <code>retry-after</code>), 502 (model or output schema).</p></section>

<section aria-labelledby="code-h"><h2 id="code-h">Code</h2>
${codeBlocks(codeSamples(product, origin, example))}</section>

${accessPanel(product)}

<section aria-labelledby="try-h" class="panel" id="try" data-url="/apis/${product.slug}"><h2 id="try-h">Try it</h2>
<label for="try-body">Request body (JSON)</label>
<textarea id="try-body" name="body" rows="8" spellcheck="false">${pretty(example)}</textarea>
${tryResult()}</section>`,
  );
}

function schemaTable(schema: JsonSchema): Html {
  const properties = Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>);
  if (properties.length === 0) return html`<p>No input fields.</p>`;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  return html`<table class="schema"><caption>Request body fields</caption>
<thead><tr><th scope="col">Field</th><th scope="col">Type</th><th scope="col">Required</th><th scope="col">Description</th></tr></thead>
<tbody>${properties.map(
    ([name, property]) =>
      html`<tr data-field="${name}"><th scope="row"><code>${name}</code></th><td>${describeType(property)}</td><td>${required.has(name) ? 'yes' : 'no'}</td><td>${typeof property.description === 'string' ? property.description : ''}</td></tr>`,
  )}</tbody></table>`;
}

function describeType(schema: JsonSchema): string {
  const type = typeOf(schema);
  const parts = [type === 'array' ? `array of ${typeOf((schema.items ?? {}) as JsonSchema)}` : type];
  if (Array.isArray(schema.enum)) parts.push(`one of ${schema.enum.map((value) => JSON.stringify(value)).join(', ')}`);
  if (typeof schema.format === 'string') parts.push(schema.format);
  if (typeof schema.maxLength === 'number') parts.push(`≤ ${schema.maxLength} chars`);
  if (typeof schema.minimum === 'number') parts.push(`≥ ${schema.minimum}`);
  if (typeof schema.maximum === 'number') parts.push(`≤ ${schema.maximum}`);
  return parts.join(', ');
}

function outputSection(version: ApiProductVersionView): Html {
  if (version.output === 'text') return html`<p><code>output</code> is the model's answer as text.</p>`;
  return html`<p><code>output</code> is JSON${version.outputSchema ? ' validated against this schema' : ''} (one repair attempt, then 502 with the validation errors).</p>
${version.outputSchema ? html`<pre><code id="output-schema">${JSON.stringify(version.outputSchema, null, 2)}</code></pre>` : ''}`;
}
