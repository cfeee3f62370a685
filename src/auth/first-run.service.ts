import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditTrail, type SystemActor } from '../audit/audit-log/audit-trail';
import { ErrorCode, PorticoError } from '../common/errors';
import { fingerprintsMatch, masterKeyFingerprint } from '../common/crypto/master-key';
import { generateApiKey, importApiKey } from './api-key-material';
import type { FirstRunIds, FirstRunRecords, FirstRunRepository } from './first-run.repository';
import type { PasswordHashingStrategy } from './password-hashing-strategy';

export interface FirstRunSettings {
  adminEmail: string;
  adminPassword?: string;
  bootstrapApiKey?: string;
}

/** What was created on an empty database. Secrets appear here only when Portico generated them. */
export interface FirstRunResult {
  workspaceId: string;
  workspaceSlug: string;
  adminEmail: string;
  generatedAdminPassword?: string;
  apiKeyId: string;
  generatedApiKey?: string;
}

export const DEFAULT_WORKSPACE_SLUG = 'default';
const FIRST_RUN: SystemActor = { system: 'first-run' };

/**
 * Sets up an empty database once: the first workspace, its owner (a superadmin) and an admin
 * service account with one API key. There is no default password: it comes from the
 * environment or is generated and returned so the caller can show it once.
 */
export class FirstRunService {
  constructor(
    private readonly repository: FirstRunRepository,
    private readonly passwords: PasswordHashingStrategy,
    private readonly audit: AuditTrail = new AuditTrail(),
  ) {}

  async ensureInitialized(settings: FirstRunSettings): Promise<FirstRunResult | null> {
    const generatedAdminPassword = settings.adminPassword ? undefined : randomBytes(18).toString('base64url');
    const password = settings.adminPassword ?? generatedAdminPassword!;
    const apiKey = settings.bootstrapApiKey ? importApiKey(settings.bootstrapApiKey) : generateApiKey();
    return this.repository.withFirstRunLock(async (manager) => {
      if (!(await this.repository.isEmpty(manager))) return null;
      const records = {
        workspace: { slug: DEFAULT_WORKSPACE_SLUG, name: 'Default workspace' },
        admin: { email: settings.adminEmail, displayName: 'Administrator', passwordHash: await this.passwords.hash(password) },
        serviceAccount: { name: 'bootstrap-admin', role: 'admin' },
        apiKey: { publicId: apiKey.publicId, hash: apiKey.hash, name: 'bootstrap admin key', scopes: ['admin', 'invoke:*'] },
      };
      const ids = await this.repository.createAll(manager, records);
      await this.recordCreated(manager, ids, records);
      return {
        workspaceId: ids.workspaceId,
        workspaceSlug: DEFAULT_WORKSPACE_SLUG,
        adminEmail: settings.adminEmail,
        generatedAdminPassword,
        apiKeyId: ids.apiKeyId,
        generatedApiKey: settings.bootstrapApiKey ? undefined : apiKey.key,
      };
    });
  }

  private async recordCreated(manager: EntityManager, ids: FirstRunIds, records: FirstRunRecords): Promise<void> {
    const { workspaceId } = ids;
    const { admin, serviceAccount, apiKey } = records;
    await this.audit.record(manager, FIRST_RUN, { action: 'workspace.create', workspaceId: null, resourceType: 'workspace', resourceId: workspaceId, after: { id: workspaceId, ...records.workspace, ownerId: ids.adminUserId } });
    await this.audit.record(manager, FIRST_RUN, { action: 'user.create', workspaceId: null, resourceType: 'user', resourceId: ids.adminUserId, after: { id: ids.adminUserId, email: admin.email, displayName: admin.displayName, isSuperadmin: true } });
    await this.audit.record(manager, FIRST_RUN, { action: 'member.add', workspaceId, resourceType: 'member', resourceId: ids.adminUserId, after: { userId: ids.adminUserId, email: admin.email, role: 'owner' } });
    await this.audit.record(manager, FIRST_RUN, { action: 'service_account.create', workspaceId, resourceType: 'service_account', resourceId: ids.serviceAccountId, after: { id: ids.serviceAccountId, ...serviceAccount } });
    await this.audit.record(manager, FIRST_RUN, { action: 'api_key.create', workspaceId, resourceType: 'api_key', resourceId: ids.apiKeyId, after: { id: ids.apiKeyId, name: apiKey.name, prefix: `ptk_${apiKey.publicId}_…`, owner: { type: 'service_account', id: ids.serviceAccountId }, scopes: apiKey.scopes } });
  }

  /** Refuses to run with a master key other than the one this database was set up with. */
  async verifyMasterKey(key: Buffer): Promise<void> {
    const fingerprint = masterKeyFingerprint(key);
    const stored = await this.repository.insertSettingOnce('master_key_fingerprint', fingerprint);
    if (typeof stored !== 'string' || !fingerprintsMatch(stored, fingerprint)) {
      throw new PorticoError(
        ErrorCode.MASTER_KEY_MISMATCH,
        'PORTICO_MASTER_KEY differs from the key this database was set up with; encrypted secrets could not be read. Use the original key.',
      );
    }
  }
}

/** The block printed once after first run, so the README's first `curl` works. */
export function formatFirstRunBanner(result: FirstRunResult): string {
  const lines = [
    'Portico first run: created workspace "' + result.workspaceSlug + '" and its administrator.',
    `  admin e-mail:    ${result.adminEmail}`,
    result.generatedAdminPassword ? `  admin password:  ${result.generatedAdminPassword}` : '  admin password:  (from PORTICO_ADMIN_PASSWORD)',
    result.generatedApiKey ? `  admin API key:   ${result.generatedApiKey}` : '  admin API key:   (from PORTICO_BOOTSTRAP_API_KEY)',
    'These are shown once and stored only as hashes. Keep them now.',
  ];
  const width = Math.max(...lines.map((line) => line.length)) + 2;
  const rule = '='.repeat(width);
  return [rule, ...lines, rule].join('\n') + '\n';
}
