import { createTwoFilesPatch, diffLines } from 'diff';
import type { PromptVersion } from './prompt-version';

/** A run of template lines: kept, added in `to`, or removed from `from`. */
export interface TemplateChange {
  readonly op: 'keep' | 'add' | 'remove';
  readonly lines: readonly string[];
}

/** A member of model, parameters or schemas whose value differs (absent on one side: `undefined`). */
export interface FieldChange {
  readonly path: string;
  readonly from?: unknown;
  readonly to?: unknown;
}

export interface VersionDiff {
  readonly from: number;
  readonly to: number;
  /** Unified diff of the template sources (each message as `[role]` followed by its content). */
  readonly patch: string;
  readonly changes: readonly TemplateChange[];
  readonly linesAdded: number;
  readonly linesRemoved: number;
  readonly fields: readonly FieldChange[];
}

/** What changed from one version to another: a line diff of the templates and a field diff of the rest. */
export function diffVersions(from: PromptVersion, to: PromptVersion): VersionDiff {
  const before = templateSource(from);
  const after = templateSource(to);
  const changes = diffLines(before, after).map((part): TemplateChange => ({
    op: part.added ? 'add' : part.removed ? 'remove' : 'keep',
    lines: part.value.replace(/\n$/, '').split('\n'),
  }));
  const count = (op: TemplateChange['op']) => changes.filter((change) => change.op === op).reduce((sum, change) => sum + change.lines.length, 0);
  return {
    from: from.number,
    to: to.number,
    patch: createTwoFilesPatch(`v${from.number}`, `v${to.number}`, before, after, undefined, undefined, { context: 3 }),
    changes,
    linesAdded: count('add'),
    linesRemoved: count('remove'),
    fields: fieldChanges(settings(from), settings(to), []),
  };
}

/** The template of a version as text, one `[role]` header per message. */
export function templateSource(version: Pick<PromptVersion, 'messages'>): string {
  return version.messages.map((message) => `[${message.role}]\n${message.content}\n`).join('');
}

function settings(version: PromptVersion): Record<string, unknown> {
  return { model: version.model, parameters: version.parameters, inputSchema: version.inputSchema, outputSchema: version.outputSchema };
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Members compared one by one, anything else (lists included) as a whole. */
function fieldChanges(before: unknown, after: unknown, path: string[]): FieldChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => fieldChanges(before[key], after[key], [...path, key]));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path: path.join('.'), ...(before !== undefined && { from: before }), ...(after !== undefined && { to: after }) }];
}
