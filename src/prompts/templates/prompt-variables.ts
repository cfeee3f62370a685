import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { TemplateProblem, TemplateReference } from './prompt-template';

export type JsonSchema = Record<string, unknown>;

/** One thing wrong with the variables of a render: where (`name`, `user.age`, `items.2`) and what. */
export interface VariableIssue {
  readonly path: string;
  readonly message: string;
}

/** Compiled validators kept; the oldest are dropped past this many distinct schemas. */
const MAX_COMPILED = 2_000;

/**
 * The input variables of a prompt version, described by a JSON Schema (the keywords and formats
 * ajv knows): checked when a version is saved, enforced on every render with every problem
 * reported at once. Validators are compiled once per distinct schema (by content) and kept, a
 * bounded number of them; ajv itself keeps nothing, so schemas with the same `$id` never collide.
 */
export class PromptVariables {
  private readonly ajv = new Ajv({ allErrors: true, strict: false });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor() {
    addFormats(this.ajv);
  }

  /** Problems with a schema as an input schema: it must be a valid JSON Schema for an object. */
  checkSchema(schema: JsonSchema, path: string): TemplateProblem[] {
    if (schema.type !== 'object') return [{ path: `${path}.type`, message: "an input schema describes an object: set \"type\": \"object\"" }];
    try {
      this.validator(schema);
      return [];
    } catch (error) {
      return [{ path, message: `not a usable JSON Schema: ${error instanceof Error ? error.message : String(error)}` }];
    }
  }

  /** Every problem with `variables`, empty when they satisfy the schema. */
  validate(schema: JsonSchema, variables: unknown): VariableIssue[] {
    const validate = this.validator(schema);
    if (validate(variables)) return [];
    return uniqueIssues((validate.errors ?? []).filter((error) => !COMPOSITE.has(error.keyword)).map(toIssue));
  }

  private validator(schema: JsonSchema): ValidateFunction {
    const key = JSON.stringify(schema);
    let validate = this.compiled.get(key);
    if (!validate) {
      try {
        validate = this.ajv.compile(schema);
      } finally {
        this.ajv.removeSchema(schema);
      }
      if (this.compiled.size >= MAX_COMPILED) this.compiled.delete(this.compiled.keys().next().value!);
      this.compiled.set(key, validate);
    }
    return validate;
  }
}

/** Keywords whose error only repeats the errors of their branches. */
const COMPOSITE = new Set(['if', 'anyOf', 'oneOf', 'allOf']);

function toIssue(error: ErrorObject): VariableIssue {
  const at = error.instancePath.split('/').filter(Boolean).map(decodePointer);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path: [...at, String(params.missingProperty)].join('.'), message: 'is required' };
    case 'additionalProperties':
      return { path: [...at, String(params.additionalProperty)].join('.'), message: 'is not a declared variable' };
    case 'enum':
      return { path: at.join('.') || '(variables)', message: `must be one of ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}` };
    default:
      return { path: at.join('.') || '(variables)', message: error.message ?? 'is invalid' };
  }
}

function decodePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function uniqueIssues(issues: VariableIssue[]): VariableIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Template tags naming variables the input schema does not declare (checked when a version is
 * saved). A name inside `{{#list}}…{{/list}}` resolves against the list's item schema first, then
 * outwards, as Mustache looks it up; a schema without `properties` (free-form object) accepts any name.
 */
export function undeclaredReferences(references: readonly TemplateReference[], schema: JsonSchema): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const reference of references) {
    if (reference.name === '.') continue;
    const scopes: Array<JsonSchema | undefined> = [schema];
    for (const section of reference.within) scopes.push(sectionScope(lookup(scopes, section)));
    if (lookup(scopes, reference.name) === undefined) {
      problems.push({ path: `messages[${reference.message}].content`, message: `{{${reference.name}}} is not declared in inputSchema.properties` });
    }
  }
  return problems;
}

/**
 * An input schema for templates saved without one: every top-level variable is declared, plain
 * values as required strings, numbers or booleans, sections as optional values of any type.
 */
export function inferInputSchema(references: readonly TemplateReference[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required = new Set<string>();
  for (const reference of references) {
    if (reference.within.length > 0 || reference.name === '.') continue;
    const name = reference.name.split('.')[0]!;
    if (reference.kind === 'value' && !reference.name.includes('.')) {
      properties[name] ??= { type: ['string', 'number', 'boolean'] };
      required.add(name);
    } else {
      properties[name] = {};
    }
  }
  for (const name of required) if (Object.keys(properties[name]!).length === 0) required.delete(name);
  return { type: 'object', properties, required: [...required], additionalProperties: false };
}

/** What names inside a section resolve against: a list's item schema, or the section's value itself. */
function sectionScope(schema: JsonSchema | undefined): JsonSchema | undefined {
  if (!schema) return undefined;
  if (schema.type === 'array' || schema.items !== undefined) return isSchema(schema.items) ? schema.items : {};
  return schema;
}

/**
 * The schema a dotted name reaches, searching scopes innermost first as Mustache does; `{}` when the
 * name lands in a free-form object (no `properties`), undefined when it is not declared.
 */
function lookup(scopes: ReadonlyArray<JsonSchema | undefined>, name: string): JsonSchema | undefined {
  const [first, ...rest] = name.split('.');
  for (let index = scopes.length - 1; index >= 0; index--) {
    const scope = scopes[index];
    if (!scope) continue;
    const start = index === 0 ? member(scope, first!, true) : member(scope, first!, false);
    if (start === undefined) continue;
    let current: JsonSchema | undefined = start;
    for (const segment of rest) {
      current = current && member(current, segment, false);
      if (current === undefined) return undefined;
    }
    return current;
  }
  return undefined;
}

/** A member's schema; `strict` for the input schema itself, whose members must be declared. */
function member(schema: JsonSchema, name: string, strict: boolean): JsonSchema | undefined {
  const properties = schema.properties;
  if (isSchema(properties)) return isSchema(properties[name]) ? (properties[name] as JsonSchema) : properties[name] === true ? {} : undefined;
  if (strict) return undefined;
  const type = schema.type;
  const scalar = typeof type === 'string' && ['string', 'number', 'integer', 'boolean', 'null'].includes(type);
  return scalar ? undefined : {};
}

function isSchema(value: unknown): value is JsonSchema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
