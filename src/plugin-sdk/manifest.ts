/**
 * A JSON Schema for a plugin's configuration. The root is an object schema, and every property,
 * at every depth, carries a `description` (the host refuses the plugin otherwise). Defaults
 * declared with `default` are applied before the plugin sees its config.
 *
 * @example
 * const schema: PluginConfigSchema = {
 *   type: 'object',
 *   additionalProperties: false,
 *   properties: {
 *     latencyMs: { type: 'integer', minimum: 0, default: 0, description: 'Delay before the first byte.' },
 *   },
 * };
 */
export interface PluginConfigSchema {
  type: 'object';
  properties: Record<string, JsonSchemaProperty>;
  required?: string[];
  additionalProperties?: boolean;
  [keyword: string]: unknown;
}

/**
 * One property of a config schema. `description` is mandatory.
 *
 * @example
 * const property: JsonSchemaProperty = { type: 'number', minimum: 0, maximum: 1, default: 0, description: 'Share of requests that fail.' };
 */
export interface JsonSchemaProperty {
  description: string;
  type?: string | string[];
  default?: unknown;
  properties?: Record<string, JsonSchemaProperty>;
  items?: Record<string, unknown>;
  [keyword: string]: unknown;
}

/**
 * What a plugin is: a provider adapter (speaks to an LLM API) or a guard (inspects traffic).
 *
 * @example
 * const kind: PluginKind = 'guard';
 */
export type PluginKind = 'provider' | 'guard';

interface ManifestBase {
  /** Kebab-case id, equal to the plugin's folder name (`provider-mock`). */
  id: string;
  /** The plugin's own version (semver). */
  version: string;
  /** Semver range of SDK versions the plugin works with, checked against `SDK_VERSION`. */
  sdk: string;
  displayName: string;
  description: string;
  configSchema: PluginConfigSchema;
}

/**
 * Manifest of a provider plugin.
 *
 * @example
 * const manifest: ProviderManifest = {
 *   id: 'provider-mock', kind: 'provider', version: '1.0.0', sdk: '^1.0.0',
 *   displayName: 'Mock provider', description: 'Deterministic offline provider.',
 *   configSchema: { type: 'object', properties: {} },
 * };
 */
export interface ProviderManifest extends ManifestBase {
  kind: 'provider';
}

/**
 * Manifest of a guard plugin. `priority` is an integer; higher runs first (as in Kong), and two
 * loaded guards may not share one.
 *
 * @example
 * const manifest: GuardManifest = {
 *   id: 'guard-pii-redaction', kind: 'guard', version: '1.0.0', sdk: '^1.0.0', priority: 900,
 *   displayName: 'PII redaction', description: 'Masks e-mail addresses and phone numbers.',
 *   configSchema: { type: 'object', properties: {} },
 * };
 */
export interface GuardManifest extends ManifestBase {
  kind: 'guard';
  priority: number;
  /** Schema of the per-binding config (route, API or key level), checked when a binding is saved. */
  bindingSchema?: PluginConfigSchema;
}

/**
 * Any plugin manifest.
 *
 * @example
 * function label(manifest: PluginManifest): string {
 *   return manifest.kind === 'guard' ? `${manifest.id} (${manifest.priority})` : manifest.id;
 * }
 */
export type PluginManifest = ProviderManifest | GuardManifest;
