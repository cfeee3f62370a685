import type { PluginLogger } from '../plugin-sdk/index.js';

/** The logger the host writes to; the app adapts its own (pino, Nest) to this shape. */
export type HostLogger = PluginLogger;

export const silentLogger: HostLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** A logger that adds `fields` (e.g. `{ pluginId }`) to every line. */
export function scopedLogger(base: HostLogger, fields: Record<string, unknown>): HostLogger {
  const merge = (extra?: Record<string, unknown>) => ({ ...fields, ...extra });
  return {
    debug: (message, extra) => base.debug(message, merge(extra)),
    info: (message, extra) => base.info(message, merge(extra)),
    warn: (message, extra) => base.warn(message, merge(extra)),
    error: (message, extra) => base.error(message, merge(extra)),
  };
}
