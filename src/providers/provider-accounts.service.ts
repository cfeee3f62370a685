import { Injectable } from '@nestjs/common';
import { AuditTrail } from '../audit/audit-log/audit-trail';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../auth/principal';
import { PROVIDER_CREDENTIAL_PURPOSE } from '../auth/secrets/encrypted-columns';
import { maskSecret, SecretBox } from '../common/crypto/secret-box';
import { ErrorCode, PorticoError } from '../common/errors';
import { PluginHost } from '../plugin-host/plugin-host';
import { conflict, isUniqueViolation, notFound, UUID_PATTERN } from '../common/http/problems';
import type { ProviderAccountEntity } from './provider-account.entity';
import type { CreateProviderAccountInput, ProviderAccountDto, ProviderPluginDto, UpdateProviderAccountInput } from './provider-account.dto';
import { type ProviderAccountValues, ProviderAccountsRepository } from './provider-accounts.repository';

export const CREDENTIAL_PURPOSE = PROVIDER_CREDENTIAL_PURPOSE;

/**
 * A workspace's accounts with provider plugins. The credential is write-only: sealed at rest,
 * shown only as a masked hint, and decrypted only inside `ProviderAccountSnapshot`.
 */
@Injectable()
export class ProviderAccountsService {
  constructor(
    private readonly repository: ProviderAccountsRepository,
    private readonly box: SecretBox,
    private readonly plugins: PluginHost,
    private readonly audit: AuditTrail = new AuditTrail(),
  ) {}

  listPlugins(_ctx: RequestContext): ProviderPluginDto[] {
    return this.plugins.listProviders().map(({ id, manifest }) => ({ id, displayName: manifest.displayName, description: manifest.description, version: manifest.version }));
  }

  async list(_ctx: RequestContext, workspaceId: string): Promise<ProviderAccountDto[]> {
    return (await this.repository.list(workspaceId)).map(toDto);
  }

  async get(_ctx: RequestContext, workspaceId: string, accountId: string): Promise<ProviderAccountDto> {
    const account = UUID_PATTERN.test(accountId) ? await this.repository.find(workspaceId, accountId) : null;
    if (!account) throw notFound('provider account');
    return toDto(account);
  }

  async create(ctx: RequestContext, workspaceId: string, input: CreateProviderAccountInput): Promise<ProviderAccountDto> {
    this.requireLoadedPlugin(input.pluginId);
    const values: ProviderAccountValues = {
      name: input.name,
      pluginId: input.pluginId,
      baseUrl: input.baseUrl ?? null,
      ...this.sealed(input.credential ?? null),
      config: input.config,
      enabled: input.enabled,
    };
    return this.unique(input.name, () =>
      this.repository.transaction(async (manager) => {
        await this.assertNameFree(manager, workspaceId, input.name);
        const account = await this.repository.create(manager, workspaceId, values);
        await this.audit.record(manager, ctx, { action: 'provider_account.create', workspaceId, resourceType: 'provider_account', resourceId: account.id, after: toDto(account) });
        return account;
      }),
    );
  }

  async update(ctx: RequestContext, workspaceId: string, accountId: string, input: UpdateProviderAccountInput): Promise<ProviderAccountDto> {
    if (!UUID_PATTERN.test(accountId)) throw notFound('provider account');
    const values: Partial<ProviderAccountValues> = {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.baseUrl !== undefined && { baseUrl: input.baseUrl }),
      ...(input.credential !== undefined && this.sealed(input.credential)),
      ...(input.config !== undefined && { config: input.config }),
      ...(input.enabled !== undefined && { enabled: input.enabled }),
    };
    return this.unique(input.name, () =>
      this.repository.transaction(async (manager) => {
        const before = await this.repository.find(workspaceId, accountId, manager);
        if (!before) throw notFound('provider account');
        if (input.name) await this.assertNameFree(manager, workspaceId, input.name, accountId);
        const after = (await this.repository.update(manager, workspaceId, accountId, values))!;
        // A replaced credential shows as a change of `credentialEnc` (masked), even when its hint stays the same.
        const replaced = values.credentialEnc === undefined ? {} : { credentialEnc: values.credentialEnc };
        await this.audit.record(manager, ctx, { action: 'provider_account.update', workspaceId, resourceType: 'provider_account', resourceId: accountId, before: toDto(before), after: { ...toDto(after), ...replaced } });
        return after;
      }),
    );
  }

  async delete(ctx: RequestContext, workspaceId: string, accountId: string): Promise<void> {
    if (!UUID_PATTERN.test(accountId)) throw notFound('provider account');
    try {
      await this.repository.transaction(async (manager) => {
        const before = await this.repository.find(workspaceId, accountId, manager);
        if (!before) throw notFound('provider account');
        const routes = await this.repository.routesUsing(manager, accountId);
        if (routes.length > 0) throw inUse(routes);
        await this.repository.delete(manager, workspaceId, accountId);
        await this.audit.record(manager, ctx, { action: 'provider_account.delete', workspaceId, resourceType: 'provider_account', resourceId: accountId, before: toDto(before) });
      });
    } catch (error) {
      // A route may have started using the account between the check and the delete.
      throw isForeignKeyViolation(error) ? inUse(await this.repository.routesUsing(this.repository.manager, accountId)) : error;
    }
  }

  /** Checked first so a duplicate never reaches the database with a sealed credential among the parameters. */
  private async assertNameFree(manager: EntityManager, workspaceId: string, name: string, exceptId?: string): Promise<void> {
    const existing = await this.repository.findByName(manager, workspaceId, name);
    if (existing && existing.id !== exceptId) throw conflict(`a provider account named "${name}" exists already`);
  }

  private requireLoadedPlugin(pluginId: string): void {
    if (this.plugins.getProvider(pluginId)) return;
    throw new PorticoError(ErrorCode.UNKNOWN_PROVIDER_PLUGIN, `"${pluginId}" is not a loaded provider plugin`, {
      status: 422,
      details: { pluginId, loaded: this.plugins.listProviders().map((provider) => provider.id) },
    });
  }

  private sealed(credential: string | null): Pick<ProviderAccountValues, 'credentialEnc' | 'credentialHint'> {
    if (credential === null) return { credentialEnc: null, credentialHint: null };
    return { credentialEnc: this.box.seal(credential, CREDENTIAL_PURPOSE), credentialHint: maskSecret(credential) };
  }

  private async unique(name: string | undefined, work: () => Promise<ProviderAccountEntity>): Promise<ProviderAccountDto> {
    try {
      return toDto(await work());
    } catch (error) {
      throw isUniqueViolation(error) ? conflict(`a provider account named "${name}" exists already`) : error;
    }
  }
}

function inUse(routes: string[]): PorticoError {
  return conflict(`the provider account is used by ${routes.length === 1 ? 'a route' : 'routes'}: remove it from ${routes.map((alias) => `"${alias}"`).join(', ')} first`, { routes });
}

/** Postgres foreign-key violation (23503). */
function isForeignKeyViolation(error: unknown): boolean {
  const candidate = error as { code?: string; driverError?: { code?: string } };
  return candidate?.code === '23503' || candidate?.driverError?.code === '23503';
}

function toDto(account: ProviderAccountEntity): ProviderAccountDto {
  return {
    id: account.id,
    workspaceId: account.workspaceId,
    name: account.name,
    pluginId: account.pluginId,
    baseUrl: account.baseUrl,
    hasCredential: account.credentialHint !== null,
    credentialHint: account.credentialHint,
    config: account.config,
    enabled: account.enabled,
    createdAt: account.createdAt,
    updatedAt: account.updatedAt,
  };
}
