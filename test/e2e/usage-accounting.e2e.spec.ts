import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UndiciTransport } from '../../src/gateway/transport/undici-transport';
import type { ChatCompletionRequest, ProviderTarget } from '../../src/plugin-sdk';
import { PluginHost } from '../../src/plugin-host/plugin-host';
import { ProviderCaller } from '../../src/plugin-host/provider-call';
import { ChatMeter } from '../../src/gateway/pipeline/metering';
import type { AttemptTarget } from '../../src/gateway/pipeline/ports';
import { UsageMeter, type MeteredUsage } from '../../src/usage/accounting';
import type { Price } from '../../src/usage/prices/price';
import { startFakeAnthropic, type FakeAnthropic } from '../support/fakes/anthropic-upstream';
import { startFakeGemini, type FakeGemini } from '../support/fakes/gemini-upstream';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fakes/openai-upstream';

/**
 * Streamed = buffered: the same request through the real plugin host, provider caller and undici
 * transport, once as JSON and once as a stream, meters to the same usage for every provider plugin.
 */
const PLUGINS = ['provider-mock', 'provider-openai', 'provider-openai-compatible', 'provider-anthropic', 'provider-gemini'];

let host: PluginHost;
let transport: UndiciTransport;
let caller: ProviderCaller;
let openai: FakeOpenAI;
let anthropic: FakeAnthropic;
let gemini: FakeGemini;

beforeAll(async () => {
  [openai, anthropic, gemini] = await Promise.all([startFakeOpenAI({ chunkDelayMs: 1 }), startFakeAnthropic(), startFakeGemini()]);
  host = new PluginHost({ plugins: PLUGINS });
  await host.start();
  transport = new UndiciTransport();
  caller = new ProviderCaller(host, transport);
});

afterAll(async () => {
  await transport?.close();
  await host?.stop();
  await Promise.all([openai?.close(), anthropic?.close(), gemini?.close()]);
});

const question: ChatCompletionRequest = {
  model: 'placeholder',
  messages: [
    { role: 'system', content: 'Answer briefly.' },
    { role: 'user', content: 'What does a gateway meter for every call?' },
  ],
  max_completion_tokens: 64,
};

/** $3 in, $15 out, $0.30 cached in, per 1M tokens: a 90% cached-input discount, as providers price prompt caching. */
const PRICE: Price = {
  id: 'price',
  workspaceId: null,
  pluginId: 'any',
  model: 'any',
  inputPerMTok: 3,
  outputPerMTok: 15,
  cachedInputPerMTok: 0.3,
  reasoningPerMTok: null,
  perRequest: null,
  perImage: null,
  currency: 'USD',
  effectiveFrom: new Date(0),
  createdAt: new Date(0),
  createdBy: 'system',
};

interface Both {
  buffered: MeteredUsage;
  streamed: MeteredUsage;
  /** What the /v1 pipeline charges for each (its own ChatMeter), in nano-USD. */
  cost: { buffered: number | null; streamed: number | null };
}

async function meterBoth(providerId: string, target: ProviderTarget): Promise<Both> {
  const request = { ...question, model: target.model };
  const attemptTarget = { account: { pluginId: providerId }, model: target.model } as unknown as AttemptTarget;
  const pricer = { priceAt: () => PRICE };
  const json = await caller.chat({ providerId, target, request: { ...request, stream: false } });
  if (!json.ok || json.kind !== 'response') throw new Error(`${providerId} buffered call failed: ${JSON.stringify(json)}`);
  const buffered = new UsageMeter().fromResponse(json.response, request);
  const bufferedCost = new ChatMeter(pricer, 'ws', request, new Date()).response(json.response, attemptTarget).costNanoUsd;

  const streamRequest = { ...request, stream: true, stream_options: { include_usage: true } };
  const sse = await caller.chat({ providerId, target, request: streamRequest });
  if (!sse.ok || sse.kind !== 'stream') throw new Error(`${providerId} streamed call failed: ${JSON.stringify(sse)}`);
  const meter = new UsageMeter();
  const charged = new ChatMeter(pricer, 'ws', streamRequest, new Date());
  for await (const chunk of sse.chunks) {
    meter.observe(chunk);
    charged.observe(chunk);
  }
  return { buffered, streamed: meter.finish(streamRequest), cost: { buffered: bufferedCost, streamed: charged.stream(attemptTarget).costNanoUsd } };
}

describe('usage accounting: streamed = buffered, per provider plugin', () => {
  const targets: Record<string, () => ProviderTarget> = {
    'provider-mock': () => ({ baseUrl: '', apiKey: 'sk-mock', extra: {}, model: 'mock-chat' }),
    'provider-openai': () => ({ baseUrl: openai.baseUrl, apiKey: 'sk-fake', extra: {}, model: 'gpt-4o-mini' }),
    'provider-openai-compatible': () => ({ baseUrl: openai.baseUrl, apiKey: 'sk-fake', extra: {}, model: 'gpt-4o-mini' }),
    'provider-anthropic': () => ({ baseUrl: anthropic.url, apiKey: 'sk-ant-fake', extra: {}, model: 'claude-3-5-haiku-latest' }),
    'provider-gemini': () => ({ baseUrl: gemini.url, apiKey: 'gem-fake', extra: {}, model: 'gemini-2.0-flash' }),
  };

  it.each(PLUGINS)('%s reports the same provider usage, and costs the same, in both modes', async (providerId) => {
    const { buffered, streamed, cost } = await meterBoth(providerId, targets[providerId]());
    console.info(`${providerId}: buffered ${JSON.stringify(buffered)} streamed ${JSON.stringify(streamed)} cost ${JSON.stringify(cost)}`);
    expect(buffered.estimated).toBe(false);
    expect(buffered.promptTokens).toBeGreaterThan(0);
    expect(buffered.completionTokens).toBeGreaterThan(0);
    expect(streamed).toEqual(buffered);
    expect(cost.buffered).toBe(buffered.promptTokens * 3_000 + buffered.completionTokens * 15_000 - buffered.cachedTokens * 2_700);
    expect(cost.streamed).toBe(cost.buffered);
  });

  it('provider-openai: cached and reasoning tokens survive both modes', async () => {
    const details = { kind: 'ok' as const, cachedTokens: 4, reasoningTokens: 3 };
    openai.setScript([details, details]);
    const { buffered, streamed, cost } = await meterBoth('provider-openai', targets['provider-openai']());
    expect(buffered).toMatchObject({ cachedTokens: 4, reasoningTokens: 3, estimated: false });
    expect(streamed).toEqual(buffered);
    // 4 cached prompt tokens at $0.30 instead of $3 per 1M: 4 × 2 700 nano-USD cheaper than list price.
    expect(cost.buffered).toBe(buffered.promptTokens * 3_000 - 4 * 2_700 + buffered.completionTokens * 15_000);
    expect(cost.streamed).toBe(cost.buffered);
  });

  it('provider-anthropic: cache reads are reported as cached tokens in both modes', async () => {
    const usage = { usage: { input_tokens: 20, output_tokens: 7, cache_read_input_tokens: 12 } };
    anthropic.setScript(usage, usage);
    const { buffered, streamed, cost } = await meterBoth('provider-anthropic', targets['provider-anthropic']());
    console.info(`anthropic cache: buffered ${JSON.stringify(buffered)} streamed ${JSON.stringify(streamed)} cost ${JSON.stringify(cost)}`);
    expect(buffered).toMatchObject({ promptTokens: 32, completionTokens: 7, cachedTokens: 12, estimated: false }); // prompt = input + cache reads
    expect(streamed).toEqual(buffered);
    expect(cost).toEqual({ buffered: 20 * 3_000 + 12 * 300 + 7 * 15_000, streamed: 20 * 3_000 + 12 * 300 + 7 * 15_000 });
  });

  it('an upstream stream without usage (openai-compatible, supportsStreamUsage: false): both estimated by the tokenizer, still equal', async () => {
    const target = { ...targets['provider-openai-compatible'](), extra: { supportsStreamUsage: false } };
    const { buffered: reported, streamed } = await meterBoth('provider-openai-compatible', target);
    expect(reported.estimated).toBe(false);
    expect(streamed.estimated).toBe(true);

    // The buffered answer carries usage; drop it to meter the same answer without provider figures.
    const request = { ...question, model: target.model };
    const json = await caller.chat({ providerId: 'provider-openai-compatible', target, request });
    if (!json.ok || json.kind !== 'response') throw new Error('buffered call failed');
    const estimated = new UsageMeter().fromResponse({ ...json.response, usage: undefined }, request);
    console.info(`no stream usage: estimated buffered ${JSON.stringify(estimated)} streamed ${JSON.stringify(streamed)} provider ${JSON.stringify(reported)}`);
    expect(estimated.estimated).toBe(true);
    expect(streamed).toEqual(estimated);
  });
});
