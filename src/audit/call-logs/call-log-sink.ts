import type { EntityManager } from 'typeorm';
import type { CallRecord } from '../call-records/call-record';
import { CallRecordEncodingError } from './call-log-columns';

/** Where the writer puts batches: `call_logs` in Postgres (a fake in unit specs). */
export interface CallLogSink {
  /**
   * Writes the batch in one transaction, idempotently: rows already present are skipped.
   * Answers how many rows were new. Throws when nothing was written (see {@link classifyWriteFailure}).
   */
  write(records: readonly CallRecord[]): Promise<number>;
}

/**
 * Told about every batch inside the transaction that inserts it, with only the records that
 * were new (analytics rollups), so what it derives always equals the rows.
 */
export interface CallBatchObserver {
  applyBatch(manager: EntityManager, records: readonly CallRecord[]): Promise<void>;
}

export const CALL_BATCH_OBSERVER = Symbol('CallBatchObserver');

/**
 * `rejected`: the data itself was refused (a value Postgres cannot store, a body that is not JSON),
 * or code choked on it (a TypeError in a rollup): retrying the same rows fails the same way, so
 * they are isolated and quarantined. `unavailable`: anything else (connection refused or cut,
 * server starting or shutting down, timeouts, deadlocks, a missing table): retried later with the
 * records kept on disk, never quarantined.
 */
export type WriteFailure = 'rejected' | 'unavailable';

export function classifyWriteFailure(error: unknown): WriteFailure {
  if (error instanceof CallRecordEncodingError || error instanceof TypeError || error instanceof RangeError) return 'rejected';
  const code = sqlState(error);
  // Class 22: data exception (out of range, invalid text, bad JSON escape); 23: integrity constraint.
  return code !== undefined && /^2[23]/.test(code) ? 'rejected' : 'unavailable';
}

function sqlState(error: unknown): string | undefined {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } } | undefined;
  const code = candidate?.driverError?.code ?? candidate?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}
