import Mustache from 'mustache';

/** Roles a prompt template may speak as (tool messages belong to a conversation, not to a prompt). */
export const TEMPLATE_ROLES = ['system', 'developer', 'user', 'assistant'] as const;
export type TemplateRole = (typeof TEMPLATE_ROLES)[number];

export interface MessageTemplate {
  readonly role: TemplateRole;
  /** Mustache source: `{{name}}`, `{{#items}}…{{/items}}`, `{{^flag}}…{{/flag}}`, `{{! comment }}`. */
  readonly content: string;
}

export interface RenderedMessage {
  readonly role: TemplateRole;
  readonly content: string;
}

/** One tag of a template that reads a variable, with where it sits. */
export interface TemplateReference {
  /** Index of the message in the version's list. */
  readonly message: number;
  /** `name`, `user.name` or `.` (the current item of a list). */
  readonly name: string;
  /** `value` for `{{x}}`/`{{{x}}}`, `section` for `{{#x}}`, `inverted` for `{{^x}}`. */
  readonly kind: 'value' | 'section' | 'inverted';
  /** Names of the enclosing `{{#…}}` sections, outermost first (they change what a name resolves against). */
  readonly within: readonly string[];
}

/** A template Portico refuses to store, with the message it sits in. */
export interface TemplateProblem {
  readonly path: string;
  readonly message: string;
}

type Token = [type: string, value: string, start: number, end: number, children?: Token[]];

const NAME_SEGMENT = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$|^\d{1,6}$/;

/**
 * The only way from JSON data to a function is through a built-in's constructor (`{{text.constructor.raw}}`):
 * views have no prototypes, but strings and numbers do. Mustache calls functions it finds ("lambdas"),
 * so these names are refused at save time.
 */
const BUILT_IN_NAMES = new Set(['constructor', 'prototype', '__proto__']);

/**
 * Logic-less rendering with Mustache: variables, sections over lists and flags, inverted sections,
 * comments. No partials (`{{> x}}`), no lambdas (variables are JSON, and names of built-ins are
 * refused), no HTML escaping (these are prompts, not web pages). One writer with its own
 * parse cache, so nothing global of the `mustache` package is changed.
 */
export class PromptTemplates {
  private readonly writer = Object.assign(new Mustache.Writer(), { templateCache: boundedCache(MAX_CACHED_TEMPLATES) });

  /** Every problem that makes the templates unusable (syntax, partials, odd names), empty when fine. */
  check(messages: readonly MessageTemplate[]): TemplateProblem[] {
    return messages.flatMap((message, index) => {
      const path = `messages[${index}].content`;
      let tokens: Token[];
      try {
        tokens = this.parse(message.content);
      } catch (error) {
        return [{ path, message: `the template does not parse: ${error instanceof Error ? error.message : String(error)}` }];
      }
      return walk(tokens, []).flatMap((found): TemplateProblem[] => {
        if (found.type === '>') return [{ path, message: `partials are not supported ({{> ${found.value}}})` }];
        if (found.value === '.') return [];
        const bad = found.value.split('.').find((segment) => !NAME_SEGMENT.test(segment) || BUILT_IN_NAMES.has(segment));
        return bad === undefined ? [] : [{ path, message: `'${found.value}' is not a usable variable name ('${bad}')` }];
      });
    });
  }

  /** The variables the templates read, in order of appearance (call `check` first). */
  references(messages: readonly MessageTemplate[]): TemplateReference[] {
    return messages.flatMap((message, index) =>
      walk(this.parse(message.content), [])
        .filter((found) => found.type !== '>')
        .map((found) => ({ message: index, name: found.value, kind: KIND[found.type]!, within: found.within })),
    );
  }

  /** Renders every message with `variables` (already validated against the version's input schema). */
  render(messages: readonly MessageTemplate[], variables: Record<string, unknown>): RenderedMessage[] {
    const view = toView(variables);
    return messages.map((message) => ({ role: message.role, content: this.writer.render(message.content, view, undefined, { escape: String }) }));
  }

  private parse(template: string): Token[] {
    return this.writer.parse(template) as Token[];
  }
}

/** Parsed templates kept per writer; drafts that were never saved must not grow it without end. */
const MAX_CACHED_TEMPLATES = 5_000;

function boundedCache(limit: number): { set(key: string, value: string): void; get(key: string): string | undefined; clear(): void } {
  const entries = new Map<string, string>();
  return {
    set: (key, value) => {
      if (entries.size >= limit) entries.delete(entries.keys().next().value!);
      entries.set(key, value);
    },
    get: (key) => entries.get(key),
    clear: () => entries.clear(),
  };
}

const KIND: Record<string, TemplateReference['kind']> = { name: 'value', '&': 'value', '#': 'section', '^': 'inverted' };

interface Found {
  type: string;
  value: string;
  within: string[];
}

function walk(tokens: readonly Token[], within: string[]): Found[] {
  const found: Found[] = [];
  for (const [type, value, , , children] of tokens) {
    if (type === 'name' || type === '&' || type === '>') found.push({ type, value, within });
    if (type === '#' || type === '^') {
      found.push({ type, value, within });
      found.push(...walk(children ?? [], type === '#' ? [...within, value] : within));
    }
  }
  return found;
}

/**
 * The variables as Mustache sees them: copies without prototypes, so a name can only ever find
 * the caller's own data (never `constructor`, `toString`, a list's `map`, …).
 */
function toView(value: unknown): unknown {
  if (Array.isArray(value)) return Object.setPrototypeOf(value.map(toView), null);
  if (value !== null && typeof value === 'object') {
    const copy = Object.create(null) as Record<string, unknown>;
    for (const [key, member] of Object.entries(value)) copy[key] = toView(member);
    return copy;
  }
  return value;
}
