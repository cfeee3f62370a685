export * from './guard-runner.js';
export * from './guard-stream.js';
export * from './host-logger.js';
export * from './plugin-host.js';
export * from './plugin-host.module.js';
export type { PluginFailureCount, InvokeOptions } from './plugin-invoker.js';
export type { BundledPlugins, ModuleImporter, PluginSource } from './plugin-loader.js';
export * from './provider-call.js';
