import nlp from 'compromise';
import { describe, expect, it } from 'vitest';
import type { ChatCompletionRequest, ChatCompletionResponse, GuardVerdict } from '../../src/plugin-sdk/index.js';
import { createGuardContext } from '../../src/plugin-sdk/testing/guard-conformance.js';
import type { PiiBindingConfig } from './config.schema.js';
import type { NlpParser } from './detect/index.js';
import { createPiiGuard } from './guard.js';
import { COUNTS_KEY } from './vault.js';

const guard = createPiiGuard({ nlp: nlp as unknown as NlpParser });
type Binding = Partial<PiiBindingConfig>;

const user = (content: ChatCompletionRequest['messages'][number]['content']): ChatCompletionRequest => ({ model: 'm', messages: [{ role: 'user', content }] });
const reply = (content: string | null, extra: Partial<ChatCompletionResponse['choices'][number]['message']> = {}): ChatCompletionResponse => ({
  id: 'r', object: 'chat.completion', created: 1, model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content, ...extra }, finish_reason: 'stop' }],
});

async function onRequest(binding: Binding, request: ChatCompletionRequest, callState: Record<string, unknown> = {}) {
  return (await guard.onRequest!(createGuardContext(binding, callState), request)) as GuardVerdict<ChatCompletionRequest>;
}

function modified<T>(verdict: GuardVerdict<T>): T {
  if (verdict.action !== 'modify') throw new Error(`expected modify, got ${JSON.stringify(verdict)}`);
  return verdict.value;
}

const firstText = (request: ChatCompletionRequest) => request.messages[0].content as string;

describe('guard-pii-redaction request actions', () => {
  const text = 'Mail jane.doe@example.com or call +44 20 7946 0958, card 4111 1111 1111 1111.';

  it('tokenises by default, the same value getting the same token', async () => {
    const request = user(`${text} Again: jane.doe@example.com, and ops@example.org.`);
    expect(firstText(modified(await onRequest({}, request)))).toBe(
      'Mail <EMAIL_1> or call <PHONE_1>, card <CREDIT_CARD_1>. Again: <EMAIL_1>, and <EMAIL_2>.',
    );
  });

  it('replaces with typed placeholders', async () => {
    const binding = { entities: { email: 'replace', phone: 'replace', credit_card: 'replace' } } as Binding;
    expect(firstText(modified(await onRequest(binding, user(text))))).toBe('Mail <EMAIL> or call <PHONE>, card <CREDIT_CARD>.');
  });

  it('masks partially or fully', async () => {
    const binding = { entities: { email: 'mask', phone: 'mask', credit_card: 'mask' } } as Binding;
    expect(firstText(modified(await onRequest(binding, user(text))))).toBe('Mail j***@e***.com or call +** ** **** **58, card **** **** **** 1111.');
    expect(firstText(modified(await onRequest({ ...binding, maskStyle: 'full' }, user('to jane.doe@example.com'))))).toBe('to ********************');
  });

  it('blocks with a stable code naming the types, never the values, and counts them', async () => {
    const callState: Record<string, unknown> = {};
    const verdict = await onRequest({ entities: { email: 'block', ssn: 'block' } } as Binding, user(`${text} SSN 536-22-1234`), callState);
    expect(verdict).toEqual({ action: 'block', code: 'PII_BLOCKED', status: 422, message: expect.stringContaining('EMAIL, SSN') });
    expect(JSON.stringify(verdict)).not.toContain('jane');
    expect(callState[COUNTS_KEY]).toEqual({ 'request.EMAIL': 1, 'request.PHONE': 1, 'request.CREDIT_CARD': 1, 'request.SSN': 1 });
  });

  it('leaves off types alone and passes a clean request untouched', async () => {
    expect(await onRequest({ entities: { email: 'off' } } as Binding, user('mail jane.doe@example.com'))).toEqual({ action: 'pass' });
    expect(await onRequest({}, user('Nothing personal here, version 1.2.3.4 at 12:30.'))).toEqual({ action: 'pass' });
  });

  it('redacts every text the provider reads: parts, tool arguments, tool results, and leaves images alone', async () => {
    const request: ChatCompletionRequest = {
      model: 'm',
      messages: [
        { role: 'system', content: 'Admin is root@example.com.' },
        { role: 'user', content: [{ type: 'text', text: 'Call +1 415 555 2671.' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'send', arguments: '{"to":"root@example.com","note":"line\\nbreak"}' } }] },
        { role: 'tool', tool_call_id: 'c1', content: '{"from":"bob@example.net","ok":true}' },
      ],
    };
    const before = structuredClone(request);
    const out = modified(await onRequest({}, request));
    expect(out.messages[0].content).toBe('Admin is <EMAIL_1>.');
    expect(out.messages[1].content).toEqual([{ type: 'text', text: 'Call <PHONE_1>.' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }]);
    expect(JSON.parse(out.messages[2].tool_calls![0].function.arguments)).toEqual({ to: '<EMAIL_1>', note: 'line\nbreak' });
    expect(JSON.parse(out.messages[3].content as string)).toEqual({ from: '<EMAIL_2>', ok: true });
    expect(request).toEqual(before);
  });

  it('never issues a token the caller wrote literally', async () => {
    const out = modified(await onRequest({}, user('Keep <EMAIL_1> as is; mail a@example.com.')));
    expect(firstText(out)).toBe('Keep <EMAIL_1> as is; mail <EMAIL_2>.');
  });

  it('applies custom entities with their own label and action', async () => {
    const binding = { custom: [{ label: 'EMPLOYEE_ID', pattern: 'EMP-\\d{6}' }, { label: 'PROJECT', terms: ['Bluebird'], action: 'replace' }] } as Binding;
    expect(firstText(modified(await onRequest(binding, user('EMP-123456 leads Bluebird.'))))).toBe('<EMPLOYEE_ID_1> leads <PROJECT>.');
  });

  it('finds names and addresses only when the binding turns them on', async () => {
    const sentence = 'Herr Thomas Müller wohnt in der Hauptstraße 5, 10115 Berlin.';
    expect(await onRequest({}, user(sentence))).toEqual({ action: 'pass' });
    const out = modified(await onRequest({ entities: { person: 'tokenize', address: 'tokenize' } } as Binding, user(sentence)));
    expect(firstText(out)).toBe('Herr <PERSON_1> wohnt in der <ADDRESS_1>.');
  });
});

describe('guard-pii-redaction response rehydration', () => {
  const original = 'Reach Zoë at zoë.o\'neil@exämple.de or "+33 1 42 68 53 00"; IBAN FR14 2004 1010 0505 0001 3M02 606.';

  async function tokenised(binding: Binding = {}) {
    const callState: Record<string, unknown> = {};
    const request = modified(await onRequest(binding, user(original), callState));
    return { callState, sent: firstText(request) };
  }

  it('gives the caller the original values back, byte for byte', async () => {
    const { callState, sent } = await tokenised();
    expect(sent).not.toMatch(/exämple|42 68|FR14/);
    const verdict = await guard.onResponse!(createGuardContext({}, callState), reply(`You wrote: ${sent}`));
    expect(modified(verdict).choices[0].message.content).toBe(`You wrote: ${original}`);
  });

  it('rehydrates tool call arguments with JSON escaping', async () => {
    const callState: Record<string, unknown> = {};
    const key = '-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEAq7BFUpkGp3+XQ\n-----END PRIVATE KEY-----';
    const binding = { entities: { secret: 'tokenize' } } as Binding;
    const sent = firstText(modified(await onRequest(binding, user(`Sign with ${key} please`), callState)));
    expect(sent).toBe('Sign with <SECRET_1> please');
    const args = '{"key":"<SECRET_1>"}';
    const out = modified(await guard.onResponse!(createGuardContext(binding, callState), reply(null, { tool_calls: [{ id: 'c', type: 'function', function: { name: 'sign', arguments: args } }] })));
    expect(JSON.parse(out.choices[0].message.tool_calls![0].function.arguments)).toEqual({ key });
  });

  it('leaves unknown tokens and responses of calls without tokens alone', async () => {
    const { callState } = await tokenised();
    expect(modified(await guard.onResponse!(createGuardContext({}, callState), reply('<EMAIL_9> and <EMAIL_1>'))).choices[0].message.content).toBe(
      '<EMAIL_9> and zoë.o\'neil@exämple.de',
    );
    expect(await guard.onResponse!(createGuardContext({}, {}), reply('<EMAIL_1>'))).toEqual({ action: 'pass' });
  });

  it('redacts values the model emits when asked, without touching rehydrated ones', async () => {
    const binding = { response: { detect: true, action: 'replace' } } as Binding;
    const { callState, sent } = await tokenised(binding);
    const verdict = await guard.onResponse!(createGuardContext(binding, callState), reply(`${sent} Also: leak@example.com`));
    expect(modified(verdict).choices[0].message.content).toBe(`${original} Also: <EMAIL>`);
    expect((callState[COUNTS_KEY] as Record<string, number>)['response.EMAIL']).toBe(1);
  });

  it('blocks a response with a blocked value when the response action is block', async () => {
    const binding = { response: { detect: true, action: 'block' } } as Binding;
    const verdict = await guard.onResponse!(createGuardContext(binding, {}), reply('SSN 536-22-1234'));
    expect(verdict).toMatchObject({ action: 'block', code: 'PII_BLOCKED', status: 422 });
  });
});
