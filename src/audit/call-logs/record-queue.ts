import type { CallRecord } from '../call-records/call-record';

/** Records that arrived together, at most one batch of them, and when the first arrived. */
export interface QueuedBatch {
  readonly records: CallRecord[];
  readonly since: number;
}

/**
 * A FIFO of batches: `push` appends to the last batch or starts a new one, so taking a batch
 * is O(1) whatever the depth (no array shifting of individual records).
 */
export class RecordQueue {
  private batches: QueuedBatch[] = [];
  private count = 0;

  constructor(private readonly batchSize: number) {}

  get length(): number {
    return this.count;
  }

  /** Answers whether this record filled a batch or started the first one (the pump has something new to do). */
  push(record: CallRecord): boolean {
    let tail = this.batches.at(-1);
    const first = tail === undefined;
    if (!tail || tail.records.length >= this.batchSize) {
      tail = { records: [], since: Date.now() };
      this.batches.push(tail);
    }
    tail.records.push(record);
    this.count += 1;
    return first || tail.records.length === this.batchSize;
  }

  head(): QueuedBatch | undefined {
    return this.batches[0];
  }

  shift(): CallRecord[] {
    const batch = this.batches.shift();
    if (!batch) return [];
    this.count -= batch.records.length;
    return batch.records;
  }

  /** Whole batches from the front, as many as fit in `maxRecords` (always at least one). */
  shiftUpTo(maxRecords: number): CallRecord[] {
    const taken = this.shift();
    while (this.batches.length > 0 && taken.length + this.batches[0].records.length <= maxRecords) taken.push(...this.shift());
    return taken;
  }

  /** Puts records back in front (a spill that failed), in their order. */
  unshift(records: CallRecord[]): void {
    if (records.length === 0) return;
    this.batches.unshift({ records, since: 0 });
    this.count += records.length;
  }

  takeAll(): CallRecord[] {
    const all = this.batches.flatMap((batch) => batch.records);
    this.batches = [];
    this.count = 0;
    return all;
  }
}
