import { Injectable } from '@nestjs/common';
import { AuditTrail } from '../audit/audit-log/audit-trail';
import type { RequestContext } from '../auth/principal';
import { PROVIDER_EXTRA_CREDENTIAL_PURPOSE } from '../auth/secrets/encrypted-columns';
import { maskSecret, SecretBox } from '../common/crypto/secret-box';
import { isUuid, notFound } from '../common/http/problems';
import type { ProviderAccountCredentialEntity } from './provider-account-credential.entity';
import type { AddProviderCredentialInput, ProviderCredentialDto } from './provider-credential.dto';
import { ProviderCredentialsRepository } from './provider-credentials.repository';

/**
 * Extra credentials of a provider account, tried after the primary one when a key is refused or
 * throttled. Write-only like the primary: sealed at rest, listed only as masked hints.
 */
@Injectable()
export class ProviderCredentialsService {
  constructor(
    private readonly repository: ProviderCredentialsRepository,
    private readonly box: SecretBox,
    private readonly audit: AuditTrail = new AuditTrail(),
  ) {}

  async list(_ctx: RequestContext, workspaceId: string, accountId: string): Promise<ProviderCredentialDto[]> {
    if (!isUuid(accountId) || !(await this.repository.accountExists(workspaceId, accountId))) throw notFound('provider account');
    return (await this.repository.list(accountId)).map(toDto);
  }

  async add(ctx: RequestContext, workspaceId: string, accountId: string, input: AddProviderCredentialInput): Promise<ProviderCredentialDto> {
    if (!isUuid(accountId)) throw notFound('provider account');
    const sealed = this.box.seal(input.credential, PROVIDER_EXTRA_CREDENTIAL_PURPOSE);
    const created = await this.repository.transaction(async (manager) => {
      if (!(await this.repository.lockAccount(manager, workspaceId, accountId))) throw notFound('provider account');
      const credential = await this.repository.add(manager, workspaceId, accountId, sealed, maskSecret(input.credential));
      await this.audit.record(manager, ctx, { action: 'provider_credential.add', workspaceId, resourceType: 'provider_credential', resourceId: credential.id, after: toDto(credential) });
      return credential;
    });
    return toDto(created);
  }

  async delete(ctx: RequestContext, workspaceId: string, accountId: string, credentialId: string): Promise<void> {
    if (!isUuid(accountId) || !isUuid(credentialId)) throw notFound('provider credential');
    await this.repository.transaction(async (manager) => {
      if (!(await this.repository.lockAccount(manager, workspaceId, accountId))) throw notFound('provider account');
      const before = await this.repository.find(manager, accountId, credentialId);
      if (!before || !(await this.repository.delete(manager, workspaceId, accountId, credentialId))) throw notFound('provider credential');
      await this.audit.record(manager, ctx, { action: 'provider_credential.delete', workspaceId, resourceType: 'provider_credential', resourceId: credentialId, before: toDto(before) });
    });
  }
}

function toDto(credential: ProviderAccountCredentialEntity): ProviderCredentialDto {
  return {
    id: credential.id,
    accountId: credential.accountId,
    credentialHint: credential.credentialHint,
    position: credential.position,
    createdAt: credential.createdAt,
  };
}
