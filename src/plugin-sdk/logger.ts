/**
 * The logger a plugin receives. Fields are structured and must not contain secrets; the host
 * adds the plugin id and request id itself.
 *
 * @example
 * ctx.logger.warn('upstream sent an unknown finish reason', { finishReason: 'eos' });
 */
export interface PluginLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
