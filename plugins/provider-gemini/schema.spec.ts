import { describe, expect, it } from 'vitest';
import { isUnsupportedParameterError } from '../../src/plugin-sdk/index.js';
import { toGeminiSchema } from './schema.js';

function refusal(schema: unknown): string | undefined {
  try {
    toGeminiSchema(schema, 'tools[0].function.parameters');
    return undefined;
  } catch (error) {
    return isUnsupportedParameterError(error) ? error.param : `unexpected: ${String(error)}`;
  }
}

describe('JSON Schema → Gemini schema', () => {
  it('upper-cases types, keeps descriptions and bounds, drops what Gemini does not know', () => {
    expect(
      toGeminiSchema(
        {
          $schema: 'http://json-schema.org/draft-07/schema#',
          type: 'object',
          description: 'Search query',
          additionalProperties: false,
          properties: {
            q: { type: 'string', minLength: 1, maxLength: 200, format: 'email', description: 'Text' },
            limit: { type: 'integer', minimum: 1, maximum: 50, exclusiveMaximum: 51, multipleOf: 1, format: 'int32', default: 10 },
            tags: { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true },
            when: { type: 'string', format: 'date-time' },
          },
          required: ['q', 'missing'],
        },
        'p',
      ),
    ).toEqual({
      type: 'OBJECT',
      description: 'Search query',
      properties: {
        q: { type: 'STRING', minLength: 1, maxLength: 200, description: 'Text' },
        limit: { type: 'INTEGER', minimum: 1, maximum: 50, format: 'int32', default: 10 },
        tags: { type: 'ARRAY', items: { type: 'STRING' }, minItems: 1 },
        when: { type: 'STRING', format: 'date-time' },
      },
      required: ['q'],
    });
  });

  it('turns nullable type lists and null branches into nullable', () => {
    expect(toGeminiSchema({ type: ['string', 'null'] }, 'p')).toEqual({ type: 'STRING', nullable: true });
    expect(toGeminiSchema({ anyOf: [{ type: 'integer' }, { type: 'null' }], description: 'n' }, 'p')).toEqual({
      type: 'INTEGER',
      nullable: true,
      description: 'n',
    });
  });

  it('maps oneOf and several types to anyOf', () => {
    expect(toGeminiSchema({ oneOf: [{ type: 'string' }, { type: 'number' }] }, 'p')).toEqual({ anyOf: [{ type: 'STRING' }, { type: 'NUMBER' }] });
    expect(toGeminiSchema({ type: ['string', 'integer'] }, 'p')).toEqual({ anyOf: [{ type: 'STRING' }, { type: 'INTEGER' }] });
  });

  it('keeps string enums, turns a string const into an enum and drops non-string enums', () => {
    expect(toGeminiSchema({ type: 'string', enum: ['a', 'b'] }, 'p')).toEqual({ type: 'STRING', enum: ['a', 'b'] });
    expect(toGeminiSchema({ const: 'only' }, 'p')).toEqual({ type: 'STRING', enum: ['only'] });
    expect(toGeminiSchema({ type: 'integer', enum: [1, 2] }, 'p')).toEqual({ type: 'INTEGER' });
  });

  it('infers OBJECT and ARRAY from properties and items', () => {
    expect(toGeminiSchema({ properties: { a: { items: { type: 'boolean' } } } }, 'p')).toEqual({
      type: 'OBJECT',
      properties: { a: { type: 'ARRAY', items: { type: 'BOOLEAN' } } },
    });
  });

  it('inlines local $refs and a single allOf', () => {
    const schema = {
      type: 'object',
      properties: { home: { $ref: '#/$defs/address', description: 'Home' }, work: { allOf: [{ $ref: '#/definitions/city' }] } },
      $defs: { address: { type: 'object', properties: { street: { type: 'string' } } } },
      definitions: { city: { type: 'string' } },
    };
    expect(toGeminiSchema(schema, 'p')).toEqual({
      type: 'OBJECT',
      properties: {
        home: { type: 'OBJECT', description: 'Home', properties: { street: { type: 'STRING' } } },
        work: { type: 'STRING' },
      },
    });
  });

  it('takes the first of examples as example', () => {
    expect(toGeminiSchema({ type: 'string', examples: ['x', 'y'] }, 'p')).toEqual({ type: 'STRING', example: 'x' });
  });

  it.each([
    ['a recursive $ref', { type: 'object', properties: { next: { $ref: '#/$defs/node' } }, $defs: { node: { type: 'object', properties: { next: { $ref: '#/$defs/node' } } } } }],
    ['a remote $ref', { $ref: 'https://example.com/schema.json' }],
    ['allOf with two schemas', { allOf: [{ type: 'object' }, { type: 'object' }] }],
    ['not', { not: { type: 'string' } }],
  ])('refuses %s with a 400 naming the parameter', (_label, schema) => {
    expect(refusal(schema)).toBe('tools[0].function.parameters');
  });
});
