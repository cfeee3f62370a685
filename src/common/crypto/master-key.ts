import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ResolvedMasterKey {
  key: Buffer;
  /** Where it came from, for one log line at boot. */
  source: 'environment' | 'data-dir' | 'generated';
  file?: string;
}

/**
 * `PORTICO_MASTER_KEY` when set; otherwise the key kept beside the data (`<dataDir>/master.key`),
 * generated on first use. Secrets at rest (provider credentials) are encrypted with it.
 */
export function resolveMasterKey(fromEnvironment: Buffer | undefined, dataDir: string): ResolvedMasterKey {
  if (fromEnvironment) return { key: fromEnvironment, source: 'environment' };
  const file = join(dataDir, 'master.key');
  if (existsSync(file)) return { key: Buffer.from(readFileSync(file, 'utf8').trim(), 'base64'), source: 'data-dir', file };
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { key, source: 'generated', file };
}

/** A value that proves which master key a database was set up with, without revealing it. */
export function masterKeyFingerprint(key: Buffer): string {
  return createHmac('sha256', key).update('portico/master-key-check/v1').digest('base64');
}

export function fingerprintsMatch(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
