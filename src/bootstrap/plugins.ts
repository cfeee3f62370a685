import type { Logger } from 'pino';
import type { PorticoConfig } from '../config/portico-config';
import type { ReadinessCheck, ReadinessResult } from '../health/readiness-check';
import type { HostLogger } from '../plugin-host/host-logger';
import { PluginHost } from '../plugin-host/plugin-host';

/** The plugin host for this process: the explicit list from `PORTICO_PLUGINS` (default: every bundled plugin). */
export function createPluginHost(config: PorticoConfig, logger: Logger): PluginHost {
  return new PluginHost({
    plugins: config.plugins.enabled,
    config: config.plugins.config,
    logger: pinoHostLogger(logger.child({ component: 'plugins' })),
  });
}

export function pluginReadinessCheck(host: PluginHost): ReadinessCheck {
  return {
    name: 'plugins',
    check: async (): Promise<ReadinessResult> => {
      const { ready, plugins } = host.status();
      return { ready, detail: { plugins: plugins.map(({ id, version, state }) => ({ id, version, state })) } };
    },
  };
}

function pinoHostLogger(logger: Logger): HostLogger {
  return {
    debug: (message, fields) => logger.debug(fields ?? {}, message),
    info: (message, fields) => logger.info(fields ?? {}, message),
    warn: (message, fields) => logger.warn(fields ?? {}, message),
    error: (message, fields) => logger.error(fields ?? {}, message),
  };
}
