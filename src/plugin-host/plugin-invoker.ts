import { ErrorCode, PorticoError } from '../common/errors.js';
import type { HostLogger } from './host-logger.js';
import { isProviderReportedError, isUnsupportedParameterError, type UnsupportedParameterError } from '../plugin-sdk/request-errors.js';
import { errorMessage, TimeoutError, withTimeout } from './with-timeout.js';

export interface InvokeOptions {
  /** HTTP status of the resulting error; 502 (bad gateway) unless the caller knows better. */
  status?: number;
  /** Time limit for an async hook; a late answer counts as a failure. */
  timeoutMs?: number;
}

export interface PluginFailureCount {
  pluginId: string;
  hook: string;
  count: number;
}

/**
 * The one door through which request-time calls enter plugin code. A throw, a rejection or a
 * timeout becomes a `PLUGIN_RUNTIME_FAILURE`, is counted per plugin and hook, and is logged once,
 * here, with the plugin id; callers never log it again.
 */
export class PluginInvoker {
  private readonly failures = new Map<string, PluginFailureCount>();

  constructor(private readonly logger: HostLogger) {}

  async invoke<T>(pluginId: string, hook: string, fn: () => T | Promise<T>, options: InvokeOptions = {}): Promise<T> {
    try {
      const work = Promise.resolve().then(fn);
      return await (options.timeoutMs === undefined ? work : withTimeout(work, options.timeoutMs));
    } catch (error) {
      if (isUnsupportedParameterError(error)) throw callerError(error);
      if (isProviderReportedError(error)) throw error;
      throw this.fail(pluginId, hook, error, options.status);
    }
  }

  invokeSync<T>(pluginId: string, hook: string, fn: () => T, options: Omit<InvokeOptions, 'timeoutMs'> = {}): T {
    try {
      return fn();
    } catch (error) {
      if (isUnsupportedParameterError(error)) throw callerError(error);
      if (isProviderReportedError(error)) throw error;
      throw this.fail(pluginId, hook, error, options.status);
    }
  }

  /** Records a failure found outside `invoke` (e.g. a malformed verdict) and returns its error. */
  fail(pluginId: string, hook: string, cause: unknown, status = 502): PorticoError {
    const key = `${pluginId}\u0000${hook}`;
    const entry = this.failures.get(key) ?? { pluginId, hook, count: 0 };
    entry.count += 1;
    this.failures.set(key, entry);
    const reason = cause instanceof TimeoutError ? 'timeout' : 'error';
    this.logger.error(`plugin ${pluginId} failed in ${hook}: ${errorMessage(cause)}`, {
      pluginId,
      hook,
      reason,
      failures: entry.count,
    });
    return new PorticoError(ErrorCode.PLUGIN_RUNTIME_FAILURE, `plugin "${pluginId}" failed in ${hook}`, {
      status,
      details: { pluginId, hook, reason },
      cause,
    });
  }

  /** Failures so far, per plugin and hook, for metrics. */
  failureCounts(): PluginFailureCount[] {
    return [...this.failures.values()].map((entry) => ({ ...entry }));
  }
}

/** The caller asked for something the provider cannot do: their 400, not the plugin's failure. */
function callerError(error: UnsupportedParameterError): PorticoError {
  return new PorticoError(ErrorCode.BAD_REQUEST, error.message, { status: 400, details: { param: error.param } });
}
