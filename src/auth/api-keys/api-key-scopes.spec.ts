import { describe, expect, it } from 'vitest';
import { keyAllows, scopeProblem, validateScopes } from './api-key-scopes';

describe('scope grammar', () => {
  it.each([
    'admin',
    'invoke:*',
    'read:models',
    'invoke:model:openai/gpt-4o-mini',
    'invoke:model:openai/*',
    'invoke:model:openai/gpt-4o*',
    'invoke:model:*',
    'invoke:model:ollama/llama3:8b',
    'invoke:model:openrouter/meta-llama/llama-3.1-8b',
    'invoke:route:chat-default',
    'invoke:route:team-a-*',
    'invoke:api:summarize',
    'invoke:api:*',
  ])('accepts %s', (scope) => {
    expect(scopeProblem(scope)).toBeUndefined();
  });

  it.each([
    '',
    'Admin',
    'invoke',
    'invoke:',
    'invoke:model:',
    'invoke:model:gpt-4o',
    'invoke:model:openai/',
    'invoke:model:openai/*gpt',
    'invoke:model:open*ai/gpt',
    'invoke:route:',
    'invoke:route:a b',
    'invoke:route:*x',
    'invoke:api:a/b',
    'read:*',
    'write:models',
    'x'.repeat(300),
  ])('rejects %j', (scope) => {
    expect(scopeProblem(scope)).toEqual(expect.any(String));
  });

  it('lists every bad scope and deduplicates good ones', () => {
    expect(validateScopes(['admin', 'nope', 'invoke:model:x', 'admin'])).toEqual({
      ok: false,
      issues: [
        { scope: 'nope', message: expect.any(String) },
        { scope: 'invoke:model:x', message: expect.any(String) },
      ],
    });
    expect(validateScopes(['admin', 'invoke:*', 'admin'])).toEqual({ ok: true, scopes: ['admin', 'invoke:*'] });
    expect(validateScopes([])).toMatchObject({ ok: false });
    expect(validateScopes(Array.from({ length: 65 }, (_, i) => `invoke:api:a${i}`))).toMatchObject({ ok: false });
  });
});

describe('keyAllows', () => {
  const model = (name: string) => ({ kind: 'model' as const, name });

  it('invoke:* allows every model, route and API, and listing', () => {
    const scopes = ['invoke:*'];
    expect(keyAllows(scopes, model('openai/gpt-4o'))).toBe(true);
    expect(keyAllows(scopes, { kind: 'route', name: 'chat-default' })).toBe(true);
    expect(keyAllows(scopes, { kind: 'api', name: 'summarize' })).toBe(true);
    expect(keyAllows(scopes, { kind: 'list_models' })).toBe(true);
  });

  it('admin implies no invoke scope and no listing', () => {
    const scopes = ['admin'];
    expect(keyAllows(scopes, model('openai/gpt-4o'))).toBe(false);
    expect(keyAllows(scopes, { kind: 'route', name: 'chat-default' })).toBe(false);
    expect(keyAllows(scopes, { kind: 'api', name: 'summarize' })).toBe(false);
    expect(keyAllows(scopes, { kind: 'list_models' })).toBe(false);
  });

  it('matches exact names and trailing globs only', () => {
    const scopes = ['invoke:model:openai/gpt-4o*', 'invoke:model:anthropic/claude-3-haiku'];
    expect(keyAllows(scopes, model('openai/gpt-4o'))).toBe(true);
    expect(keyAllows(scopes, model('openai/gpt-4o-mini'))).toBe(true);
    expect(keyAllows(scopes, model('openai/gpt-3.5-turbo'))).toBe(false);
    expect(keyAllows(scopes, model('anthropic/claude-3-haiku'))).toBe(true);
    expect(keyAllows(scopes, model('anthropic/claude-3-haiku-2'))).toBe(false);
    expect(keyAllows(['invoke:model:openai/*'], model('openai/o1'))).toBe(true);
    expect(keyAllows(['invoke:model:openai/*'], model('openaix/o1'))).toBe(false);
    expect(keyAllows(['invoke:model:*'], model('any/thing'))).toBe(true);
  });

  it('keeps kinds apart: a model scope does not open a route of the same name', () => {
    const scopes = ['invoke:model:openai/gpt-4o', 'invoke:route:chat-*'];
    expect(keyAllows(scopes, { kind: 'route', name: 'openai/gpt-4o' })).toBe(false);
    expect(keyAllows(scopes, { kind: 'route', name: 'chat-default' })).toBe(true);
    expect(keyAllows(scopes, model('chat-default'))).toBe(false);
    expect(keyAllows(scopes, { kind: 'api', name: 'chat-default' })).toBe(false);
  });

  it('read:models lists but invokes nothing; any invoke scope may list', () => {
    expect(keyAllows(['read:models'], { kind: 'list_models' })).toBe(true);
    expect(keyAllows(['read:models'], model('openai/gpt-4o'))).toBe(false);
    expect(keyAllows(['invoke:api:summarize'], { kind: 'list_models' })).toBe(true);
  });

  it('answers the same for a reused (cached) scope array', () => {
    const scopes = Object.freeze(['invoke:route:a']);
    expect(keyAllows(scopes, { kind: 'route', name: 'a' })).toBe(true);
    expect(keyAllows(scopes, { kind: 'route', name: 'b' })).toBe(false);
    expect(keyAllows(scopes, { kind: 'route', name: 'a' })).toBe(true);
  });
});
