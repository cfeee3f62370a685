import type { Logger } from 'pino';
import type { ProviderCaller } from '../plugin-host/provider-call';
import type { ModelInfo } from '../plugin-sdk';
import { type ProviderAccountSnapshot, toPluginAccount } from '../providers/provider-account-snapshot';

/**
 * The models a workspace can reach, named `<account>/<model>`: every enabled provider account's
 * plugin is asked once (`listModels`, isolated by the plugin host) and the answer is cached until
 * the provider accounts change. A plugin that fails is logged and left out, never fatal.
 */
export class ModelsCatalog {
  private readonly cache = new Map<string, { version: number; models: readonly ModelInfo[] }>();

  constructor(
    private readonly accounts: ProviderAccountSnapshot,
    private readonly providers: ProviderCaller,
    private readonly logger: Logger,
  ) {}

  async list(workspaceId: string): Promise<readonly ModelInfo[]> {
    const version = this.accounts.version;
    const cached = this.cache.get(workspaceId);
    if (cached && cached.version === version) return cached.models;
    const models: ModelInfo[] = [];
    for (const account of this.accounts.list(workspaceId)) {
      try {
        const listed = await this.providers.listModels(account.pluginId, toPluginAccount(account));
        for (const model of listed) models.push({ ...model, id: `${account.name}/${model.id}` });
      } catch (error) {
        this.logger.warn({ err: error, account: account.name, plugin: account.pluginId }, 'listing models failed; skipping the account');
      }
    }
    const frozen = Object.freeze(models);
    this.cache.set(workspaceId, { version, models: frozen });
    return frozen;
  }
}
