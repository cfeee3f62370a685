import type { DataSource, EntityManager } from 'typeorm';
import type { CallRecord } from '../call-records/call-record';
import { encodeColumns, INSERT_BATCH_SQL, rowKey } from './call-log-columns';
import type { CallBatchObserver, CallLogSink } from './call-log-sink';

interface InsertedRow {
  call_id: string;
  started_at: Date;
}

/**
 * The writer's way into `call_logs`: one `INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING`
 * per batch. With an observer (analytics rollups) the insert and the observer run in one
 * transaction and the observer sees exactly the rows that were new.
 */
export class CallLogBatchesRepository implements CallLogSink {
  constructor(
    private readonly dataSource: DataSource,
    private readonly observer?: CallBatchObserver,
  ) {}

  async write(records: readonly CallRecord[]): Promise<number> {
    const columns = encodeColumns(records);
    if (!this.observer) return ((await this.dataSource.query(INSERT_BATCH_SQL, columns)) as InsertedRow[]).length;
    const observer = this.observer;
    return this.dataSource.transaction(async (manager: EntityManager) => {
      const inserted = (await manager.query(INSERT_BATCH_SQL, columns)) as InsertedRow[];
      if (inserted.length > 0) await observer.applyBatch(manager, onlyInserted(records, inserted));
      return inserted.length;
    });
  }
}

/** The records behind the returned rows; a record present twice in one batch counts once. */
function onlyInserted(records: readonly CallRecord[], inserted: readonly InsertedRow[]): CallRecord[] {
  const keys = new Set(inserted.map((row) => rowKey(row.call_id, row.started_at)));
  const taken: CallRecord[] = [];
  for (const record of records) {
    const key = rowKey(record.callId, record.startedAt);
    if (keys.delete(key)) taken.push(record);
  }
  return taken;
}
