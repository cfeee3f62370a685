import type { Guard, MaybePromise } from './guard.js';
import type { PluginLogger } from './logger.js';
import type { GuardManifest, ProviderManifest } from './manifest.js';
import type { ProviderAdapter } from './provider.js';

/**
 * What `create` receives: the plugin's config, already validated against its manifest schema
 * with defaults applied, and a logger tagged with the plugin id.
 *
 * @example
 * create: ({ config, logger }) => { logger.info('starting', { latencyMs: config.latencyMs }); return { adapter }; }
 */
export interface PluginContext<TConfig> {
  pluginId: string;
  config: TConfig;
  logger: PluginLogger;
}

/**
 * Optional lifecycle hooks. `onInit` runs at boot in list order under a time limit (a failure
 * stops the boot); `onDestroy` runs at shutdown in reverse order (failures are only logged).
 *
 * @example
 * const hooks: PluginLifecycle = { onInit: async () => warmUp(), onDestroy: () => pool.close() };
 */
export interface PluginLifecycle {
  onInit?(): MaybePromise<void>;
  onDestroy?(): MaybePromise<void>;
}

/**
 * A running provider plugin.
 *
 * @example
 * const instance: ProviderPluginInstance = { adapter: { chat, mapError } };
 */
export interface ProviderPluginInstance extends PluginLifecycle {
  adapter: ProviderAdapter;
}

/**
 * A running guard plugin.
 *
 * @example
 * const instance: GuardPluginInstance = { guard: { onRequest: () => ({ action: 'pass' }) } };
 */
export interface GuardPluginInstance<TBinding = Record<string, unknown>> extends PluginLifecycle {
  guard: Guard<TBinding>;
}

/**
 * A provider plugin as its module exports it.
 *
 * @example
 * export default definePlugin<MockConfig>({ manifest, create: ({ config }) => ({ adapter: createAdapter(config) }) });
 */
export interface ProviderPluginDefinition<TConfig = Record<string, unknown>> {
  manifest: ProviderManifest;
  create(ctx: PluginContext<TConfig>): MaybePromise<ProviderPluginInstance>;
}

/**
 * A guard plugin as its module exports it.
 *
 * @example
 * export default definePlugin<PiiConfig, PiiBinding>({ manifest, create: ({ config }) => ({ guard: createPiiGuard(config) }) });
 */
export interface GuardPluginDefinition<TConfig = Record<string, unknown>, TBinding = Record<string, unknown>> {
  manifest: GuardManifest;
  create(ctx: PluginContext<TConfig>): MaybePromise<GuardPluginInstance<TBinding>>;
}

/**
 * Any plugin definition.
 *
 * @example
 * const plugins: PluginDefinition[] = [mockProvider, piiGuard];
 */
export type PluginDefinition<TConfig = Record<string, unknown>, TBinding = Record<string, unknown>> =
  | ProviderPluginDefinition<TConfig>
  | GuardPluginDefinition<TConfig, TBinding>;

/**
 * Declares a plugin; the module's default export (or an export named `plugin`). It only checks
 * types: the host validates the manifest and config at boot.
 *
 * @example
 * export default definePlugin<MockConfig>({
 *   manifest,
 *   create: ({ config }) => ({ adapter: createMockAdapter(config) }),
 * });
 */
export function definePlugin<TConfig>(definition: ProviderPluginDefinition<TConfig>): ProviderPluginDefinition<TConfig>;
export function definePlugin<TConfig, TBinding = Record<string, unknown>>(
  definition: GuardPluginDefinition<TConfig, TBinding>,
): GuardPluginDefinition<TConfig, TBinding>;
export function definePlugin<TConfig, TBinding>(
  definition: PluginDefinition<TConfig, TBinding>,
): PluginDefinition<TConfig, TBinding> {
  return definition;
}
