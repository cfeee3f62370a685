import { ErrorCode, PorticoError } from '../common/errors.js';
import type { PluginDefinition, PluginManifest } from '../plugin-sdk/index.js';
import type { ManifestChecker } from './manifest-check.js';
import type { LoadedModule } from './plugin-loader.js';

export interface CheckedPlugin {
  definition: PluginDefinition;
  config: Record<string, unknown>;
}

/**
 * The boot checks of one loaded module, in the order an operator fixes them: manifest, id,
 * uniqueness, SDK range, config.
 */
export function checkLoadedPlugin(
  checker: ManifestChecker,
  loaded: LoadedModule,
  earlier: ReadonlyArray<{ id: string; specifier: string }>,
  configs: Readonly<Record<string, unknown>>,
): CheckedPlugin {
  const { specifier } = loaded;
  const label = `"${specifier}"`;
  const definition = checker.checkDefinition(label, loaded.definition);
  const { manifest } = definition;
  if (loaded.expectedId !== undefined && manifest.id !== loaded.expectedId) {
    throw new PorticoError(
      ErrorCode.PLUGIN_ID_MISMATCH,
      `plugin ${label} declares id "${manifest.id}" but is named "${loaded.expectedId}"`,
      { details: { plugin: specifier, declared: manifest.id, expected: loaded.expectedId } },
    );
  }
  const twin = earlier.find((record) => record.id === manifest.id);
  if (twin) {
    throw new PorticoError(
      ErrorCode.PLUGIN_DUPLICATE_ID,
      `plugin ${label} has id "${manifest.id}", already loaded from "${twin.specifier}"`,
      { details: { plugin: specifier, id: manifest.id, first: twin.specifier } },
    );
  }
  checker.checkSdk(label, manifest);
  const config = checker.validateConfig(`"${manifest.id}"`, manifest.configSchema, configs[manifest.id]);
  return { definition, config };
}

/** Guard order must be total: two guards with one priority would run in an arbitrary order. */
export function checkGuardPriorities(manifests: readonly PluginManifest[]): void {
  const byPriority = new Map<number, string>();
  for (const manifest of manifests) {
    if (manifest.kind !== 'guard') continue;
    const other = byPriority.get(manifest.priority);
    if (other !== undefined) {
      throw new PorticoError(
        ErrorCode.PLUGIN_GUARD_PRIORITY_DUPLICATE,
        `guards "${other}" and "${manifest.id}" both have priority ${manifest.priority}`,
        { details: { priority: manifest.priority, plugins: [other, manifest.id] } },
      );
    }
    byPriority.set(manifest.priority, manifest.id);
  }
}
