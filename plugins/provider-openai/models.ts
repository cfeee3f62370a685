import type { ModelInfo, ProviderAccount } from '../../src/plugin-sdk/index.js';
import { readAccountSettings } from './account.js';

type KnownModel = Pick<ModelInfo, 'id' | 'capabilities' | 'context_window'>;

/** Listed when an account names no `models`; context windows as OpenAI documents them. */
export const WELL_KNOWN_OPENAI_MODELS: readonly KnownModel[] = [
  { id: 'gpt-4o', capabilities: ['chat'], context_window: 128_000 },
  { id: 'gpt-4o-mini', capabilities: ['chat'], context_window: 128_000 },
  { id: 'gpt-4.1', capabilities: ['chat'], context_window: 1_047_576 },
  { id: 'gpt-4.1-mini', capabilities: ['chat'], context_window: 1_047_576 },
  { id: 'gpt-4.1-nano', capabilities: ['chat'], context_window: 1_047_576 },
  { id: 'o3', capabilities: ['chat'], context_window: 200_000 },
  { id: 'o3-mini', capabilities: ['chat'], context_window: 200_000 },
  { id: 'o4-mini', capabilities: ['chat'], context_window: 200_000 },
  { id: 'text-embedding-3-small', capabilities: ['embeddings'], context_window: 8_191 },
  { id: 'text-embedding-3-large', capabilities: ['embeddings'], context_window: 8_191 },
];

const EMBEDDING_NAME = /embed/i;

function toModelInfo(known: KnownModel, ownedBy: string): ModelInfo {
  return { object: 'model', created: 0, owned_by: ownedBy, ...known };
}

/**
 * Models of an account, without I/O: `extra.models` when set; for Azure the configured deployments;
 * otherwise the well-known OpenAI models.
 */
export function listOpenAiModels(account: ProviderAccount): ModelInfo[] {
  const settings = readAccountSettings(account.extra);
  const ownedBy = settings.azure ? 'azure-openai' : 'openai';
  const named = settings.models ?? azureDeploymentModels(settings.azure);
  if (!named) return WELL_KNOWN_OPENAI_MODELS.map((model) => toModelInfo(model, ownedBy));
  return named.map((id) => {
    const known = WELL_KNOWN_OPENAI_MODELS.find((model) => model.id === id);
    return toModelInfo(known ?? { id, capabilities: [EMBEDDING_NAME.test(id) ? 'embeddings' : 'chat'] }, ownedBy);
  });
}

function azureDeploymentModels(azure: { deployment?: string; deployments?: Record<string, string> } | undefined): string[] | undefined {
  if (!azure) return undefined;
  const names = [...Object.keys(azure.deployments ?? {}), ...(azure.deployment ? [azure.deployment] : [])];
  return names.length > 0 ? [...new Set(names)] : undefined;
}
