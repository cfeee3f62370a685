import { describe, expect, it } from 'vitest';
import { listOpenAiModels, WELL_KNOWN_OPENAI_MODELS } from './models.js';

const account = (extra: Record<string, unknown>) => ({ baseUrl: '', extra });

describe('provider-openai listModels', () => {
  it('lists the well-known OpenAI models by default', () => {
    const models = listOpenAiModels(account({}));
    expect(models.map((model) => model.id)).toEqual(WELL_KNOWN_OPENAI_MODELS.map((model) => model.id));
    expect(models[1]).toEqual({ id: 'gpt-4o-mini', object: 'model', created: 0, owned_by: 'openai', capabilities: ['chat'], context_window: 128_000 });
  });

  it('lists an account’s own models, guessing embeddings from the name', () => {
    expect(listOpenAiModels(account({ models: ['gpt-4o', 'my-ft-model', 'my-embedder'] }))).toEqual([
      { id: 'gpt-4o', object: 'model', created: 0, owned_by: 'openai', capabilities: ['chat'], context_window: 128_000 },
      { id: 'my-ft-model', object: 'model', created: 0, owned_by: 'openai', capabilities: ['chat'] },
      { id: 'my-embedder', object: 'model', created: 0, owned_by: 'openai', capabilities: ['embeddings'] },
    ]);
  });

  it('lists an Azure account’s deployments', () => {
    const models = listOpenAiModels(account({ azure: { deployment: 'chat-prod', deployments: { 'text-embedding-3-small': 'emb', 'gpt-4o': 'chat-prod' } } }));
    expect(models.map((model) => [model.id, model.owned_by, model.capabilities])).toEqual([
      ['text-embedding-3-small', 'azure-openai', ['embeddings']],
      ['gpt-4o', 'azure-openai', ['chat']],
      ['chat-prod', 'azure-openai', ['chat']],
    ]);
  });
});
