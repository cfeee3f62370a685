import { describe, expect, it } from 'vitest';
import { ErrorCode, PorticoError } from '../common/errors.js';
import { memoryLogger } from './__fixtures__/definitions.js';
import { PluginInvoker } from './plugin-invoker.js';

describe('PluginInvoker', () => {
  it('returns what the plugin returns, sync or async', async () => {
    const invoker = new PluginInvoker(memoryLogger());
    expect(await invoker.invoke('p-a', 'hook', () => 1)).toBe(1);
    expect(await invoker.invoke('p-a', 'hook', async () => 2)).toBe(2);
    expect(invoker.invokeSync('p-a', 'hook', () => 3)).toBe(3);
    expect(invoker.failureCounts()).toEqual([]);
  });

  it('turns sync throws and rejections into PLUGIN_RUNTIME_FAILURE, counted per plugin and hook, logged once', async () => {
    const logger = memoryLogger();
    const invoker = new PluginInvoker(logger);
    const syncThrow = invoker.invoke('p-a', 'chat.parseResponse', () => {
      throw new TypeError('undefined is not a function');
    });
    await expect(syncThrow).rejects.toMatchObject({ code: ErrorCode.PLUGIN_RUNTIME_FAILURE, status: 502 });
    await expect(invoker.invoke('p-a', 'chat.parseResponse', () => Promise.reject(new Error('late')))).rejects.toBeInstanceOf(PorticoError);
    expect(() =>
      invoker.invokeSync('p-b', 'onRequest', () => {
        throw 'a string, not an Error';
      }, { status: 503 }),
    ).toThrow(expect.objectContaining({ code: ErrorCode.PLUGIN_RUNTIME_FAILURE, status: 503 }));
    expect(invoker.failureCounts()).toEqual([
      { pluginId: 'p-a', hook: 'chat.parseResponse', count: 2 },
      { pluginId: 'p-b', hook: 'onRequest', count: 1 },
    ]);
    expect(logger.lines.map((line) => [line.level, line.fields?.pluginId, line.fields?.hook])).toEqual([
      ['error', 'p-a', 'chat.parseResponse'],
      ['error', 'p-a', 'chat.parseResponse'],
      ['error', 'p-b', 'onRequest'],
    ]);
  });

  it('keeps the original error as the cause and the plugin id in details', async () => {
    const cause = new Error('boom');
    const error = await new PluginInvoker(memoryLogger())
      .invoke('p-a', 'hook', () => Promise.reject(cause))
      .catch((failure: PorticoError) => failure);
    expect(error.cause).toBe(cause);
    expect(error.details).toEqual({ pluginId: 'p-a', hook: 'hook', reason: 'error' });
  });

  it('fails a hook that outlives its time limit', async () => {
    const invoker = new PluginInvoker(memoryLogger());
    const error = (await invoker
      .invoke('p-slow', 'onRequest', () => new Promise(() => undefined), { timeoutMs: 20 })
      .catch((failure: unknown) => failure)) as PorticoError;
    expect(error.code).toBe(ErrorCode.PLUGIN_RUNTIME_FAILURE);
    expect(error.details.reason).toBe('timeout');
    expect(invoker.failureCounts()).toEqual([{ pluginId: 'p-slow', hook: 'onRequest', count: 1 }]);
  });
});

describe('PluginInvoker and UnsupportedParameterError', () => {
  it("answers the caller 400 naming the parameter, without counting a plugin failure", async () => {
    const { PluginInvoker } = await import('./plugin-invoker.js');
    const { UnsupportedParameterError } = await import('../plugin-sdk/request-errors.js');
    const invoker = new PluginInvoker({ debug() {}, info() {}, warn() {}, error() {} });
    const thrown = (() => {
      try {
        invoker.invokeSync('provider-x', 'chat.buildRequest', () => {
          throw new UnsupportedParameterError('n', 'one choice per request');
        });
      } catch (error) {
        return error as { code: string; status: number; details: Record<string, unknown> };
      }
    })();
    expect(thrown).toMatchObject({ code: 'PORTICO_ERR_BAD_REQUEST', status: 400, details: { param: 'n' } });
    await expect(invoker.invoke('provider-x', 'chat.buildRequest', () => Promise.reject(new UnsupportedParameterError('tools', 'no tools')))).rejects.toMatchObject({ status: 400 });
    expect(invoker.failureCounts()).toEqual([]);
  });
});
