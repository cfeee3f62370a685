import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../common/errors';
import { parseChatRequest, parseEmbeddingsRequest } from './openai-requests';

const failure = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error as { code: string; status: number; message: string; details: { param?: string } };
  }
  throw new Error('expected a validation error');
};

describe('OpenAI request validation', () => {
  const ok = { model: 'mock/mock-chat', messages: [{ role: 'user', content: 'hi' }] };

  it('accepts a plain request and keeps unknown fields', () => {
    expect(parseChatRequest({ ...ok, logprobs: true })).toMatchObject({ logprobs: true });
  });

  it.each([
    [{ messages: ok.messages }, 'model'],
    [{ model: 'm', messages: [] }, 'messages'],
    [{ ...ok, messages: [{ role: 'robot', content: 'x' }] }, 'messages[0].role'],
    [{ ...ok, messages: [{ role: 'tool', content: 'x' }] }, 'messages[0].tool_call_id'],
    [{ ...ok, temperature: 3 }, 'temperature'],
    [{ ...ok, max_tokens: 0 }, 'max_tokens'],
    [{ ...ok, stream: 'yes' }, 'stream'],
    [{ ...ok, tools: [{ type: 'function', function: { name: 'bad name!' } }] }, 'tools[0].function.name'],
  ])('refuses %j naming %s', (body, param) => {
    const error = failure(() => parseChatRequest(body));
    expect(error).toMatchObject({ code: ErrorCode.BAD_REQUEST, status: 400, details: { param } });
    expect(error.message).toContain(param);
  });

  it('refuses a body that is not an object', () => {
    for (const body of [null, [], 'x', 3]) expect(failure(() => parseChatRequest(body)).status).toBe(400);
  });

  it('validates embeddings input shapes', () => {
    expect(parseEmbeddingsRequest({ model: 'm', input: ['a', 'b'] })).toBeTruthy();
    expect(parseEmbeddingsRequest({ model: 'm', input: [[1, 2], [3]] })).toBeTruthy();
    expect(failure(() => parseEmbeddingsRequest({ model: 'm', input: [] })).details.param).toBe('input');
    expect(failure(() => parseEmbeddingsRequest({ model: 'm', input: 'x', encoding_format: 'hex' })).details.param).toBe('encoding_format');
  });
});
