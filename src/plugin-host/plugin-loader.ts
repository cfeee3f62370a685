import { existsSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { ErrorCode, PorticoError } from '../common/errors.js';

export type PluginSource = 'bundled' | 'path' | 'package';

export type ModuleImporter = (specifier: string) => Promise<unknown>;

export type BundledPlugins = Record<string, () => Promise<unknown>>;

export interface LoadedModule {
  specifier: string;
  source: PluginSource;
  /** The id the plugin must declare; undefined for npm packages (their manifest decides). */
  expectedId: string | undefined;
  /** The exported definition, not yet checked. */
  definition: Record<string, unknown>;
}

export interface PluginLoaderOptions {
  bundled: BundledPlugins;
  /** Directory relative path specifiers resolve against. */
  baseDir: string;
  importModule: ModuleImporter;
}

const defaultImporter: ModuleImporter = (specifier) => import(specifier);

export function defaultLoaderOptions(bundled: BundledPlugins): PluginLoaderOptions {
  return { bundled, baseDir: process.cwd(), importModule: defaultImporter };
}

function isPathSpecifier(specifier: string): boolean {
  return specifier.startsWith('.') || isAbsolute(specifier);
}

function isModuleNotFound(error: unknown, specifier: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return true;
  const message = error instanceof Error ? error.message : '';
  return message.includes(specifier) && /cannot find (module|package)|failed to (load|resolve)/i.test(message);
}

function notFound(specifier: string, reason: string, cause?: unknown): PorticoError {
  return new PorticoError(ErrorCode.PLUGIN_NOT_FOUND, `plugin "${specifier}" not found: ${reason}`, {
    details: { plugin: specifier },
    cause,
  });
}

function loadFailed(specifier: string, cause: unknown): PorticoError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new PorticoError(ErrorCode.PLUGIN_INIT_FAILED, `plugin "${specifier}" failed while loading: ${reason}`, {
    details: { plugin: specifier, stage: 'load' },
    cause,
  });
}

/** Vitest runs TypeScript sources directly; a built app loads the compiled `index.js`. */
function entryFile(dir: string): string | undefined {
  const candidates = process.env.VITEST ? ['index.ts', 'index.js'] : ['index.js'];
  return candidates.map((name) => join(dir, name)).find((file) => existsSync(file));
}

/**
 * A plugin module may export the definition as `default` or as `plugin`; CommonJS interop can
 * wrap it in one more `default`.
 */
export function findDefinition(moduleValue: unknown): Record<string, unknown> | undefined {
  const queue: unknown[] = [moduleValue];
  for (let depth = 0; depth < 3 && queue.length > 0; depth++) {
    const next: unknown[] = [];
    for (const value of queue) {
      if (!value || (typeof value !== 'object' && typeof value !== 'function')) continue;
      const record = value as Record<string, unknown>;
      if (record.manifest !== undefined) return record;
      next.push(record.default, record.plugin);
    }
    queue.splice(0, queue.length, ...next);
  }
  return undefined;
}

/** Turns one specifier (bundled id, folder path or npm package) into its exported definition. */
export async function loadPluginModule(specifier: string, options: PluginLoaderOptions): Promise<LoadedModule> {
  const { source, expectedId, moduleValue } = await importSpecifier(specifier, options);
  const definition = findDefinition(moduleValue);
  if (!definition) {
    throw new PorticoError(ErrorCode.PLUGIN_MANIFEST_MISSING, `plugin "${specifier}" exports no manifest`, {
      details: { plugin: specifier },
    });
  }
  return { specifier, source, expectedId, definition };
}

async function importSpecifier(specifier: string, options: PluginLoaderOptions) {
  if (isPathSpecifier(specifier)) {
    const dir = resolve(options.baseDir, specifier);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw notFound(specifier, `no folder at ${dir}`);
    const file = entryFile(dir);
    if (!file) throw notFound(specifier, `no index.js in ${dir}`);
    const moduleValue = await importOrFail(specifier, () => options.importModule(file));
    return { source: 'path' as const, expectedId: basename(dir), moduleValue };
  }
  const bundled = Object.hasOwn(options.bundled, specifier) ? options.bundled[specifier] : undefined;
  if (bundled) {
    const moduleValue = await importOrFail(specifier, bundled);
    return { source: 'bundled' as const, expectedId: specifier, moduleValue };
  }
  try {
    const moduleValue = await options.importModule(specifier);
    return { source: 'package' as const, expectedId: undefined, moduleValue };
  } catch (error) {
    if (isModuleNotFound(error, specifier)) {
      throw notFound(specifier, 'it is neither a bundled plugin, a folder path, nor an installed package', error);
    }
    throw loadFailed(specifier, error);
  }
}

async function importOrFail(specifier: string, load: () => Promise<unknown>): Promise<unknown> {
  try {
    return await load();
  } catch (error) {
    throw loadFailed(specifier, error);
  }
}
