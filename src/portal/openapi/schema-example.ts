import type { JsonSchema } from '../../prompts/templates/prompt-variables';

const MAX_DEPTH = 6;

/**
 * A plausible value for a JSON Schema, for request and response examples: the schema's own
 * `examples`, `default`, `const` or first `enum` value when it has one, else a value of its type.
 */
export function exampleOf(schema: JsonSchema | null | undefined, name = 'value', depth = 0): unknown {
  if (!schema || typeof schema !== 'object' || depth > MAX_DEPTH) return null;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if ('example' in schema) return schema.example;
  if ('default' in schema) return schema.default;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const alternatives = (schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined;
  if (Array.isArray(alternatives) && alternatives.length > 0) return exampleOf(alternatives[0], name, depth + 1);
  switch (typeOf(schema)) {
    case 'object':
      return objectExample(schema, depth);
    case 'array':
      return [exampleOf(schema.items as JsonSchema, name, depth + 1)];
    case 'integer':
      return typeof schema.minimum === 'number' ? Math.ceil(schema.minimum) : 1;
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 1.5;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return stringExample(schema, name);
  }
}

export function typeOf(schema: JsonSchema): string {
  const type = schema.type;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return (type.find((entry) => entry !== 'null') as string | undefined) ?? 'null';
  if (schema.properties) return 'object';
  if (schema.items) return 'array';
  return 'string';
}

function objectExample(schema: JsonSchema, depth: number): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const example: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(properties)) example[key] = exampleOf(property, key, depth + 1);
  return example;
}

function stringExample(schema: JsonSchema, name: string): string {
  switch (schema.format) {
    case 'email':
      return 'ada@example.com';
    case 'date':
      return '2026-01-31';
    case 'date-time':
      return '2026-01-31T12:00:00Z';
    case 'uri':
    case 'url':
      return 'https://example.com/';
    case 'uuid':
      return '00000000-0000-4000-8000-000000000000';
    default:
      return `example ${name}`;
  }
}
