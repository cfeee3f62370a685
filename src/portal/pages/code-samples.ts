import type { ApiProductView } from '../../prompt-apis/api-product-catalog';

/** Ready-to-paste calls of `POST /apis/<slug>`: curl, JavaScript `fetch`, and the `openai` Node client. */
export function codeSamples(product: ApiProductView, origin: string, body: unknown): { label: string; language: string; code: string }[] {
  const url = `${origin}/apis/${product.slug}`;
  const json = JSON.stringify(body, null, 2);
  return [
    {
      label: 'curl',
      language: 'shell',
      code: `curl -sS ${url} \\\n  -H "Authorization: Bearer $PORTICO_API_KEY" \\\n  -H "Content-Type: application/json" \\\n  -d '${json.replace(/'/g, `'\\''`)}'`,
    },
    {
      label: 'JavaScript (fetch)',
      language: 'javascript',
      code: `const response = await fetch(${JSON.stringify(url)}, {
  method: 'POST',
  headers: { Authorization: \`Bearer \${process.env.PORTICO_API_KEY}\`, 'Content-Type': 'application/json' },
  body: JSON.stringify(${indent(json)}),
});
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

function indent(json: string): string {
  return json.replace(/\n/g, '\n  ');
}
