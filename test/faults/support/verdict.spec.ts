import { describe, expect, it } from 'vitest';
import { chatStreamEvents, DEFAULT_FAKE_REPLY } from '../../support/fakes/openai-upstream';
import { judge } from './verdict';

const json = { 'content-type': 'application/json; charset=utf-8' };
const sse = { 'content-type': 'text/event-stream; charset=utf-8' };
const completion = JSON.stringify({
  object: 'chat.completion',
  choices: [{ index: 0, message: { role: 'assistant', content: DEFAULT_FAKE_REPLY }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 1, completion_tokens: 6, total_tokens: 7 },
});
const events = chatStreamEvents({ stream: true }, '{}', { kind: 'ok' }, 'gpt-4o-mini');
const errorEvent = `data: ${JSON.stringify({ error: { message: 'upstream broke', type: 'server_error', code: 'upstream_error', param: null } })}\n\n`;
const envelope = (code: string | null) => JSON.stringify({ error: { message: 'no', type: 'server_error', code, param: null } });

describe('the fault suite\'s verdict on one answer', () => {
  it('accepts complete answers', () => {
    expect(judge(200, json, completion, false)).toEqual({ verdict: 'ok' });
    expect(judge(200, sse, events.join(''), true)).toEqual({ verdict: 'ok' });
  });

  it('calls a 200 broken when its body is cut or incomplete', () => {
    expect(judge(200, json, completion.slice(0, 40), false).verdict).toBe('broken');
    expect(judge(200, json, completion.replace(DEFAULT_FAKE_REPLY, 'Hello'), false).verdict).toBe('broken');
    expect(judge(200, sse, events.slice(0, -1).join(''), true).verdict).toBe('broken');
    expect(judge(200, sse, events.slice(0, 3).join('') + 'data: [DONE]\n\n', true).verdict).toBe('broken');
    expect(judge(200, sse, events.join('').slice(0, -5), true).verdict).toBe('broken');
  });

  it('takes a started stream that ends with an error event as an error, not a success', () => {
    expect(judge(200, sse, events.slice(0, 3).join('') + errorEvent, true)).toEqual({ verdict: 'stream-error', code: 'upstream_error' });
    expect(judge(200, sse, events.slice(0, 3).join('') + errorEvent + 'data: [DONE]\n\n', true).verdict).toBe('broken');
  });

  it('accepts errors only in the envelope, with a code and a truthful status', () => {
    expect(judge(502, json, envelope('upstream_error'), false)).toEqual({ verdict: 'error', code: 'upstream_error' });
    expect(judge(429, { ...json, 'retry-after': '1' }, envelope('rate_limit_exceeded'), true)).toEqual({ verdict: 'error', code: 'rate_limit_exceeded' });
    expect(judge(429, json, envelope('rate_limit_exceeded'), false).verdict).toBe('broken');
    expect(judge(502, json, envelope(null), false).verdict).toBe('broken');
    expect(judge(500, json, envelope('internal'), false).verdict).toBe('broken');
    expect(judge(503, { 'content-type': 'text/plain' }, 'Service Unavailable', false).verdict).toBe('broken');
  });
});
