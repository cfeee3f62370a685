import { ErrorCode, PorticoError } from '../common/errors.js';
import type {
  ChatCompletionRequest,
  ChatCompletionResponse,
  Guard,
  GuardManifest,
  PluginDefinition,
  PluginManifest,
  ProviderAdapter,
  ProviderManifest,
} from '../plugin-sdk/index.js';
import { activateGuards, type GuardBinding, type GuardCall, type GuardRunResult, runGuards } from './guard-runner.js';
import { GuardSession } from './guard-session.js';
import { GuardStream } from './guard-stream.js';
import { type HostLogger, scopedLogger, silentLogger } from './host-logger.js';
import { createSchemaCompiler, ManifestChecker } from './manifest-check.js';
import { checkGuardPriorities, checkLoadedPlugin } from './plugin-checks.js';
import { type BundledPlugins, loadPluginModule, type ModuleImporter, type PluginSource } from './plugin-loader.js';
import { type InvokeOptions, type PluginFailureCount, PluginInvoker } from './plugin-invoker.js';
import { errorMessage, withTimeout } from './with-timeout.js';

export interface PluginHostOptions {
  /** Specifiers in load order: bundled ids, folder paths (`./x`, `/x`) or npm package names. */
  plugins?: readonly string[];
  /** Plugin-level config by plugin id, validated against each manifest's schema. */
  config?: Readonly<Record<string, unknown>>;
  logger?: HostLogger;
  /** Limit for each plugin's `create` + `onInit` at boot and `onDestroy` at shutdown. */
  initTimeoutMs?: number;
  /** The bundled plugins map; defaults to `plugins/index.ts`. */
  bundled?: BundledPlugins;
  /** Directory relative folder paths resolve against; defaults to the working directory. */
  baseDir?: string;
  importModule?: ModuleImporter;
}

export type PluginState = 'loaded' | 'initializing' | 'ready' | 'failed' | 'stopped';

export interface PluginStatus {
  id: string;
  kind: PluginManifest['kind'];
  version: string;
  source: PluginSource;
  state: PluginState;
  error?: { code: string; message: string };
}

export interface RegisteredProvider {
  id: string;
  manifest: ProviderManifest;
  adapter: ProviderAdapter;
}

export interface RegisteredGuard {
  id: string;
  manifest: GuardManifest;
  priority: number;
  guard: Guard;
}

interface PluginRecord {
  id: string;
  specifier: string;
  source: PluginSource;
  definition: PluginDefinition;
  config: Record<string, unknown>;
  state: PluginState;
  error?: { code: string; message: string };
  instance?: { onInit?(): unknown; onDestroy?(): unknown; adapter?: ProviderAdapter; guard?: Guard };
}

const DEFAULT_INIT_TIMEOUT_MS = 10_000;

/**
 * Loads plugins from an explicit list, checks them with coded errors, runs their lifecycle and
 * is the registry the gateway reads. Request-time calls into plugin code go through `invoke`.
 */
export class PluginHost {
  private readonly logger: HostLogger;
  private readonly invoker: PluginInvoker;
  private readonly checker = new ManifestChecker(createSchemaCompiler());
  private readonly records: PluginRecord[] = [];
  private readonly providers = new Map<string, RegisteredProvider>();
  private guards: RegisteredGuard[] = [];
  private isReady = false;
  private started = false;

  constructor(private readonly options: PluginHostOptions = {}) {
    this.logger = options.logger ?? silentLogger;
    this.invoker = new PluginInvoker(this.logger);
  }

  /** Loads, checks and initialises every plugin; throws the first `PorticoError` it meets. */
  async start(): Promise<void> {
    if (this.started) throw new PorticoError(ErrorCode.INTERNAL, 'plugin host already started');
    this.started = true;
    const bundled = this.options.bundled ?? (await import('../../plugins/index.js')).BUNDLED_PLUGINS;
    const specifiers = this.options.plugins ?? Object.keys(bundled);
    for (const specifier of specifiers) await this.load(specifier, bundled);
    this.warnAboutUnusedConfig();
    this.checkGuardPriorities();
    for (const record of this.records) await this.initialise(record);
    this.isReady = true;
    this.logger.info('plugins ready', { plugins: this.records.map((record) => record.id) });
  }

  /** Runs `onDestroy` in reverse load order; a failure is logged and the others still run. */
  async stop(): Promise<void> {
    this.isReady = false;
    for (const record of [...this.records].reverse()) {
      if (record.state !== 'ready') continue;
      const destroy = record.instance?.onDestroy;
      if (destroy) {
        try {
          await withTimeout(Promise.resolve().then(() => destroy.call(record.instance)), this.timeoutMs);
        } catch (error) {
          this.logger.error(`plugin ${record.id} failed in onDestroy: ${errorMessage(error)}`, { pluginId: record.id });
        }
      }
      record.state = 'stopped';
    }
  }

  get ready(): boolean {
    return this.isReady;
  }

  /** Per-plugin state for `/readyz`. */
  status(): { ready: boolean; plugins: PluginStatus[] } {
    const plugins = this.records.map((record) => ({
      id: record.id,
      kind: record.definition.manifest.kind,
      version: record.definition.manifest.version,
      source: record.source,
      state: record.state,
      ...(record.error ? { error: record.error } : {}),
    }));
    return { ready: this.isReady, plugins };
  }

  getProvider(id: string): RegisteredProvider | undefined {
    return this.providers.get(id);
  }

  listProviders(): RegisteredProvider[] {
    return [...this.providers.values()];
  }

  /** Guards sorted by priority, highest first. */
  listGuards(): RegisteredGuard[] {
    return [...this.guards];
  }

  getGuard(id: string): RegisteredGuard | undefined {
    return this.guards.find((guard) => guard.id === id);
  }

  /** Validates a guard binding's config against the guard's `bindingSchema`, applying defaults. */
  validateBindingConfig(pluginId: string, config: unknown): Record<string, unknown> {
    const guard = this.getGuard(pluginId);
    if (!guard) throw new PorticoError(ErrorCode.PLUGIN_NOT_FOUND, `guard "${pluginId}" is not loaded`, { status: 404 });
    const schema = guard.manifest.bindingSchema ?? { type: 'object', properties: {} };
    return this.checker.validateConfig(`"${pluginId}" binding`, schema, config);
  }

  /** Runs the bound guards' `onRequest`, in priority order, under their time budgets. */
  runRequestGuards(bindings: readonly GuardBinding[], call: GuardCall, request: ChatCompletionRequest): Promise<GuardRunResult<ChatCompletionRequest>> {
    return runGuards(this, 'request', bindings, call, request, this.logger);
  }

  /** Runs the bound guards' `onResponse` over a complete (non-streamed) response. */
  runResponseGuards(bindings: readonly GuardBinding[], call: GuardCall, response: ChatCompletionResponse): Promise<GuardRunResult<ChatCompletionResponse>> {
    return runGuards(this, 'response', bindings, call, response, this.logger);
  }

  /**
   * The guards of one call, activated once: its request, response and stream hooks all see the
   * same per-guard `callState` (what reversible redaction needs to put values back).
   */
  openGuardSession(bindings: readonly GuardBinding[], call: GuardCall): GuardSession {
    return new GuardSession(this, activateGuards(this, bindings, call, this.logger));
  }

  /** Starts guarding one stream: `push` each upstream chunk, then `end`. */
  openGuardStream(bindings: readonly GuardBinding[], call: GuardCall): GuardStream {
    return new GuardStream(this, bindings, call, this.logger);
  }

  /** Calls plugin code at request time; see `PluginInvoker`. */
  invoke<T>(pluginId: string, hook: string, fn: () => T | Promise<T>, options?: InvokeOptions): Promise<T> {
    return this.invoker.invoke(pluginId, hook, fn, options);
  }

  invokeSync<T>(pluginId: string, hook: string, fn: () => T, options?: Omit<InvokeOptions, 'timeoutMs'>): T {
    return this.invoker.invokeSync(pluginId, hook, fn, options);
  }

  recordFailure(pluginId: string, hook: string, cause: unknown, status?: number): PorticoError {
    return this.invoker.fail(pluginId, hook, cause, status);
  }

  failureCounts(): PluginFailureCount[] {
    return this.invoker.failureCounts();
  }

  private get timeoutMs(): number {
    return this.options.initTimeoutMs ?? DEFAULT_INIT_TIMEOUT_MS;
  }

  private async load(specifier: string, bundled: BundledPlugins): Promise<void> {
    const loaded = await loadPluginModule(specifier, {
      bundled,
      baseDir: this.options.baseDir ?? process.cwd(),
      importModule: this.options.importModule ?? ((name) => import(name)),
    });
    const { definition, config } = checkLoadedPlugin(this.checker, loaded, this.records, this.options.config ?? {});
    this.records.push({ id: definition.manifest.id, specifier, source: loaded.source, definition, config, state: 'loaded' });
  }

  private warnAboutUnusedConfig(): void {
    const loaded = new Set(this.records.map((record) => record.id));
    for (const id of Object.keys(this.options.config ?? {})) {
      if (!loaded.has(id)) this.logger.warn(`config given for plugin "${id}", which is not loaded`, { pluginId: id });
    }
  }

  private checkGuardPriorities(): void {
    checkGuardPriorities(this.records.map((record) => record.definition.manifest));
  }

  private async initialise(record: PluginRecord): Promise<void> {
    record.state = 'initializing';
    const logger = scopedLogger(this.logger, { pluginId: record.id });
    try {
      const boot = async () => {
        const context = { pluginId: record.id, config: record.config, logger };
        const instance = (await record.definition.create(context)) as NonNullable<PluginRecord['instance']>;
        this.checkInstance(record, instance);
        record.instance = instance;
        await instance.onInit?.();
      };
      await withTimeout(boot(), this.timeoutMs);
    } catch (error) {
      record.state = 'failed';
      const failure = new PorticoError(
        ErrorCode.PLUGIN_INIT_FAILED,
        `plugin "${record.id}" failed to initialise: ${errorMessage(error)}`,
        { details: { plugin: record.id }, cause: error },
      );
      record.error = { code: failure.code, message: failure.message };
      await this.stop();
      throw failure;
    }
    record.state = 'ready';
    this.register(record);
  }

  private checkInstance(record: PluginRecord, instance: PluginRecord['instance']): void {
    const kind = record.definition.manifest.kind;
    const ok = kind === 'provider'
      ? typeof instance?.adapter?.chat?.buildRequest === 'function' && typeof instance.adapter.mapError === 'function'
      : typeof instance?.guard === 'object' && instance.guard !== null;
    if (!ok) throw new Error(`create() returned no ${kind === 'provider' ? 'adapter with chat and mapError' : 'guard'}`);
  }

  private register(record: PluginRecord): void {
    const manifest = record.definition.manifest;
    if (manifest.kind === 'provider') {
      this.providers.set(record.id, { id: record.id, manifest, adapter: record.instance!.adapter! });
      return;
    }
    this.guards.push({ id: record.id, manifest, priority: manifest.priority, guard: record.instance!.guard! });
    this.guards.sort((a, b) => b.priority - a.priority);
  }
}
