import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../common/errors.js';
import type { ChatCompletionRequest, Guard } from '../plugin-sdk/index.js';
import { bundledOf, guardDefinition, memoryLogger, sampleRequest } from './__fixtures__/definitions.js';
import { PluginHost } from './plugin-host.js';

const call = { requestId: 'req-1', workspaceId: 'ws-1' };

async function hostWithGuards(guards: Record<string, [number, Guard]>) {
  const definitions = Object.fromEntries(Object.entries(guards).map(([id, [priority, guard]]) => [id, guardDefinition(id, priority, guard)]));
  const host = new PluginHost({ plugins: Object.keys(guards), bundled: bundledOf(definitions), logger: memoryLogger() });
  await host.start();
  return host;
}

const appendWord = (seen: string[], id: string): Guard => ({
  onRequest: (ctx, request) => {
    seen.push(`${id}:${ctx.requestId}:${JSON.stringify(ctx.config)}`);
    const content = `${request.messages[0].content as string} ${id}`;
    return { action: 'modify', value: { ...request, messages: [{ role: 'user', content }] } };
  },
});

describe('runRequestGuards / runResponseGuards', () => {
  it('runs guards by priority (highest first) whatever the binding order, chaining modifications', async () => {
    const seen: string[] = [];
    const host = await hostWithGuards({ 'g-low': [10, appendWord(seen, 'g-low')], 'g-high': [500, appendWord(seen, 'g-high')] });
    const result = await host.runRequestGuards(
      [{ pluginId: 'g-low', config: { level: 1 } }, { pluginId: 'g-high' }],
      call,
      sampleRequest,
    );
    expect(seen).toEqual(['g-high:req-1:{}', 'g-low:req-1:{"level":1}']);
    expect(result).toMatchObject({ outcome: 'pass', modifiedBy: ['g-high', 'g-low'], failures: [] });
    expect(result.outcome === 'pass' && result.value.messages[0].content).toBe('hello g-high g-low');
  });

  it('hands a binding without a config the same empty config on every call (a guard may derive things from it once)', async () => {
    const configs: unknown[] = [];
    const host = await hostWithGuards({ 'g-cfg': [10, { onRequest: (ctx) => (configs.push(ctx.config), { action: 'pass' }) }] });
    await host.runRequestGuards([{ pluginId: 'g-cfg' }], call, sampleRequest);
    await host.runRequestGuards([{ pluginId: 'g-cfg' }], { ...call, requestId: 'req-2' }, sampleRequest);
    expect(configs).toHaveLength(2);
    expect(configs[0]).toEqual({});
    expect(configs[1]).toBe(configs[0]);
    expect(Object.isFrozen(configs[0])).toBe(true);
  });

  it('stops at the first block and does not run lower guards', async () => {
    const seen: string[] = [];
    const blocker: Guard = { onRequest: () => ({ action: 'block', code: 'DENIED', status: 403, message: 'no' }) };
    const host = await hostWithGuards({ 'g-block': [100, blocker], 'g-after': [1, appendWord(seen, 'g-after')] });
    const result = await host.runRequestGuards([{ pluginId: 'g-block' }, { pluginId: 'g-after' }], call, sampleRequest);
    expect(result).toEqual({ outcome: 'block', failures: [], block: { pluginId: 'g-block', code: 'DENIED', status: 403, message: 'no', failure: false } });
    expect(seen).toEqual([]);
  });

  it('skips guards without the hook and runs onResponse on responses', async () => {
    const onlyResponse: Guard = { onResponse: (_ctx, response) => ({ action: 'modify', value: { ...response, id: 'changed' } }) };
    const host = await hostWithGuards({ 'g-resp': [1, onlyResponse] });
    expect((await host.runRequestGuards([{ pluginId: 'g-resp' }], call, sampleRequest)).outcome).toBe('pass');
    const response = { id: 'r', object: 'chat.completion' as const, created: 1, model: 'm', choices: [] };
    const result = await host.runResponseGuards([{ pluginId: 'g-resp' }], call, response);
    expect(result.outcome === 'pass' && result.value.id).toBe('changed');
  });

  describe('failures', () => {
    const throwingSync: Guard = {
      onRequest: () => {
        throw new Error('sync bug');
      },
    };
    const rejecting: Guard = { onRequest: async () => Promise.reject(new Error('async bug')) };
    const slow: Guard = { onRequest: () => new Promise(() => undefined) };
    const malformed: Guard = { onRequest: () => ({ action: 'hold' }) as never };

    it.each([
      ['a sync throw', throwingSync],
      ['a rejection', rejecting],
      ['a timeout', slow],
      ['a malformed verdict', malformed],
    ])('fail-closed blocks with PLUGIN_RUNTIME_FAILURE on %s', async (_label, guard) => {
      const host = await hostWithGuards({ 'g-bad': [1, guard] });
      const result = await host.runRequestGuards([{ pluginId: 'g-bad', timeoutMs: 20 }], call, sampleRequest);
      expect(result.outcome).toBe('block');
      expect(result.outcome === 'block' && result.block).toEqual({
        pluginId: 'g-bad',
        code: ErrorCode.PLUGIN_RUNTIME_FAILURE,
        status: 503,
        message: 'guard "g-bad" failed and is configured to fail closed',
        failure: true,
      });
      expect(host.failureCounts()).toEqual([{ pluginId: 'g-bad', hook: 'onRequest', count: 1 }]);
    });

    it('fail-open passes the value on, reports the failure and keeps running the next guards', async () => {
      const seen: string[] = [];
      const host = await hostWithGuards({ 'g-bad': [9, throwingSync], 'g-next': [1, appendWord(seen, 'g-next')] });
      const result = await host.runRequestGuards([{ pluginId: 'g-bad', failMode: 'open' }, { pluginId: 'g-next' }], call, sampleRequest);
      expect(result.outcome).toBe('pass');
      expect(result.failures.map((failure) => [failure.pluginId, failure.hook, failure.failMode, failure.error.code])).toEqual([
        ['g-bad', 'onRequest', 'open', ErrorCode.PLUGIN_RUNTIME_FAILURE],
      ]);
      expect(seen).toHaveLength(1);
    });

    it('enforces the per-guard time budget from the binding', async () => {
      const host = await hostWithGuards({ 'g-slow': [1, { onRequest: () => new Promise((resolve) => setTimeout(() => resolve({ action: 'pass' }), 80)) }] });
      const started = performance.now();
      const tight = await host.runRequestGuards([{ pluginId: 'g-slow', timeoutMs: 20, failMode: 'open' }], call, sampleRequest);
      expect(performance.now() - started).toBeLessThan(70);
      expect(tight.failures[0]?.error.details.reason).toBe('timeout');
      const loose = await host.runRequestGuards([{ pluginId: 'g-slow', timeoutMs: 500 }], call, sampleRequest);
      expect(loose).toMatchObject({ outcome: 'pass', failures: [] });
    });

    it('treats a binding to a guard that is not loaded as a failure of that guard', async () => {
      const host = await hostWithGuards({});
      const result = await host.runRequestGuards([{ pluginId: 'g-gone' }], call, sampleRequest as ChatCompletionRequest);
      expect(result).toMatchObject({ outcome: 'block', block: { pluginId: 'g-gone', failure: true } });
    });
  });
});
