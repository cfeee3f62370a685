import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditTrail } from '../audit/audit-log/audit-trail';
import { PluginHost } from '../plugin-host/plugin-host';
import { PINO_LOGGER } from '../runtime.tokens';
import { ProviderAccountSnapshot } from './provider-account-snapshot';
import { ProviderAccountsRepository } from './provider-accounts.repository';

export const MOCK_PLUGIN_ID = 'provider-mock';
export const MOCK_ACCOUNT_NAME = 'mock';
/** Recorded once the default binding was decided, so deleting the `mock` account later is respected. */
export const DEFAULT_BINDING_SETTING = 'default_provider_binding';

/**
 * DESIGN's automation contract: provider-mock is bound in the first workspace by default, so
 * `GET /v1/models` lists a mock model on a bare machine. Runs once per database (under a lock,
 * so replicas starting together agree), only when that workspace has no provider account yet.
 */
@Injectable()
export class ProvidersBootstrap implements OnApplicationBootstrap {
  constructor(
    private readonly repository: ProviderAccountsRepository,
    private readonly plugins: PluginHost,
    private readonly snapshot: ProviderAccountSnapshot,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
    private readonly audit: AuditTrail = new AuditTrail(),
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const workspaceId = await this.bindMockProvider();
    if (workspaceId) await this.snapshot.reloadWorkspace(workspaceId);
  }

  /** Returns the workspace it bound the mock in, if it did. */
  async bindMockProvider(): Promise<string | undefined> {
    if (!this.plugins.getProvider(MOCK_PLUGIN_ID)) return undefined;
    return this.repository.withBootstrapLock(async (manager) => {
      if ((await this.repository.readSetting(manager, DEFAULT_BINDING_SETTING)) !== undefined) return undefined;
      const firstRun = (await this.repository.readSetting(manager, 'first_run')) as { workspaceId?: string } | undefined;
      const workspaceId = firstRun?.workspaceId;
      if (!workspaceId) return undefined;
      const bind = (await this.repository.workspaceExists(manager, workspaceId)) && (await this.repository.countInWorkspace(manager, workspaceId)) === 0;
      const account = bind
        ? await this.repository.create(manager, workspaceId, {
            name: MOCK_ACCOUNT_NAME,
            pluginId: MOCK_PLUGIN_ID,
            baseUrl: null,
            credentialEnc: null,
            credentialHint: null,
            config: {},
            enabled: true,
          })
        : undefined;
      if (account) {
        const { credentialHint, config, enabled, name, pluginId, baseUrl } = account;
        await this.audit.record(manager, { system: 'first-run' }, {
          action: 'provider_account.create',
          workspaceId,
          resourceType: 'provider_account',
          resourceId: account.id,
          after: { id: account.id, workspaceId, name, pluginId, baseUrl, credentialHint, config, enabled },
        });
      }
      await this.repository.writeSetting(manager, DEFAULT_BINDING_SETTING, { workspaceId, accountId: account?.id ?? null, decidedAt: new Date().toISOString() });
      if (account) this.logger.info({ workspaceId, account: MOCK_ACCOUNT_NAME }, 'bound provider-mock in the first workspace');
      return account ? workspaceId : undefined;
    });
  }
}
