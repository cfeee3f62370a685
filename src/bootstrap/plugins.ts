import type { Logger } from 'pino';
import type { PorticoConfig } from '../config/portico-config';
import type { ReadinessResult } from '../health/readiness-check';

/** Placeholder until the plugin host lands. */
export interface PluginHost {
  init(): Promise<void>;
  destroy(): Promise<void>;
  readiness(): ReadinessResult;
}

export async function loadPluginHost(_config: PorticoConfig, _logger: Logger): Promise<PluginHost> {
  return {
    init: async () => undefined,
    destroy: async () => undefined,
    readiness: () => ({ ready: true }),
  };
}
