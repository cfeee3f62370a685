import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { ChangeBus } from '../../common/change-bus/change-bus';
import { ErrorCode } from '../../common/errors';
import { parsePromptReference } from '../../gateway/validation/openai-requests';
import { PromptRenderer } from '../rendering/prompt-renderer';
import type { RegistryRows } from '../prompts.repository';
import type { PromptVersion } from '../versions/prompt-version';
import { PromptResolver } from './prompt-resolver';
import { PromptSnapshot } from './prompt-snapshot';

const WS = 'ws-1';
const version = (number: number, content: string): PromptVersion => ({
  id: `v${number}`,
  promptId: 'p1',
  number,
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content },
  ],
  model: 'mock/mock-chat',
  parameters: { temperature: 0.3, max_tokens: 10 },
  inputSchema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
  outputSchema: null,
  commitMessage: '',
  author: 'user:1',
  createdAt: new Date(0),
});

const rows: RegistryRows = {
  prompts: [{ id: 'p1', workspaceId: WS, slug: 'greet', name: 'Greet', description: null, latestVersion: 2, createdBy: 'user:1', createdAt: new Date(0), updatedAt: new Date(0) }],
  versions: [version(1, 'Hello {{name}}'), version(2, 'Hi {{name}}!')],
  labels: [
    { promptId: 'p1', name: 'production', targets: [{ versionId: 'v1', version: 1, weight: 100 }], updatedBy: 'user:1', updatedAt: new Date(0) },
    { promptId: 'p1', name: 'ab', targets: [{ versionId: 'v1', version: 1, weight: 80 }, { versionId: 'v2', version: 2, weight: 20 }], updatedBy: 'user:1', updatedAt: new Date(0) },
  ],
};

const noChanges: ChangeBus = { subscribe: () => () => undefined, onResync: () => () => undefined };

async function resolverWith(random: () => number): Promise<PromptResolver> {
  const snapshot = new PromptSnapshot({ loadRegistry: async () => rows }, noChanges, pino({ level: 'silent' }));
  await snapshot.start();
  return new PromptResolver(snapshot, new PromptRenderer(), random);
}

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { code: string; status: number }).code;
  }
  throw new Error('expected an error');
};

describe('PromptResolver', () => {
  it('renders production by default, under the request own fields, and tells which version it picked', async () => {
    const resolver = await resolverWith(() => 0.5);
    const picked: number[] = [];
    const request = resolver.apply(WS, { slug: 'greet', variables: { name: 'Ada' } }, { temperature: 1, user: 'u' }, (selected) => picked.push(selected.version.number));
    expect(picked).toEqual([1]);
    expect(request).toEqual({
      model: 'mock/mock-chat',
      temperature: 1,
      max_tokens: 10,
      user: 'u',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello Ada' },
      ],
    });
  });

  it('draws an A/B label by weight and honours an explicit version', async () => {
    expect((await resolverWith(() => 0.79)).select(WS, { slug: 'greet', label: 'ab', variables: {} }).version.number).toBe(1);
    expect((await resolverWith(() => 0.8)).select(WS, { slug: 'greet', label: 'ab', variables: {} }).version.number).toBe(2);
    expect((await resolverWith(() => 0)).select(WS, { slug: 'greet', version: 2, variables: {} })).toMatchObject({ label: null, version: { number: 2 } });
  });

  it('refuses unknown prompts, labels, versions and workspaces with PROMPT_NOT_FOUND, and bad variables with 422', async () => {
    const resolver = await resolverWith(Math.random);
    expect(codeOf(() => resolver.select(WS, { slug: 'nope', variables: {} }))).toBe(ErrorCode.PROMPT_NOT_FOUND);
    expect(codeOf(() => resolver.select(WS, { slug: 'greet', label: 'staging', variables: {} }))).toBe(ErrorCode.PROMPT_NOT_FOUND);
    expect(codeOf(() => resolver.select(WS, { slug: 'greet', version: 3, variables: {} }))).toBe(ErrorCode.PROMPT_NOT_FOUND);
    expect(codeOf(() => resolver.select('ws-2', { slug: 'greet', variables: {} }))).toBe(ErrorCode.PROMPT_NOT_FOUND);
    const picked: number[] = [];
    expect(codeOf(() => resolver.apply(WS, { slug: 'greet', variables: { name: 7 } }, {}, (selected) => picked.push(selected.version.number)))).toBe(ErrorCode.PROMPT_VARIABLES_INVALID);
    expect(picked).toEqual([1]);
  });
});

describe('parsePromptReference', () => {
  it('leaves requests without a prompt alone', () => {
    expect(parsePromptReference({ model: 'm', messages: [] }, undefined)).toBeUndefined();
  });

  it('reads `prompt` from the body and keeps the rest of the request', () => {
    expect(parsePromptReference({ prompt: { slug: 'greet', label: 'ab', variables: { name: 'x' } }, temperature: 1 }, undefined)).toEqual({
      reference: { slug: 'greet', label: 'ab', variables: { name: 'x' } },
      rest: { temperature: 1 },
    });
    expect(parsePromptReference({ prompt: { slug: 'greet' } }, undefined)?.reference).toEqual({ slug: 'greet', variables: {} });
  });

  it('reads the x-portico-prompt header: a slug, a label or a version number', () => {
    expect(parsePromptReference({ variables: { name: 'x' }, stream: true }, 'greet@3')).toEqual({ reference: { slug: 'greet', version: 3, variables: { name: 'x' } }, rest: { stream: true } });
    expect(parsePromptReference({}, 'greet@staging')?.reference).toEqual({ slug: 'greet', label: 'staging', variables: {} });
    expect(parsePromptReference({}, 'greet')?.reference).toEqual({ slug: 'greet', variables: {} });
  });

  it.each([
    [{ prompt: { slug: 'Greet' } }, undefined, 'prompt.slug'],
    [{ prompt: { slug: 'greet', label: 'a', version: 1 } }, undefined, 'prompt'],
    [{ prompt: { slug: 'greet', variables: [] } }, undefined, 'prompt.variables'],
    [{ prompt: { slug: 'greet', extra: 1 } }, undefined, 'prompt'],
    [{ prompt: 'greet' }, undefined, 'prompt'],
    [{ prompt: { slug: 'greet' } }, 'greet', 'prompt'],
    [{}, 'greet@a@b', 'x-portico-prompt'],
    [{}, '@staging', 'x-portico-prompt'],
    [{ variables: 'x' }, 'greet', 'variables'],
  ])('refuses %j with header %s, naming %s', (body, header, param) => {
    try {
      parsePromptReference(body, header);
    } catch (error) {
      expect(error).toMatchObject({ code: ErrorCode.BAD_REQUEST, status: 400, details: { param } });
      return;
    }
    throw new Error('expected a refusal');
  });
});
