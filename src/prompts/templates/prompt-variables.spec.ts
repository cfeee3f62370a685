import { describe, expect, it } from 'vitest';
import { PromptTemplates } from './prompt-template';
import { inferInputSchema, PromptVariables, undeclaredReferences } from './prompt-variables';

const variables = new PromptVariables();
const templates = new PromptTemplates();

const schema = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1 },
    age: { type: 'integer', minimum: 0 },
    tone: { enum: ['formal', 'casual'] },
    email: { type: 'string', format: 'email' },
    items: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } }, required: ['sku'] } },
  },
  required: ['name', 'age'],
  additionalProperties: false,
};

describe('PromptVariables.validate', () => {
  it('accepts variables that satisfy the schema', () => {
    expect(variables.validate(schema, { name: 'Ada', age: 36, tone: 'formal', email: 'ada@example.com', items: [{ sku: 'x' }] })).toEqual([]);
  });

  it('lists every problem at once, each with its path', () => {
    const issues = variables.validate(schema, { age: 'old', tone: 'rude', email: 'nope', items: [{}], extra: 1 });
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'name', message: 'is required' },
        { path: 'age', message: 'must be integer' },
        { path: 'tone', message: 'must be one of "formal", "casual"' },
        { path: 'email', message: 'must match format "email"' },
        { path: 'items.0.sku', message: 'is required' },
        { path: 'extra', message: 'is not a declared variable' },
      ]),
    );
    expect(issues).toHaveLength(6);
  });

  it('refuses variables that are not an object', () => {
    expect(variables.validate(schema, ['Ada'])).toEqual([{ path: '(variables)', message: 'must be object' }]);
  });

  it('checks an input schema: an object schema ajv can compile', () => {
    expect(variables.checkSchema(schema, 'inputSchema')).toEqual([]);
    expect(variables.checkSchema({ type: 'string' }, 'inputSchema')).toEqual([{ path: 'inputSchema.type', message: expect.stringContaining('"type": "object"') }]);
    expect(variables.checkSchema({ type: 'object', properties: { a: { type: 'no-such-type' } } }, 'inputSchema')).toEqual([
      { path: 'inputSchema', message: expect.stringContaining('not a usable JSON Schema') },
    ]);
  });
});

describe('undeclaredReferences', () => {
  const check = (content: string) => undeclaredReferences(templates.references([{ role: 'user', content }]), schema);

  it('accepts declared variables, list item members and the current item', () => {
    expect(check('{{name}} ({{age}}) {{#items}}{{sku}} for {{name}}{{/items}} {{^tone}}neutral{{/tone}}')).toEqual([]);
  });

  it('names each variable the schema does not declare', () => {
    expect(check('{{nickname}} {{#items}}{{price}}{{/items}} {{name.first}}')).toEqual([
      { path: 'messages[0].content', message: '{{nickname}} is not declared in inputSchema.properties' },
      { path: 'messages[0].content', message: '{{price}} is not declared in inputSchema.properties' },
      { path: 'messages[0].content', message: '{{name.first}} is not declared in inputSchema.properties' },
    ]);
  });

  it('resolves nested sections against the enclosing list items', () => {
    const nested = { type: 'object', properties: { orders: { type: 'array', items: { type: 'object', properties: { lines: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } } } } } } } } };
    const references = templates.references([{ role: 'user', content: '{{#orders}}{{#lines}}{{sku}}{{/lines}}{{/orders}}' }]);
    expect(undeclaredReferences(references, nested)).toEqual([]);
  });

  it('accepts any member of a free-form object', () => {
    const free = { type: 'object', properties: { context: { type: 'object' } } };
    expect(undeclaredReferences(templates.references([{ role: 'user', content: '{{context.anything}}' }]), free)).toEqual([]);
  });
});

describe('inferInputSchema', () => {
  it('declares top-level variables: plain values required, sections optional', () => {
    const inferred = inferInputSchema(templates.references([{ role: 'user', content: '{{name}} {{#items}}{{sku}}{{/items}} {{^quiet}}!{{/quiet}}' }]));
    expect(inferred).toEqual({
      type: 'object',
      properties: { name: { type: ['string', 'number', 'boolean'] }, items: {}, quiet: {} },
      required: ['name'],
      additionalProperties: false,
    });
    expect(variables.validate(inferred, { items: [] })).toEqual([{ path: 'name', message: 'is required' }]);
  });
});

describe('PromptVariables compilation', () => {
  it('compiles equal schemas once and lets two schemas share an $id', () => {
    const fresh = new PromptVariables();
    const a = { $id: 'https://example.com/input', type: 'object', properties: { x: { type: 'string' } }, required: ['x'] };
    const b = { $id: 'https://example.com/input', type: 'object', properties: { y: { type: 'integer' } }, required: ['y'] };
    expect(fresh.validate(a, {})).toEqual([{ path: 'x', message: 'is required' }]);
    expect(fresh.validate(structuredClone(a), { x: 'ok' })).toEqual([]);
    expect(fresh.validate(b, { y: 'no' })).toEqual([{ path: 'y', message: 'must be integer' }]);
  });
});
