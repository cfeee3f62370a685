import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export type WriteErrorReason = 'database_unavailable' | 'record_rejected' | 'spill_failed' | 'spill_corrupt';

/**
 * What the writer tells Prometheus. Every record ends up counted in exactly one of: rows written
 * (or found already written), spilled (and later replayed), rejected (`write_errors{reason="record_rejected"}`,
 * quarantined to a file) or dropped (only when memory is full and the disk refuses the spill).
 */
export interface CallLogMetrics {
  readonly rowsWritten: Counter;
  readonly spilled: Counter;
  readonly replayed: Counter;
  readonly writeErrors: Counter<'reason'>;
  readonly dropped: Counter;
  readonly batchSeconds: Histogram;
  /** Where the queue-depth gauge reads the depth from at scrape time (publish never touches the gauge). */
  watchQueueDepth(depth: () => number): void;
}

export function registerCallLogMetrics(registry: Registry): CallLogMetrics {
  let depth: () => number = () => 0;
  const registers = [registry];
  new Gauge({
    name: 'portico_call_log_queue_depth',
    help: 'Call records held in memory, waiting for the call-log writer',
    registers,
    collect() {
      this.set(depth());
    },
  });
  return {
    rowsWritten: new Counter({ name: 'portico_call_log_rows_written_total', help: 'Call-log rows inserted into Postgres', registers }),
    spilled: new Counter({ name: 'portico_call_log_spilled_total', help: 'Call records written to a spill file (database down or queue full)', registers }),
    replayed: new Counter({ name: 'portico_call_log_replayed_total', help: 'Spilled call records written back to Postgres', registers }),
    writeErrors: new Counter({
      name: 'portico_call_log_write_errors_total',
      help: 'Failed call-log writes: batch attempts the database did not answer, records it rejected (quarantined), spill failures, corrupt spill lines',
      labelNames: ['reason'],
      registers,
    }),
    dropped: new Counter({ name: 'portico_call_log_dropped_total', help: 'Call records lost: the queue was full and the spill file could not be written', registers }),
    batchSeconds: new Histogram({
      name: 'portico_call_log_batch_seconds',
      help: 'Time to write one call-log batch to Postgres',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    watchQueueDepth(source) {
      depth = source;
    },
  };
}
