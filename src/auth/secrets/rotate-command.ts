import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode, PorticoError } from '../../common/errors';
import { loadConfig } from '../../config/portico-config';
import { connectDataSource } from '../../database/data-source';
import { EmbeddedDatabase } from '../../database/embedded-database';
import { rotateMasterKey, type RotationResult } from './master-key-rotation';

export const NEW_MASTER_KEY_VARIABLE = 'PORTICO_NEW_MASTER_KEY';

export interface RotateCommandOutcome extends RotationResult {
  /** The key file rewritten with the new key (when the current key came from it). */
  keyFile?: string;
}

/**
 * `rotate-master-key`: the current key from `PORTICO_MASTER_KEY` (or `<dataDir>/master.key`),
 * the new one from `PORTICO_NEW_MASTER_KEY`; the same database resolution as the migration CLI.
 * Stop every Portico process first: a running one would keep sealing with the old key.
 */
export async function runRotateMasterKey(env: NodeJS.ProcessEnv, print: (line: string) => void = () => undefined): Promise<RotateCommandOutcome> {
  const config = loadConfig(env);
  const newKey = parseNewKey(env[NEW_MASTER_KEY_VARIABLE]);
  const keyFile = join(config.dataDir, 'master.key');
  const oldKey = config.masterKey ?? readKeyFile(keyFile);
  const embedded = config.database.url ? undefined : new EmbeddedDatabase({ dataDir: config.dataDir, port: config.database.embeddedPort });
  const url = config.database.url ?? (await embedded!.start());
  const dataSource = await connectDataSource({ url, poolSize: 2 });
  let result: RotationResult;
  try {
    result = await rotateMasterKey(dataSource, oldKey, newKey);
  } finally {
    await dataSource.destroy();
    await embedded?.stop();
  }
  print(`Re-sealed ${result.total} secret(s) under the new master key (${result.skipped} already under it): ${JSON.stringify(result.resealed)}`);
  if (config.masterKey) {
    print('Set PORTICO_MASTER_KEY to the new key on every replica before starting Portico again.');
    return result;
  }
  writeKeyFile(keyFile, newKey);
  print(`Wrote the new key to ${keyFile}. Back it up; the old key no longer opens anything.`);
  return { ...result, keyFile };
}

function parseNewKey(value: string | undefined): Buffer {
  const key = value ? Buffer.from(value.trim(), 'base64') : Buffer.alloc(0);
  if (key.length !== 32 || key.toString('base64') !== value!.trim()) {
    throw new PorticoError(ErrorCode.CONFIG_INVALID, `${NEW_MASTER_KEY_VARIABLE} must be 32 random bytes, base64-encoded (e.g. \`openssl rand -base64 32\`)`);
  }
  return key;
}

function readKeyFile(file: string): Buffer {
  if (!existsSync(file)) {
    throw new PorticoError(ErrorCode.CONFIG_INVALID, `no current master key: set PORTICO_MASTER_KEY, or PORTICO_DATA_DIR to the folder holding master.key (${file} does not exist)`);
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
}

/** Replaces the key file atomically (write beside it, then rename), readable by the owner only. */
function writeKeyFile(file: string, key: Buffer): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${key.toString('base64')}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}
