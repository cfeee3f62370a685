import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../common/errors.js';
import type { ChatCompletionChunk, ProviderAdapter, ProviderTarget } from '../plugin-sdk/index.js';
import { bundledOf, echoAdapter, memoryLogger, providerDefinition, sampleRequest } from './__fixtures__/definitions.js';
import { PluginHost } from './plugin-host.js';
import { ProviderCaller, ProviderStreamError, type Transport, type TransportResponse } from './provider-call.js';

const target: ProviderTarget = { baseUrl: 'https://upstream.test', extra: {}, model: 'm' };
const chunk = (content: string) => ({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: null }] });

function transportAnswering(answer: TransportResponse): Transport & { sent: unknown[] } {
  const sent: unknown[] = [];
  return { sent, send: async (request) => (sent.push(request), answer) };
}

async function hostWith(adapter: ProviderAdapter) {
  const logger = memoryLogger();
  const host = new PluginHost({ plugins: ['p-test'], bundled: bundledOf({ 'p-test': providerDefinition('p-test', {}, adapter) }), logger });
  await host.start();
  return { host, logger };
}

async function collect(chunks: AsyncIterable<ChatCompletionChunk>): Promise<string[]> {
  const contents: string[] = [];
  for await (const item of chunks) contents.push(item.choices[0].delta.content ?? '');
  return contents;
}

describe('ProviderCaller', () => {
  it('refuses to send without a transport', async () => {
    const { host } = await hostWith(echoAdapter);
    await expect(new ProviderCaller(host).chat({ providerId: 'p-test', target, request: sampleRequest })).rejects.toMatchObject({
      code: ErrorCode.INTERNAL,
    });
  });

  it('builds, sends and parses a response through the transport', async () => {
    const { host } = await hostWith(echoAdapter);
    const body = JSON.stringify({ id: 'x', object: 'chat.completion', created: 1, model: 'm', choices: [] });
    const transport = transportAnswering({ status: 200, headers: {}, body });
    const result = await new ProviderCaller(host, transport).chat({ providerId: 'p-test', target, request: sampleRequest });
    expect(result).toMatchObject({ ok: true, kind: 'response', response: { id: 'x' } });
    expect(transport.sent).toEqual([{ method: 'POST', url: 'https://upstream.test/chat', headers: {}, body: JSON.stringify(sampleRequest) }]);
  });

  it('maps a non-2xx answer with the adapter', async () => {
    const { host } = await hostWith(echoAdapter);
    const transport = transportAnswering({ status: 429, headers: { 'retry-after': '3' }, body: 'slow down' });
    const result = await new ProviderCaller(host, transport).chat({ providerId: 'p-test', target, request: sampleRequest });
    expect(result).toEqual({ ok: false, status: 429, headers: { 'retry-after': '3' }, error: { class: 'rate_limit', status: 429, message: 'slow down' } });
  });

  it('isolates an adapter that throws (sync parse) or rejects (local upstream): coded, counted, process up', async () => {
    const broken: ProviderAdapter = {
      ...echoAdapter,
      chat: { ...echoAdapter.chat, parseResponse: () => JSON.parse('{not json') },
      localUpstream: async (request) => {
        if (String(request.body).includes('reject')) throw new Error('local upstream crashed');
        return { status: 200, headers: {}, body: '{}' };
      },
    };
    const { host, logger } = await hostWith(broken);
    const caller = new ProviderCaller(host);
    await expect(caller.chat({ providerId: 'p-test', target, request: sampleRequest })).rejects.toMatchObject({
      code: ErrorCode.PLUGIN_RUNTIME_FAILURE,
      status: 502,
      details: { pluginId: 'p-test', hook: 'chat.parseResponse' },
    });
    const rejecting = { ...sampleRequest, messages: [{ role: 'user' as const, content: 'reject' }] };
    await expect(caller.chat({ providerId: 'p-test', target, request: rejecting })).rejects.toMatchObject({
      code: ErrorCode.PLUGIN_RUNTIME_FAILURE,
      details: { hook: 'localUpstream' },
    });
    expect(host.failureCounts()).toEqual([
      { pluginId: 'p-test', hook: 'chat.parseResponse', count: 1 },
      { pluginId: 'p-test', hook: 'localUpstream', count: 1 },
    ]);
    expect(logger.lines.filter((line) => line.level === 'error')).toHaveLength(2);
    expect(host.ready).toBe(true);
  });

  it('streams chunks parsed from SSE split anywhere, and stops at the end marker', async () => {
    const { host } = await hostWith(echoAdapter);
    const text = `data: ${JSON.stringify(chunk('He'))}\r\n\r\ndata: ${JSON.stringify(chunk('llo'))}\n\ndata: [DONE]\n\n`;
    async function* body() {
      for (let i = 0; i < text.length; i += 5) yield new TextEncoder().encode(text.slice(i, i + 5));
    }
    const caller = new ProviderCaller(host, transportAnswering({ status: 200, headers: {}, body: body() }));
    const result = await caller.chat({ providerId: 'p-test', target, request: { ...sampleRequest, stream: true } });
    if (!result.ok || result.kind !== 'stream') throw new Error('expected a stream');
    expect(await collect(result.chunks)).toEqual(['He', 'llo']);
    expect(result.state.done).toBe(true);
  });

  it('fails a stream that ends without its end marker with ProviderStreamError', async () => {
    const { host } = await hostWith(echoAdapter);
    const caller = new ProviderCaller(host, transportAnswering({ status: 200, headers: {}, body: `data: ${JSON.stringify(chunk('a'))}\n\n` }));
    const result = await caller.chat({ providerId: 'p-test', target, request: { ...sampleRequest, stream: true } });
    if (!result.ok || result.kind !== 'stream') throw new Error('expected a stream');
    const error = await collect(result.chunks).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ProviderStreamError);
    expect((error as ProviderStreamError).providerError).toMatchObject({ class: 'server', status: 502 });
  });

  it('reports an unknown provider as PLUGIN_NOT_FOUND', async () => {
    const { host } = await hostWith(echoAdapter);
    await expect(new ProviderCaller(host).chat({ providerId: 'nope', target, request: sampleRequest })).rejects.toMatchObject({
      code: ErrorCode.PLUGIN_NOT_FOUND,
    });
  });
});
