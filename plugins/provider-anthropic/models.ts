import type { ModelInfo, ProviderAccount } from '../../src/plugin-sdk/index.js';
import type { AnthropicProviderConfig } from './config.schema.js';

/** `account.extra.models` (string ids) wins over the plugin config's list. */
export function listAnthropicModels(account: ProviderAccount, config: AnthropicProviderConfig): ModelInfo[] {
  const fromAccount = account.extra.models;
  const ids = Array.isArray(fromAccount) && fromAccount.every((id) => typeof id === 'string') ? (fromAccount as string[]) : config.models;
  return ids.map((id) => ({ id, object: 'model', created: 0, owned_by: 'anthropic', capabilities: ['chat'] }));
}
