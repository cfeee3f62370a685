import nlp from 'compromise';
import { describe, expect, it } from 'vitest';
import type { ChatCompletionChunk, ChatCompletionRequest, Guard } from '../../src/plugin-sdk/index.js';
import { createGuardContext, runGuardStream, streamText, textStream } from '../../src/plugin-sdk/testing/guard-conformance.js';
import { bundledOf, guardDefinition, memoryLogger } from '../../src/plugin-host/__fixtures__/definitions.js';
import { PluginHost } from '../../src/plugin-host/plugin-host.js';
import type { PiiBindingConfig } from './config.schema.js';
import type { NlpParser } from './detect/index.js';
import { createPiiGuard } from './guard.js';
import { holdStart } from './stream.js';
import { COUNTS_KEY } from './vault.js';

const guard = createPiiGuard({ nlp: nlp as unknown as NlpParser });
type Binding = Partial<PiiBindingConfig>;

const ORIGINAL = 'Write to zoë.o\'neil@exämple.de, call +44 20 7946 0958, pay DE89 3704 0044 0532 0130 00. Thanks, <b>bye</b>.';

/** Runs onRequest and returns the call's state and the text the provider saw. */
async function tokenise(binding: Binding, text = ORIGINAL) {
  const callState: Record<string, unknown> = {};
  const verdict = await guard.onRequest!(createGuardContext(binding, callState), { model: 'm', messages: [{ role: 'user', content: text }] });
  if (verdict.action !== 'modify') throw new Error('expected the request to be redacted');
  return { callState, sent: verdict.value.messages[0].content as string };
}

function splitsOf(text: string): string[][] {
  const pairs = Array.from({ length: text.length - 1 }, (_, at) => [text.slice(0, at + 1), text.slice(at + 1)]);
  return [[text], [...text], ...pairs];
}

async function streamed(binding: Binding, callState: Record<string, unknown>, pieces: string[]) {
  const run = await runGuardStream(guard, createGuardContext(binding, callState), textStream(pieces));
  if (run.blocked) throw new Error(`blocked: ${run.blocked.message}`);
  return run;
}

describe('stream rehydration', () => {
  it('puts the originals back byte for byte, wherever the chunks split a token', async () => {
    const { callState, sent } = await tokenise({});
    expect(sent).toBe('Write to <EMAIL_1>, call <PHONE_1>, pay <IBAN_1>. Thanks, <b>bye</b>.');
    const reply = `Sure: ${sent}`;
    for (const pieces of splitsOf(reply)) {
      const run = await streamed({}, callState, pieces);
      expect(streamText(run.steps.flat()), JSON.stringify(pieces)).toBe(`Sure: ${ORIGINAL}`);
    }
  });

  it('releases text in order and holds only a possible token prefix', async () => {
    const { callState } = await tokenise({});
    const run = await streamed({}, callState, ['Hi <EM', 'AIL_1> and <b', '> ok <', 'PHONE_', '1']);
    expect(run.steps.map((step) => streamText(step))).toEqual(['', 'Hi ', 'zoë.o\'neil@exämple.de and <b', '> ok ', '', '', '<PHONE_1', '', '']);
  });

  it('rehydrates streamed tool call arguments with JSON escaping', async () => {
    const key = '-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEAq7BFUpkGp3+XQ\n-----END PRIVATE KEY-----';
    const binding = { entities: { secret: 'tokenize' } } as Binding;
    const { callState } = await tokenise(binding, `sign with ${key}`);
    const base = { id: 'c', object: 'chat.completion.chunk' as const, created: 1, model: 'm' };
    const args = '{"key":"<SECRET_1>"}';
    for (let at = 1; at < args.length; at += 1) {
      const chunks: ChatCompletionChunk[] = [
        { ...base, choices: [{ index: 0, delta: { role: 'assistant', tool_calls: [{ index: 0, id: 't', type: 'function', function: { name: 'sign', arguments: '' } }] }, finish_reason: null }] },
        { ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: args.slice(0, at) } }] }, finish_reason: null }] },
        { ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: args.slice(at) } }] }, finish_reason: null }] },
        { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
      ];
      const run = await runGuardStream(guard, createGuardContext(binding, callState), chunks);
      const joined = run.steps.flat().flatMap((chunk) => chunk.choices.flatMap((choice) => choice.delta.tool_calls ?? [])).map((call) => call.function?.arguments ?? '').join('');
      expect(JSON.parse(joined)).toEqual({ key });
    }
  });

  it('passes chunks through untouched when the call has no tokens and detection is off', async () => {
    const run = await streamed({}, {}, ['Hi <EMAIL_1>', ' there']);
    expect(run.verdicts.every((verdict) => (verdict as { action: string }).action === 'pass')).toBe(true);
  });
});

describe('stream detection', () => {
  const binding = { response: { detect: true, action: 'replace' } } as Binding;

  it.each([
    ['an e-mail', 'Contact me at jane.doe@example.com today.', 'Contact me at <EMAIL> today.'],
    ['a phone number', 'Call +44 20 7946 0958 now.', 'Call <PHONE> now.'],
    ['a card number', 'Card 4111 1111 1111 1111 works.', 'Card <CREDIT_CARD> works.'],
    ['an IBAN', 'IBAN DE89 3704 0044 0532 0130 00 ok.', 'IBAN <IBAN> ok.'],
    ['a Bearer token', 'Use Authorization: Bearer abcDEF123456ghiJKL789 here.', 'Use Authorization: Bearer <SECRET> here.'],
    ['a phone number but not its extension', 'Main line (415) 555-0177 ext. 310 please.', 'Main line <PHONE> ext. 310 please.'],
    ['an IPv6 address ending in ::', 'Route 2001:db8:cafe:: is up.', 'Route <IP_ADDRESS> is up.'],
    ['nothing where a cue in an earlier chunk makes a number a version or a reference', 'Install the SDK 1.2.3.4, part no. 482-19-7733.', 'Install the SDK 1.2.3.4, part no. 482-19-7733.'],
    ['an e-mail glued to Japanese text', 'アドレスはkimura.aoi@example.co.jpです。', 'アドレスは<EMAIL>です。'],
    ['an Azure account key', 'Conn: AccountName=x;AccountKey=Nf7Vb2Kq9Lx4Mz1Wp6Rt3Yc8==;Suffix=y', 'Conn: AccountName=x;AccountKey=<SECRET>;Suffix=y'],
    ['nothing in an SSH remote', 'Run git clone git@github.com:org/repo.git now.', 'Run git clone git@github.com:org/repo.git now.'],
    ['nothing where an upgrade or an order cue is in an earlier chunk', 'Upgrading from 10.2.0.14; 注文番号は 4155 5526 71 です。', 'Upgrading from 10.2.0.14; 注文番号は 4155 5526 71 です。'],
  ])('redacts %s split across two chunks at every position', async (_name, text, expected) => {
    for (const pieces of splitsOf(text)) {
      const run = await streamed(binding, {}, pieces);
      expect(streamText(run.steps.flat()), JSON.stringify(pieces)).toBe(expected);
    }
  });

  it('redacts a name split across chunks when names are on', async () => {
    const names = { ...binding, entities: { person: 'replace' } } as Binding;
    const run = await streamed(names, {}, ['Yesterday I met Herr Thomas Mü', 'ller in the office.']);
    expect(streamText(run.steps.flat())).toBe('Yesterday I met Herr <PERSON> in the office.');
  });

  it('redacts values in the model output but rehydrates this call\'s tokens', async () => {
    const { callState, sent } = await tokenise(binding);
    const run = await streamed(binding, callState, [`${sent.slice(0, 20)}`, `${sent.slice(20)} Also leak@example.com.`]);
    expect(streamText(run.steps.flat())).toBe(`${ORIGINAL} Also <EMAIL>.`);
    expect((callState[COUNTS_KEY] as Record<string, number>)['response.EMAIL']).toBe(1);
  });

  it('blocks the stream when the response action is block', async () => {
    const blocking = { response: { detect: true, action: 'block' } } as Binding;
    const run = await runGuardStream(guard, createGuardContext(blocking, {}), textStream(['ok ', 'SSN 536-22-', '1234 done']));
    expect(run.blocked).toMatchObject({ code: 'PII_BLOCKED', status: 422 });
    expect(run.steps.flat().map((chunk) => streamText([chunk])).join('')).not.toContain('1234');
  });

  it('bounds what it holds', () => {
    const rules = { tokens: [], detect: true, words: false, maxHoldChars: 32 };
    expect(holdStart('pay 4111 1111 ', rules)).toBe(4);
    expect(holdStart(`x ${'1 '.repeat(40)}`, rules)).toBe(82);
    expect(holdStart('plain words end here ', rules)).toBe(21);
    expect(holdStart('half a wor', rules)).toBe(7);
    expect(holdStart('key -----BEGIN PRIVATE KEY-----\nMIIB', { ...rules, maxHoldChars: 16 })).toBe(4);
  });
});

describe('through the host GuardStream', () => {
  it('redacts a value split across two chunks and releases the rest in order', async () => {
    const definition = guardDefinition('guard-pii-redaction', 900, guard as Guard);
    const host = new PluginHost({ plugins: ['guard-pii-redaction'], bundled: bundledOf({ 'guard-pii-redaction': definition }), logger: memoryLogger() });
    await host.start();
    const stream = host.openGuardStream([{ pluginId: 'guard-pii-redaction', config: { response: { detect: true } } }], { requestId: 'r', workspaceId: 'w' });
    const texts: string[] = [];
    for (const chunk of textStream(['Mail jane.d', 'oe@example.com or ', 'call +1 415 555 ', '2671 ok'])) {
      const step = await stream.push(chunk);
      if (step.outcome !== 'emit') throw new Error('blocked');
      texts.push(streamText(step.chunks));
    }
    const end = await stream.end();
    if (end.outcome !== 'emit') throw new Error('blocked');
    texts.push(streamText(end.chunks));
    expect(texts.join('')).toBe('Mail <EMAIL> or call <PHONE> ok');
    expect(texts.slice(0, 3)).toEqual(['', 'Mail ', '<EMAIL> or ']);
  });

  it('rehydrates through runRequestGuards and a GuardStream that share the call state', async () => {
    const shared: Record<string, unknown> = {};
    const sharing: Guard = {
      onRequest: (ctx, request) => guard.onRequest!({ ...ctx, callState: shared }, request),
      onStreamChunk: (ctx, chunk, state) => guard.onStreamChunk!({ ...ctx, callState: shared }, chunk, state),
      onStreamEnd: (ctx, state) => guard.onStreamEnd!({ ...ctx, callState: shared }, state),
    };
    const host = new PluginHost({ plugins: ['guard-pii-redaction'], bundled: bundledOf({ 'guard-pii-redaction': guardDefinition('guard-pii-redaction', 900, sharing) }), logger: memoryLogger() });
    await host.start();
    const bindings = [{ pluginId: 'guard-pii-redaction' }];
    const request: ChatCompletionRequest = { model: 'm', messages: [{ role: 'user', content: ORIGINAL }] };
    const result = await host.runRequestGuards(bindings, { requestId: 'r', workspaceId: 'w' }, request);
    if (result.outcome !== 'pass') throw new Error('blocked');
    const sent = result.value.messages[0].content as string;
    const stream = host.openGuardStream(bindings, { requestId: 'r', workspaceId: 'w' });
    let text = '';
    for (const chunk of textStream([...sent])) {
      const step = await stream.push(chunk);
      if (step.outcome === 'emit') text += streamText(step.chunks);
    }
    const end = await stream.end();
    if (end.outcome === 'emit') text += streamText(end.chunks);
    expect(text).toBe(ORIGINAL);
  });
});
