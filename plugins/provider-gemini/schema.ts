import { UnsupportedParameterError } from '../../src/plugin-sdk/index.js';
import type { GeminiSchema } from './wire.js';

/**
 * JSON Schema (as OpenAI clients send it for tools and `json_schema`) → Gemini's Schema, an
 * OpenAPI 3.0 subset. Kept: type (upper-case), description, title, nullable, enum (strings),
 * format (only the ones Gemini accepts for the type), properties, required, items, anyOf,
 * min/max bounds, pattern, default, example, propertyOrdering. Rewritten: `type: [T, "null"]`
 * and a `{"type":"null"}` branch → `nullable`; `oneOf` → `anyOf`; `const` string → `enum`;
 * local `$ref`s are inlined. Dropped: everything else (`additionalProperties`, `$schema`, `$id`,
 * `strict`, `exclusiveMinimum`, `multipleOf`, `uniqueItems`, `patternProperties`, non-string
 * enums, ...). Refused with a 400: recursive `$ref`s, `allOf` with several branches, `not`.
 */
export function toGeminiSchema(schema: unknown, param: string): GeminiSchema {
  return new SchemaConverter(schema, param).convert(schema, []);
}

const TYPES: Record<string, string> = {
  string: 'STRING',
  number: 'NUMBER',
  integer: 'INTEGER',
  boolean: 'BOOLEAN',
  array: 'ARRAY',
  object: 'OBJECT',
};

const FORMATS: Record<string, string[]> = {
  STRING: ['enum', 'date-time'],
  INTEGER: ['int32', 'int64'],
  NUMBER: ['float', 'double'],
};

const COPIED = [
  'description', 'title', 'nullable', 'minItems', 'maxItems', 'minLength', 'maxLength', 'pattern',
  'minimum', 'maximum', 'minProperties', 'maxProperties', 'default', 'example', 'propertyOrdering',
] as const;

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNullSchema(value: unknown): boolean {
  return isObject(value) && value.type === 'null' && Object.keys(value).every((key) => key === 'type' || key === 'description');
}

class SchemaConverter {
  constructor(
    private readonly root: unknown,
    private readonly param: string,
  ) {}

  convert(input: unknown, refStack: string[]): GeminiSchema {
    if (!isObject(input)) return {};
    if (typeof input.$ref === 'string') return this.convertRef(input, refStack);
    if (input.not !== undefined) throw new UnsupportedParameterError(this.param, 'the JSON Schema keyword "not" has no Gemini equivalent');
    if (Array.isArray(input.allOf)) return this.convertAllOf(input, refStack);

    const out: GeminiSchema = {};
    for (const key of COPIED) if (input[key] !== undefined) out[key] = input[key];
    if (out.example === undefined && Array.isArray(input.examples) && input.examples.length > 0) out.example = input.examples[0];

    const branches = (Array.isArray(input.anyOf) ? input.anyOf : Array.isArray(input.oneOf) ? input.oneOf : undefined) as unknown[] | undefined;
    if (branches) return this.convertBranches(out, branches, refStack);

    this.applyType(out, input);
    this.applyEnum(out, input);
    if (typeof input.format === 'string' && out.type && FORMATS[out.type]?.includes(input.format)) out.format = input.format;
    if (isObject(input.properties)) this.applyProperties(out, input, refStack);
    if (isObject(input.items)) out.items = this.convert(input.items, refStack);
    return out;
  }

  private convertRef(input: JsonObject, refStack: string[]): GeminiSchema {
    const ref = input.$ref as string;
    if (refStack.includes(ref)) throw new UnsupportedParameterError(this.param, `recursive schema reference "${ref}" cannot be expressed for Gemini`);
    const match = /^#\/(\$defs|definitions)\/([^/]+)$/.exec(ref);
    const target = match && isObject(this.root) && isObject(this.root[match[1]]) ? (this.root[match[1]] as JsonObject)[match[2]] : undefined;
    if (!isObject(target)) throw new UnsupportedParameterError(this.param, `schema reference "${ref}" does not resolve to a local definition`);
    const { $ref: _ref, ...siblings } = input;
    return this.convert({ ...target, ...siblings }, [...refStack, ref]);
  }

  private convertAllOf(input: JsonObject, refStack: string[]): GeminiSchema {
    const parts = input.allOf as unknown[];
    if (parts.length !== 1) throw new UnsupportedParameterError(this.param, '"allOf" with several schemas has no Gemini equivalent');
    const { allOf: _allOf, ...siblings } = input;
    return this.convert({ ...(parts[0] as JsonObject), ...siblings }, refStack);
  }

  private convertBranches(out: GeminiSchema, branches: unknown[], refStack: string[]): GeminiSchema {
    const kept = branches.filter((branch) => !isNullSchema(branch));
    if (kept.length < branches.length) out.nullable = true;
    if (kept.length === 1) return { ...this.convert(kept[0], refStack), ...out };
    out.anyOf = kept.map((branch) => this.convert(branch, refStack));
    return out;
  }

  private applyType(out: GeminiSchema, input: JsonObject): void {
    const declared = (Array.isArray(input.type) ? input.type : input.type === undefined ? [] : [input.type]) as unknown[];
    const types = declared.filter((type): type is string => typeof type === 'string' && type !== 'null');
    if (types.length < declared.length) out.nullable = true;
    if (types.length > 1) {
      out.anyOf = types.map((type) => ({ type: TYPES[type] ?? type.toUpperCase() }));
      return;
    }
    if (types.length === 1) out.type = TYPES[types[0]] ?? types[0].toUpperCase();
    else if (isObject(input.properties)) out.type = 'OBJECT';
    else if (input.items !== undefined) out.type = 'ARRAY';
    else if (typeof input.const === 'string' || (Array.isArray(input.enum) && input.enum.every((value) => typeof value === 'string'))) out.type = 'STRING';
  }

  private applyEnum(out: GeminiSchema, input: JsonObject): void {
    const values = input.const !== undefined ? [input.const] : Array.isArray(input.enum) ? input.enum : undefined;
    if (values && out.type === 'STRING' && values.every((value) => typeof value === 'string')) out.enum = values;
  }

  private applyProperties(out: GeminiSchema, input: JsonObject, refStack: string[]): void {
    const properties: Record<string, GeminiSchema> = {};
    for (const [name, property] of Object.entries(input.properties as JsonObject)) properties[name] = this.convert(property, refStack);
    out.properties = properties;
    if (Array.isArray(input.required)) {
      const required = input.required.filter((name): name is string => typeof name === 'string' && name in properties);
      if (required.length > 0) out.required = required;
    }
  }
}
