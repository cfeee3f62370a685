import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../common/errors.js';
import type { ChatCompletionChunk, Guard } from '../plugin-sdk/index.js';
import { bundledOf, guardDefinition, memoryLogger } from './__fixtures__/definitions.js';
import { PluginHost } from './plugin-host.js';

const call = { requestId: 'req-1', workspaceId: 'ws-1' };
const chunk = (content: string): ChatCompletionChunk => ({
  id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: null }],
});
const text = (chunks: ChatCompletionChunk[]) => chunks.map((item) => item.choices[0]?.delta.content ?? '');

async function hostWithGuards(guards: Record<string, [number, Guard]>) {
  const definitions = Object.fromEntries(Object.entries(guards).map(([id, [priority, guard]]) => [id, guardDefinition(id, priority, guard)]));
  const host = new PluginHost({ plugins: Object.keys(guards), bundled: bundledOf(definitions), logger: memoryLogger() });
  await host.start();
  return host;
}

/** Masks "secret" even when it is split across chunks, by holding chunks that end in a prefix of it. */
const masker: Guard = {
  onStreamChunk: (_ctx, current, state) => {
    const joined = [...state.held, current].map((item) => item.choices[0].delta.content).join('');
    if ('secret'.split('').some((_, i) => joined.endsWith('secret'.slice(0, i + 1))) && !joined.endsWith('secret')) return { action: 'hold' };
    return { action: 'modify', value: [chunk(joined.replaceAll('secret', '******'))] };
  },
  onStreamEnd: (_ctx, state) =>
    state.held.length === 0
      ? { action: 'pass' }
      : { action: 'modify', value: [chunk(state.held.map((item) => item.choices[0].delta.content).join(''))] },
};

const upper: Guard = {
  onStreamChunk: (_ctx, current) => ({ action: 'modify', value: [chunk((current.choices[0].delta.content ?? '').toUpperCase())] }),
};

describe('GuardStream', () => {
  it('holds a value split across chunks and releases it masked', async () => {
    const host = await hostWithGuards({ 'g-mask': [10, masker] });
    const stream = host.openGuardStream([{ pluginId: 'g-mask' }], call);
    const steps = [];
    for (const piece of ['my se', 'cr', 'et!', ' out']) steps.push(await stream.push(chunk(piece)));
    steps.push(await stream.end());
    expect(steps.map((step) => (step.outcome === 'emit' ? text(step.chunks) : step.outcome))).toEqual([[], [], ['my ******!'], [' out'], []]);
  });

  it('feeds each guard what the higher-priority guard released, and flushes held chunks at the end', async () => {
    const host = await hostWithGuards({ 'g-upper': [1, upper], 'g-mask': [10, masker] });
    const stream = host.openGuardStream([{ pluginId: 'g-upper' }, { pluginId: 'g-mask' }], call);
    expect(await stream.push(chunk('a sec'))).toEqual({ outcome: 'emit', chunks: [] });
    expect(await stream.end()).toEqual({ outcome: 'emit', chunks: [chunk('A SEC')] });
  });

  it('blocks on a block verdict and stays blocked', async () => {
    const blocker: Guard = { onStreamChunk: (_ctx, current) => (current.choices[0].delta.content === 'bad' ? { action: 'block', code: 'BAD', status: 400, message: 'bad' } : { action: 'pass' }) };
    const host = await hostWithGuards({ 'g-block': [1, blocker] });
    const stream = host.openGuardStream([{ pluginId: 'g-block' }], call);
    expect(await stream.push(chunk('ok'))).toEqual({ outcome: 'emit', chunks: [chunk('ok')] });
    const blocked = { outcome: 'block', block: { pluginId: 'g-block', code: 'BAD', status: 400, message: 'bad', failure: false } };
    expect(await stream.push(chunk('bad'))).toEqual(blocked);
    expect(await stream.push(chunk('ok'))).toEqual(blocked);
    expect(await stream.end()).toEqual(blocked);
  });

  it('fail-open releases held chunks when the guard breaks; fail-closed blocks', async () => {
    let calls = 0;
    const flaky: Guard = {
      onStreamChunk: () => {
        calls += 1;
        if (calls % 2 === 1) return { action: 'hold' };
        throw new Error('guard bug');
      },
    };
    const open = await hostWithGuards({ 'g-flaky': [1, flaky] });
    const openStream = open.openGuardStream([{ pluginId: 'g-flaky', failMode: 'open' }], call);
    expect(text(((await openStream.push(chunk('a'))) as { chunks: ChatCompletionChunk[] }).chunks)).toEqual([]);
    expect(text(((await openStream.push(chunk('b'))) as { chunks: ChatCompletionChunk[] }).chunks)).toEqual(['a', 'b']);
    expect(openStream.failures.map((failure) => failure.error.code)).toEqual([ErrorCode.PLUGIN_RUNTIME_FAILURE]);

    calls = 0;
    const closed = await hostWithGuards({ 'g-flaky': [1, flaky] });
    const closedStream = closed.openGuardStream([{ pluginId: 'g-flaky' }], call);
    await closedStream.push(chunk('a'));
    expect(await closedStream.push(chunk('b'))).toMatchObject({ outcome: 'block', block: { code: ErrorCode.PLUGIN_RUNTIME_FAILURE, failure: true } });
  });

  it('treats hold at the end of a stream and a non-array modify as guard failures', async () => {
    const wrong: Guard = { onStreamChunk: () => ({ action: 'modify', value: chunk('x') as never }), onStreamEnd: () => ({ action: 'hold' }) as never };
    const host = await hostWithGuards({ 'g-wrong': [1, wrong] });
    const stream = host.openGuardStream([{ pluginId: 'g-wrong', failMode: 'open' }], call);
    expect(await stream.push(chunk('a'))).toEqual({ outcome: 'emit', chunks: [chunk('a')] });
    expect(await stream.end()).toEqual({ outcome: 'emit', chunks: [] });
    expect(host.failureCounts()).toEqual([
      { pluginId: 'g-wrong', hook: 'onStreamChunk', count: 1 },
      { pluginId: 'g-wrong', hook: 'onStreamEnd', count: 1 },
    ]);
  });
});
