import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode, PorticoError } from '../../src/common/errors.js';
import { PluginHost } from '../../src/plugin-host/plugin-host.js';
import { ProviderCaller, ProviderStreamError, type ChatResult, type Transport } from '../../src/plugin-host/provider-call.js';
import type { ChatCompletionChunk, ChatCompletionRequest, UpstreamRequest } from '../../src/plugin-sdk/index.js';
import { FIXTURE_TARGET } from './fixtures.js';

const fixturesDir = join(__dirname, '__fixtures__');
const hosts: PluginHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.stop()));
});

/** A transport that answers every request with one recorded Gemini answer, written piece by piece. */
function replaying(status: number, pieces: string[], sent: UpstreamRequest[] = []): Transport {
  return {
    send: async (request) => {
      sent.push(request);
      async function* body() {
        for (const piece of pieces) yield new TextEncoder().encode(piece);
      }
      return { status, headers: { 'content-type': 'text/event-stream' }, body: body() };
    },
  };
}

async function callerWith(transport: Transport): Promise<ProviderCaller> {
  const host = new PluginHost({ plugins: ['provider-gemini'], config: { 'provider-gemini': {} } });
  hosts.push(host);
  await host.start();
  return new ProviderCaller(host, transport);
}

function chat(caller: ProviderCaller, request: ChatCompletionRequest): Promise<ChatResult> {
  return caller.chat({ providerId: 'provider-gemini', target: FIXTURE_TARGET, request });
}

async function drain(result: ChatResult): Promise<ChatCompletionChunk[]> {
  if (!result.ok || result.kind !== 'stream') throw new Error(`expected a stream, got ${JSON.stringify(result)}`);
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of result.chunks) chunks.push(chunk);
  return chunks;
}

const streamed: ChatCompletionRequest = { model: 'gemini-2.0-flash', messages: [{ role: 'user', content: 'Hello' }], stream: true };
const goodStream = readFileSync(join(fixturesDir, 'good-stream.body.sse'), 'utf8');

describe('provider-gemini through the plugin host', () => {
  it('loads as a bundled plugin and lists its default models', async () => {
    const caller = await callerWith(replaying(200, []));
    const models = await caller.listModels('provider-gemini', { baseUrl: '', extra: {} });
    expect(models.map((model) => model.id)).toContain('gemini-2.5-flash');
  });

  it('ends a Gemini stream (no [DONE]) normally, at its finishReason', async () => {
    const sent: UpstreamRequest[] = [];
    const caller = await callerWith(replaying(200, [goodStream.slice(0, 100), goodStream.slice(100)], sent));
    const chunks = await drain(await chat(caller, streamed));
    expect(chunks.map((chunk) => chunk.choices[0].delta.content).join('')).toBe('Hello! Portico is streaming this reply from Gemini.\n');
    expect(sent[0].url).toBe('https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse');
  });

  it('reports a stream cut before its finishReason as a stream failure', async () => {
    const firstEvent = goodStream.slice(0, goodStream.indexOf('\r\n\r\n') + 4);
    const caller = await callerWith(replaying(200, [firstEvent]));
    await expect(drain(await chat(caller, streamed))).rejects.toBeInstanceOf(ProviderStreamError);
  });

  it('maps an error answer through mapError', async () => {
    const body = readFileSync(join(fixturesDir, 'rate-limited.body.json'), 'utf8');
    const result = await chat(await callerWith(replaying(429, [body])), { ...streamed, stream: false });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatchObject({ class: 'rate_limit', status: 429, retryAfterSeconds: 28 });
  });

  it('answers an unsupported parameter as the caller’s 400, not a plugin failure', async () => {
    const caller = await callerWith(replaying(200, []));
    const refused = await chat(caller, { ...streamed, logit_bias: { '1': 5 } }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PorticoError);
    expect((refused as PorticoError).code).toBe(ErrorCode.BAD_REQUEST);
  });
});
