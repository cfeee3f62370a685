import { describe, expect, it } from 'vitest';
import type { ChatCompletionRequest, ChatCompletionResponse } from '../../src/plugin-sdk/index.js';
import { createGuardContext, runGuardStream, streamText, textStream } from '../../src/plugin-sdk/testing/guard-conformance.js';
import { CONTENT_POLICY_CODES as CODES } from './codes.js';
import type { ContentPolicyBinding } from './config.schema.js';
import { CONTENT_POLICY_STATE_KEY, type ContentPolicyReport, createContentPolicyGuard } from './guard.js';

const guard = createContentPolicyGuard({ tokenizer: 'auto' });
type Binding = Record<string, unknown>;

function request(content: string, model = 'openai/gpt-4o-mini'): ChatCompletionRequest {
  return { model, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content }] };
}

function response(...texts: (string | null)[]): ChatCompletionResponse {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'm',
    choices: texts.map((content, index) => ({ index, message: { role: 'assistant', content }, finish_reason: 'stop' })),
  };
}

function context(binding: Binding) {
  return createGuardContext(binding as unknown as ContentPolicyBinding);
}

async function onRequest(binding: Binding, body: ChatCompletionRequest) {
  const ctx = context(binding);
  return { verdict: await guard.onRequest!(ctx, body), ctx };
}

async function onResponse(binding: Binding, body: ChatCompletionResponse) {
  const ctx = context(binding);
  return { verdict: await guard.onResponse!(ctx, body), ctx };
}

async function stream(binding: Binding, pieces: string[]) {
  const ctx = context(binding);
  return { run: await runGuardStream(guard, ctx, textStream(pieces)), ctx };
}

const flags = (ctx: ReturnType<typeof context>) => (ctx.callState[CONTENT_POLICY_STATE_KEY] as ContentPolicyReport | undefined)?.flags ?? [];

describe('guard-content-policy on the prompt', () => {
  it('lets everything through with the default binding', async () => {
    expect((await onRequest({}, request('anything at all'))).verdict).toEqual({ action: 'pass' });
  });

  it('refuses a model outside the allowed globs (403)', async () => {
    const binding = { models: { allow: ['openai/gpt-4o*', 'chat-*'] } };
    expect((await onRequest(binding, request('hi', 'anthropic/claude-3-opus'))).verdict).toMatchObject({ action: 'block', code: CODES.MODEL_NOT_ALLOWED, status: 403 });
    expect((await onRequest(binding, request('hi', 'chat-default'))).verdict).toEqual({ action: 'pass' });
  });

  it('refuses a prompt over the token limit (413)', async () => {
    const binding = { inputTokens: { max: 50 } };
    expect((await onRequest(binding, request('word '.repeat(100)))).verdict).toMatchObject({ action: 'block', code: CODES.INPUT_TOO_LONG, status: 413 });
    expect((await onRequest(binding, request('short question'))).verdict).toEqual({ action: 'pass' });
  });

  it('refuses a denied term, whatever its case, accents and spacing, without naming it (400)', async () => {
    const binding = { terms: { deny: ['Project Nightfall', 'crème brûlée'] } };
    const { verdict } = await onRequest(binding, request('Tell me about PROJECT   nightfall.'));
    expect(verdict).toMatchObject({ action: 'block', code: CODES.DENIED_TERM, status: 400 });
    expect((verdict as { message: string }).message.toLowerCase()).not.toContain('nightfall');
    expect((await onRequest(binding, request('A CREME BRULEE recipe?'))).verdict).toMatchObject({ code: CODES.DENIED_TERM });
    expect((await onRequest(binding, request('Nightfall project notes'))).verdict).toEqual({ action: 'pass' });
  });

  it('exempts a denied term inside an allowed phrase', async () => {
    const binding = { terms: { deny: ['kill'], allow: ['kill the process'] } };
    expect((await onRequest(binding, request('How do I kill the process on port 3000?'))).verdict).toEqual({ action: 'pass' });
    expect((await onRequest(binding, request('How do I kill the neighbour?'))).verdict).toMatchObject({ code: CODES.DENIED_TERM });
  });

  it('reads only the roles the binding lists', async () => {
    const binding = { terms: { deny: ['brief'] } };
    expect((await onRequest(binding, request('hello'))).verdict).toEqual({ action: 'pass' });
    expect((await onRequest({ terms: { deny: ['brief'], roles: ['system'] } }, request('hello'))).verdict).toMatchObject({ code: CODES.DENIED_TERM });
  });

  it('refuses a prompt matching a regex rule, naming the rule', async () => {
    const binding = { regex: [{ id: 'card-number', pattern: '\\b(?:\\d[ -]?){15}\\d\\b' }] };
    const { verdict } = await onRequest(binding, request('My card is 4111 1111 1111 1111.'));
    expect(verdict).toMatchObject({ action: 'block', code: CODES.REGEX_MATCH, status: 400 });
    expect((verdict as { message: string }).message).toContain('card-number');
    expect((await onRequest(binding, request('Order 1234.'))).verdict).toEqual({ action: 'pass' });
  });

  it('leaves output-only regex rules out of the prompt', async () => {
    const binding = { regex: [{ id: 'secret', pattern: 'secret', appliesTo: 'output' }] };
    expect((await onRequest(binding, request('a secret'))).verdict).toEqual({ action: 'pass' });
  });

  it('flags instead of blocking, counting the hit for the call log', async () => {
    const binding = { terms: { deny: ['nightfall'], action: 'flag' }, models: { allow: ['x'], action: 'flag' } };
    const { verdict, ctx } = await onRequest(binding, request('nightfall?'));
    expect(verdict).toEqual({ action: 'pass' });
    expect(ctx.callState.counts).toEqual({ [CODES.MODEL_NOT_ALLOWED]: 1, [CODES.DENIED_TERM]: 1 });
    expect(flags(ctx)).toEqual([
      { code: CODES.MODEL_NOT_ALLOWED, rule: 'models', stage: 'request' },
      { code: CODES.DENIED_TERM, rule: 'terms', stage: 'request' },
    ]);
  });

  it('stops at the first blocking rule, after recording earlier flags', async () => {
    const binding = { models: { allow: ['x'], action: 'flag' }, terms: { deny: ['nightfall'] } };
    const { verdict, ctx } = await onRequest(binding, request('nightfall?'));
    expect(verdict).toMatchObject({ code: CODES.DENIED_TERM });
    expect(ctx.callState.counts).toEqual({ [CODES.MODEL_NOT_ALLOWED]: 1 });
  });

  it('fails with a coded error on a binding RE2 cannot compile', () => {
    expect(() => guard.onRequest!(context({ regex: [{ id: 'bad', pattern: '(a)\\1' }] }), request('a'))).toThrow(/^CONTENT_POLICY_BINDING_INVALID/);
  });
});

describe('guard-content-policy on a complete response', () => {
  it('requires valid JSON', async () => {
    const binding = { output: { json: { required: true } } };
    expect((await onResponse(binding, response('{"answer": 42}'))).verdict).toEqual({ action: 'pass' });
    expect((await onResponse(binding, response('Sure! {"answer": 42}'))).verdict).toMatchObject({ action: 'block', code: CODES.OUTPUT_NOT_JSON, status: 502 });
  });

  it('checks the JSON against a schema, naming the failing path', async () => {
    const binding = { output: { json: { schema: { type: 'object', required: ['answer'], properties: { answer: { type: 'integer' } } } } } };
    expect((await onResponse(binding, response('{"answer": 42}'))).verdict).toEqual({ action: 'pass' });
    const { verdict } = await onResponse(binding, response('{"answer": "many"}'));
    expect(verdict).toMatchObject({ action: 'block', code: CODES.OUTPUT_SCHEMA_MISMATCH, status: 502 });
    expect((verdict as { message: string }).message).toContain('/answer');
  });

  it('skips JSON checks for a choice without text (tool calls)', async () => {
    expect((await onResponse({ output: { json: { required: true } } }, response(null))).verdict).toEqual({ action: 'pass' });
  });

  it('refuses a denied output term and an overlong answer', async () => {
    expect((await onResponse({ output: { terms: { deny: ['internal only'] } } }, response('This is INTERNAL-only?', 'This is Internal only.'))).verdict).toMatchObject({ code: CODES.OUTPUT_DENIED_TERM, status: 502 });
    expect((await onResponse({ output: { maxChars: { max: 5 } } }, response('123456'))).verdict).toMatchObject({ code: CODES.OUTPUT_TOO_LONG });
    expect((await onResponse({ output: { maxChars: { max: 5 } } }, response('👩‍💻!'))).verdict).toEqual({ action: 'pass' });
  });

  it('runs output regex rules on the answer', async () => {
    const binding = { regex: [{ id: 'aws-key', pattern: 'AKIA[0-9A-Z]{16}', appliesTo: 'output' }] };
    expect((await onResponse(binding, response('key AKIAABCDEFGHIJKLMNOP'))).verdict).toMatchObject({ code: CODES.OUTPUT_REGEX_MATCH, status: 502 });
  });
});

describe('guard-content-policy over a stream', () => {
  const deny = { output: { terms: { deny: ['Project Nightfall', 'kill'] } } };

  it('catches a denied term split across two chunks', async () => {
    const { run } = await stream(deny, ['The code name is Project Night', 'fall, as planned.']);
    expect(run.blocked).toMatchObject({ code: CODES.OUTPUT_DENIED_TERM, status: 502 });
    expect(streamText(run.steps.flat())).not.toContain('Night');
  });

  it('catches a term split inside a word and across three chunks, ignoring case', async () => {
    const { run } = await stream(deny, ['We will K', 'i', 'LL it.']);
    expect(run.blocked).toMatchObject({ code: CODES.OUTPUT_DENIED_TERM });
  });

  it('catches a term that ends the stream', async () => {
    expect((await stream(deny, ['Then they will ', 'kill'])).run.blocked).toMatchObject({ code: CODES.OUTPUT_DENIED_TERM });
  });

  it('releases a held prefix once it turns into a different word', async () => {
    const { run } = await stream(deny, ['Improve your ski', 'lls and the project', ' nightly build.']);
    expect(run.blocked).toBeUndefined();
    expect(streamText(run.steps.flat())).toBe('Improve your skills and the project nightly build.');
    expect(run.verdicts.slice(1, 4).map((verdict) => (verdict as { action: string }).action)).toEqual(['pass', 'hold', 'pass']);
  });

  it('holds nothing when no text could start a term', async () => {
    const { run } = await stream(deny, ['A calm ', 'and quiet ', 'answer.']);
    expect(run.verdicts.every((verdict) => (verdict as { action: string }).action === 'pass')).toBe(true);
  });

  it('lets a denied term through inside an allowed phrase split across chunks', async () => {
    const binding = { output: { terms: { deny: ['kill'] } }, terms: { allow: ['kill the process'] } };
    const { run } = await stream(binding, ['Run this to kill ', 'the process: kill -9 1234']);
    expect(run.blocked).toMatchObject({ code: CODES.OUTPUT_DENIED_TERM });
    const allowed = await stream(binding, ['Run this to kill ', 'the pro', 'cess now.']);
    expect(allowed.run.blocked).toBeUndefined();
    expect(streamText(allowed.run.steps.flat())).toBe('Run this to kill the process now.');
  });

  it('stops a stream once it passes the length limit', async () => {
    const { run } = await stream({ output: { maxChars: { max: 10 } } }, ['12345', '67890', 'X']);
    expect(run.blocked).toMatchObject({ code: CODES.OUTPUT_TOO_LONG });
    expect(streamText(run.steps.flat())).toBe('1234567890');
  });

  it('checks JSON at the end of the stream', async () => {
    const binding = { output: { json: { required: true } } };
    expect((await stream(binding, ['{"a":', ' 1}'])).run.blocked).toBeUndefined();
    expect((await stream(binding, ['{"a":', ' 1'])).run.blocked).toMatchObject({ code: CODES.OUTPUT_NOT_JSON });
  });

  it('holds the whole answer when asked, so invalid JSON never reaches the client', async () => {
    const binding = { output: { json: { required: true, bufferStream: true } } };
    const { run } = await stream(binding, ['Sure: {"a":', ' 1}']);
    expect(run.blocked).toMatchObject({ code: CODES.OUTPUT_NOT_JSON });
    expect(run.steps.flat()).toEqual([]);
    const valid = await stream(binding, ['{"a":', ' 1}']);
    expect(valid.run.steps.slice(0, -1).flat()).toEqual([]);
    expect(streamText(valid.run.steps.flat())).toBe('{"a": 1}');
  });

  it('runs output regex rules mid-stream and on the whole text at the end', async () => {
    const binding = { regex: [{ id: 'aws-key', pattern: 'AKIA[0-9A-Z]{16}', appliesTo: 'both' }] };
    const { run } = await stream(binding, ['key: AKIAABCD', 'EFGHIJKLMNOP and more']);
    expect(run.blocked).toMatchObject({ code: CODES.OUTPUT_REGEX_MATCH });
  });

  it('flags once per stream instead of blocking', async () => {
    const binding = { output: { terms: { deny: ['kill'], action: 'flag' } } };
    const { run, ctx } = await stream(binding, ['kill ', 'kill ', 'done']);
    expect(run.blocked).toBeUndefined();
    expect(streamText(run.steps.flat())).toBe('kill kill done');
    expect(ctx.callState.counts).toEqual({ [CODES.OUTPUT_DENIED_TERM]: 1 });
    expect(flags(ctx)).toEqual([{ code: CODES.OUTPUT_DENIED_TERM, rule: 'output.terms', stage: 'stream' }]);
  });

  it('does nothing without output rules', async () => {
    const { run } = await stream({ terms: { deny: ['kill'] } }, ['kill']);
    expect(run.blocked).toBeUndefined();
  });
});
