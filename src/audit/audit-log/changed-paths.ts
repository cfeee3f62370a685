import { canonicalJson } from './canonical-json';

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The dotted paths whose values differ between `before` and `after`, sorted: members of objects
 * are compared one by one, anything else (lists included) as a whole. A create (no `before`) or
 * delete (no `after`) lists the top-level members. Computed before masking, so a changed secret
 * shows up as a path even though both of its values read `***`.
 */
export function changedPaths(before: unknown, after: unknown): string[] {
  const paths: string[] = [];
  const left = before === null && isObject(after) ? {} : before;
  const right = after === null && isObject(before) ? {} : after;
  collect(left, right, '', paths);
  return paths.sort();
}

function collect(before: unknown, after: unknown, path: string, paths: string[]): void {
  if (isObject(before) && isObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      collect(before[key], after[key], path ? `${path}.${key}` : key, paths);
    }
    return;
  }
  if (canonicalJson(before) !== canonicalJson(after)) paths.push(path || '$');
}
