import { describe, expect, it } from 'vitest';
import type { ChatCompletionChunk, Guard } from '../plugin-sdk/index.js';
import { bundledOf, guardDefinition, memoryLogger, sampleRequest } from './__fixtures__/definitions.js';
import { PluginHost } from './plugin-host.js';

const call = { requestId: 'req-1', workspaceId: 'ws-1' };

/** Replaces "secret" by a token in the request and puts it back in the response and the stream, through callState. */
const tokeniser: Guard = {
  onRequest: (ctx, request) => {
    ctx.callState.token = 'TOKEN_1';
    const content = (request.messages[0].content as string).replace('secret', 'TOKEN_1');
    return { action: 'modify', value: { ...request, messages: [{ role: 'user', content }] } };
  },
  onResponse: (ctx, response) => ({
    action: 'modify',
    value: { ...response, id: response.id.replace(String(ctx.callState.token), 'secret') },
  }),
  onStreamChunk: (ctx, chunk) => ({
    action: 'modify',
    value: [{ ...chunk, id: chunk.id.replace(String(ctx.callState.token), 'secret') }],
  }),
};

describe('GuardSession', () => {
  it("shares each guard's callState across its request, response and stream hooks within one call, not across calls", async () => {
    const host = new PluginHost({ plugins: ['g-token'], bundled: bundledOf({ 'g-token': guardDefinition('g-token', 1, tokeniser) }), logger: memoryLogger() });
    await host.start();
    const session = host.openGuardSession([{ pluginId: 'g-token' }], call);
    const request = await session.request({ ...sampleRequest, messages: [{ role: 'user', content: 'a secret' }] });
    expect(request.outcome === 'pass' && request.value.messages[0].content).toBe('a TOKEN_1');
    const response = await session.response({ id: 'said TOKEN_1', object: 'chat.completion', created: 1, model: 'm', choices: [] });
    expect(response.outcome === 'pass' && response.value.id).toBe('said secret');
    const chunk: ChatCompletionChunk = { id: 'TOKEN_1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [] };
    const step = await session.stream().push(chunk);
    expect(step).toMatchObject({ outcome: 'emit', chunks: [{ id: 'secret' }] });

    const other = host.openGuardSession([{ pluginId: 'g-token' }], { ...call, requestId: 'req-2' });
    const fresh = await other.response({ id: 'said TOKEN_1', object: 'chat.completion', created: 1, model: 'm', choices: [] });
    expect(fresh.outcome === 'pass' && fresh.value.id).toBe('said TOKEN_1');
  });
});
