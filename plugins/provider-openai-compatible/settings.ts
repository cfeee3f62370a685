import type { CompatibleSettings } from './config.schema.js';

type Reader = (value: unknown, name: string) => unknown;

function fail(name: string, expected: string): never {
  throw new Error(`provider-openai-compatible account setting "${name}" must be ${expected}`);
}

const boolean: Reader = (value, name) => (typeof value === 'boolean' ? value : fail(name, 'true or false'));
const oneOf =
  (...allowed: string[]): Reader =>
  (value, name) =>
    typeof value === 'string' && allowed.includes(value) ? value : fail(name, `one of ${allowed.join(', ')}`);
const stringMap: Reader = (value, name) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(name, 'an object of strings');
  const entries = Object.entries(value);
  if (entries.some(([, entry]) => typeof entry !== 'string')) fail(name, 'an object of strings');
  return Object.fromEntries(entries.map(([key, entry]) => [key.toLowerCase(), entry]));
};
const stringList: Reader = (value, name) =>
  Array.isArray(value) && value.every((entry) => typeof entry === 'string' && entry.length > 0) ? value : fail(name, 'a list of model ids');

const READERS: Record<keyof CompatibleSettings, Reader> = {
  supportsStreamUsage: boolean,
  supportsTools: boolean,
  supportsJsonSchema: boolean,
  supportsVision: boolean,
  maxTokensParameter: oneOf('max_tokens', 'max_completion_tokens', 'as-given'),
  developerRole: oneOf('developer', 'system'),
  extraHeaders: stringMap,
  models: stringList,
};

/** The plugin config overridden by whatever the account's `extra` sets; unknown keys are ignored. */
export function resolveSettings(defaults: CompatibleSettings, extra: Record<string, unknown>): CompatibleSettings {
  const settings: Record<string, unknown> = { ...defaults, extraHeaders: READERS.extraHeaders(defaults.extraHeaders, 'extraHeaders') };
  for (const [name, read] of Object.entries(READERS)) {
    if (extra[name] !== undefined) settings[name] = read(extra[name], name);
  }
  return settings as unknown as CompatibleSettings;
}
