import type { ApiProductView } from '../../prompt-apis/api-product-catalog';
import { isJson } from './rest-operations';

export interface CodeSample {
  readonly label: string;
  readonly language: string;
  readonly code: string;
}

/** One call of Portico as the samples write it: the full URL, and a body with its media type when there is one. */
export interface SampleRequest {
  readonly method: string;
  readonly url: string;
  readonly body?: { readonly contentType: string; readonly text: string };
}

/** Ready-to-paste calls of `POST /apis/<slug>`: curl, JavaScript `fetch`, and the `openai` Node client. */
export function codeSamples(product: ApiProductView, origin: string, body: unknown): CodeSample[] {
  const json = JSON.stringify(body, null, 2);
  const request: SampleRequest = { method: 'POST', url: `${origin}/apis/${product.slug}`, body: { contentType: 'application/json', text: json } };
  return [
    curlSample(request),
    {
      label: 'JavaScript (fetch)',
      language: 'javascript',
      code: `${fetchCall(request, `JSON.stringify(${indent(json)})`)}
if (!response.ok) throw new Error((await response.json()).error.message);
const { output } = await response.json();
console.log(output);`,
    },
    {
      label: 'openai (Node)',
      language: 'javascript',
      code: `import OpenAI from 'openai';

// The same Portico key works on /v1 (chat, embeddings) and on prompt APIs.
const client = new OpenAI({ baseURL: ${JSON.stringify(`${origin}`)}, apiKey: process.env.PORTICO_API_KEY });
const { output } = await client.post(${JSON.stringify(`/apis/${product.slug}`)}, { body: ${indent(json)} });
console.log(output);`,
    },
  ];
}

/** curl and `fetch` for one operation of a REST API: the API's own answer, whatever its format. */
export function restCodeSamples(request: SampleRequest): CodeSample[] {
  const json = request.body && isJson(request.body.contentType);
  const body = request.body ? (json ? `JSON.stringify(${indent(request.body.text)})` : JSON.stringify(request.body.text)) : undefined;
  return [
    curlSample(request, true),
    {
      label: 'JavaScript (fetch)',
      language: 'javascript',
      code: `${fetchCall(request, body)}
console.log(response.status, response.headers.get('content-type'));
console.log(await response.text());`,
    },
  ];
}

/** `curl` with Portico's key; `-X` is spelled out when asked (or when curl would not infer the method). */
function curlSample(request: SampleRequest, explicitMethod = false): CodeSample {
  const lines = [`curl -sS${explicitMethod || request.method !== (request.body ? 'POST' : 'GET') ? ` -X ${request.method}` : ''} ${shellWord(request.url)}`, `-H "Authorization: Bearer $PORTICO_API_KEY"`];
  if (request.body) lines.push(`-H ${shellWord(`Content-Type: ${request.body.contentType}`)}`, `-d ${shellQuote(request.body.text)}`);
  return { label: 'curl', language: 'shell', code: lines.join(' \\\n  ') };
}

function fetchCall(request: SampleRequest, body: string | undefined): string {
  const headers = [`Authorization: \`Bearer \${process.env.PORTICO_API_KEY}\``, ...(request.body ? [`'Content-Type': ${quote(request.body.contentType)}`] : [])];
  return `const response = await fetch(${JSON.stringify(request.url)}, {
  method: ${quote(request.method)},
  headers: { ${headers.join(', ')} },${body === undefined ? '' : `\n  body: ${body},`}
});`;
}

/** A URL stays bare when every shell reads it as one plain word (no globs such as `?`); it keeps the samples readable. */
function shellWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : shellQuote(value);
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function indent(json: string): string {
  return json.replace(/\n/g, '\n  ');
}
