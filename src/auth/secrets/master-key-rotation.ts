import type { DataSource } from 'typeorm';
import { AuditTrail } from '../../audit/audit-log/audit-trail';
import { fingerprintsMatch, masterKeyFingerprint } from '../../common/crypto/master-key';
import { SecretBox } from '../../common/crypto/secret-box';
import { ErrorCode, PorticoError } from '../../common/errors';
import { ENCRYPTED_COLUMNS, type EncryptedColumn } from './encrypted-columns';
import { MasterKeyRotationRepository } from './master-key-rotation.repository';

export interface RotationResult {
  /** Values re-sealed, by `table.column`. */
  resealed: Record<string, number>;
  /** Values found already under the new key (skipped). */
  skipped: number;
  total: number;
}

/**
 * Re-seals every encrypted column (`ENCRYPTED_COLUMNS`) under `newKey` and records the new key's
 * fingerprint, all in one transaction: either every value moves or none does. Values already
 * under the new key are skipped, so a second run (or a run after a crash) is harmless. Refuses to
 * start when the database belongs to neither key.
 */
export async function rotateMasterKey(
  dataSource: DataSource,
  oldKey: Buffer,
  newKey: Buffer,
  columns: readonly EncryptedColumn[] = ENCRYPTED_COLUMNS,
): Promise<RotationResult> {
  if (newKey.length !== 32) throw new PorticoError(ErrorCode.CONFIG_INVALID, 'the new master key must be 32 bytes');
  if (oldKey.equals(newKey)) throw new PorticoError(ErrorCode.CONFIG_INVALID, 'the new master key is the current one; generate a new one (openssl rand -base64 32)');
  const box = new SecretBox(newKey, [oldKey]);
  const repository = new MasterKeyRotationRepository(dataSource);
  return repository.transaction(async (manager) => {
    const stored = await repository.readFingerprint(manager);
    const known = [masterKeyFingerprint(oldKey), masterKeyFingerprint(newKey)];
    if (stored !== undefined && !known.some((fingerprint) => fingerprintsMatch(stored, fingerprint))) {
      throw new PorticoError(ErrorCode.MASTER_KEY_MISMATCH, 'this database was set up with neither the current nor the new master key; nothing was changed');
    }
    const result: RotationResult = { resealed: {}, skipped: 0, total: 0 };
    for (const column of columns) {
      let count = 0;
      for (const { key, sealed } of await repository.selectSealed(manager, column)) {
        if (!box.isStale(sealed)) {
          result.skipped += 1;
          continue;
        }
        await repository.updateSealed(manager, column, key, box.seal(box.open(sealed, column.purpose), column.purpose));
        count += 1;
      }
      result.resealed[`${column.table}.${column.column}`] = count;
      result.total += count;
    }
    await repository.writeFingerprint(manager, masterKeyFingerprint(newKey));
    await new AuditTrail().record(manager, { system: 'master-key-rotation' }, {
      action: 'master_key.rotate',
      workspaceId: null,
      resourceType: 'master_key',
      resourceId: null,
      before: { fingerprint: stored ?? null },
      after: { fingerprint: masterKeyFingerprint(newKey), ...result },
    });
    return result;
  });
}
