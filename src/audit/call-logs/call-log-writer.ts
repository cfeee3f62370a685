import type { Logger } from 'pino';
import { ErrorCode } from '../../common/errors';
import type { CallRecord } from '../call-records/call-record';
import type { CallLogMetrics } from './call-log-metrics';
import { classifyWriteFailure, type CallLogSink } from './call-log-sink';
import type { CallLogSpill, QuarantineEntry } from './call-log-spill';
import { RecordQueue } from './record-queue';

export interface CallLogWriterOptions {
  readonly batchSize: number;
  readonly flushMs: number;
  /** Records held in memory; beyond it the oldest batches go to the spill file. */
  readonly queueMax: number;
  /** Backoff between attempts while the database fails: from `retryMinMs`, doubling, up to `retryMaxMs`. */
  readonly retryMinMs?: number;
  readonly retryMaxMs?: number;
  /** After a spill failure (disk full), how long before spilling is tried again. */
  readonly spillRetryMs?: number;
  /** Batches written at once (the sink's connections): encoding one overlaps the database's work on another. */
  readonly concurrency?: number;
  /**
   * When the writer is behind, up to this many queued batches go in one insert: per-statement and
   * per-rollup-key costs are then shared by more rows, so a backlog drains faster.
   */
  readonly coalesceBatches?: number;
}

/**
 * Moves call records from the data plane to Postgres without ever making a request wait.
 *
 * `push` is O(1): it appends to an in-memory queue of batches. One pump writes a batch when it is
 * full (`batchSize`) or old enough (`flushMs`), one idempotent insert per batch, up to `concurrency`
 * batches at once (one replayed batch at a time, so spill files replay in order); when it is behind,
 * several queued batches go in one insert (`coalesceBatches`). When the database
 * fails, batches go to the spill file instead, and the pump probes again with exponential backoff;
 * once the database answers, spilled records are replayed (alternating with live batches so neither
 * starves). A batch the database rejects as data is bisected until the poison records are isolated
 * and quarantined; the rest is written. When the queue outgrows `queueMax`, the oldest batches are
 * spilled at once. `close` writes what it can within its budget and spills the rest.
 *
 * Every record is counted exactly once as written, spilled (then replayed), rejected or dropped;
 * dropping happens only when memory is past twice `queueMax` and the disk refuses the spill.
 */
export class CallLogWriter {
  private readonly queue: RecordQueue;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private down = false;
  private failures = 0;
  private retryAt = 0;
  private spillBlockedUntil = 0;
  private spillFailing = false;
  private replayBlockedUntil = 0;
  private replayTurn = false;
  private readonly inFlight = new Set<readonly CallRecord[]>();
  private inFlightRecords = 0;
  private readonly active = new Set<Promise<void>>();
  private replaying = false;
  private spilling = 0;
  private overflow?: Promise<void>;
  private closing?: Promise<void>;
  private stopped = false;
  private flushWaiters: Array<() => void> = [];
  private readonly retryMinMs: number;
  private readonly retryMaxMs: number;
  private readonly spillRetryMs: number;
  private readonly concurrency: number;

  constructor(
    private readonly sink: CallLogSink,
    private readonly spill: CallLogSpill,
    private readonly metrics: CallLogMetrics,
    private readonly logger: Logger,
    private readonly options: CallLogWriterOptions,
  ) {
    this.queue = new RecordQueue(options.batchSize);
    this.retryMinMs = options.retryMinMs ?? 250;
    this.retryMaxMs = options.retryMaxMs ?? 5_000;
    this.spillRetryMs = options.spillRetryMs ?? 1_000;
    this.concurrency = Math.max(1, options.concurrency ?? 2);
    metrics.watchQueueDepth(() => this.depth);
  }

  /** Adopts spill files left by an earlier run (replayed in the background) and starts the pump. */
  async start(): Promise<void> {
    await this.spill.open();
    this.loop ??= this.run();
  }

  /** Never blocks, never throws: the data plane's side of the writer. */
  push(record: CallRecord): void {
    if (this.stopped) {
      void this.spillLate(record);
      return;
    }
    if (this.queue.push(record)) this.wake();
    if (this.queue.length > this.options.queueMax) this.spillOverflow();
  }

  /** Resolves once everything queued so far is written or spilled (spilled records may still await replay). */
  flush(): Promise<void> {
    if (!this.loop || this.stopped) return Promise.resolve();
    const flushed = new Promise<void>((resolve) => this.flushWaiters.push(resolve));
    this.wake();
    return flushed;
  }

  /** Records in memory (queued, being written or being spilled). */
  get depth(): number {
    return this.queue.length + this.inFlightRecords + this.spilling;
  }

  /** Spilled records wait for replay. */
  get replayPending(): boolean {
    return this.spill.hasPending;
  }

  /**
   * Writes what is queued within `budgetMs`, spills the rest (and a write still in flight: if it
   * committed after all, replaying it is a no-op), then closes the spill file for the next start.
   */
  close(budgetMs: number): Promise<void> {
    this.closing ??= this.shutDown(budgetMs);
    return this.closing;
  }

  private async shutDown(budgetMs: number): Promise<void> {
    this.wake();
    let timer: NodeJS.Timeout | undefined;
    const finished = this.loop
      ? await Promise.race([this.loop.then(() => true), new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), budgetMs)))])
      : true;
    clearTimeout(timer);
    this.stopped = true;
    this.wake();
    await this.overflow;
    const left = [...(finished ? [] : [...this.inFlight].flat()), ...this.queue.takeAll()];
    if (left.length > 0) {
      this.logger.warn({ records: left.length, budgetMs }, 'call-log shutdown budget spent; spilling the rest for the next start');
      await this.spillOrDrop(left);
    }
    this.resolveFlushWaiters();
    await this.spill.close();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const now = Date.now();
      const head = this.queue.head();
      if (!head && this.active.size === 0) {
        this.resolveFlushWaiters();
        if (this.closing) return;
      }
      const due = head !== undefined && (this.closing !== undefined || this.flushWaiters.length > 0 || head.records.length >= this.options.batchSize || now - head.since >= this.options.flushMs);
      const nextDue = head && !due ? head.since + this.options.flushMs - now : Infinity;
      if (this.down && now < this.retryAt) {
        if (due && now >= this.spillBlockedUntil) await this.spillBatch(this.queue.shift());
        else await this.sleep(Math.min(this.retryAt - now, nextDue, due ? this.spillBlockedUntil - now : Infinity));
        continue;
      }
      // While the database is failing, one write at a time probes it; otherwise up to `concurrency`.
      if (this.active.size >= (this.down ? 1 : this.concurrency)) {
        await this.sleep(Infinity);
        continue;
      }
      const replayable = !this.closing && !this.replaying && this.spill.hasPending && now >= this.replayBlockedUntil;
      if (replayable && (this.replayTurn || !due)) {
        this.replayTurn = false;
        this.track(this.replayOne());
      } else if (due) {
        this.replayTurn = true;
        this.track(this.writeLive(this.queue.shiftUpTo(this.options.batchSize * (this.options.coalesceBatches ?? 5))));
      } else if (this.active.size > 0 || head || this.spill.hasPending) {
        await this.sleep(Math.min(nextDue, this.spill.hasPending && !this.replaying ? this.replayBlockedUntil - now : Infinity));
      } else {
        await this.sleep(Infinity);
      }
    }
  }

  /** Runs a write beside the pump; its end wakes the pump (a slot is free, a flush may be done). */
  private track(work: Promise<void>): void {
    const tracked = work.finally(() => {
      this.active.delete(tracked);
      this.wake();
    });
    this.active.add(tracked);
  }

  private async writeLive(records: CallRecord[]): Promise<void> {
    const unwritten = await this.write(records);
    if (unwritten.length > 0 && !this.stopped) await this.spillBatch(unwritten);
  }

  private async replayOne(): Promise<void> {
    this.replaying = true;
    try {
      const batch = await this.spill.nextBatch(this.options.batchSize);
      if (!batch) return;
      const unwritten = await this.write(batch.records);
      if (unwritten.length > 0) return; // the database failed: the file keeps them for the next attempt
      this.metrics.replayed.inc(batch.records.length);
      await batch.commit();
    } catch (error) {
      this.replayBlockedUntil = Date.now() + this.spillRetryMs;
      this.logger.error({ err: error, dir: this.spill.dir }, 'cannot read a call-log spill file; retrying later');
    } finally {
      this.replaying = false;
    }
  }

  /** Writes the batch; answers the records still unwritten because the database is unavailable. */
  private async write(records: readonly CallRecord[]): Promise<readonly CallRecord[]> {
    if (records.length === 0) return [];
    this.inFlight.add(records);
    this.inFlightRecords += records.length;
    try {
      const started = performance.now();
      const inserted = await this.sink.write(records);
      this.metrics.batchSeconds.observe((performance.now() - started) / 1_000);
      this.metrics.rowsWritten.inc(inserted);
      this.markUp();
      return [];
    } catch (error) {
      if (classifyWriteFailure(error) === 'rejected') return await this.isolate(records);
      this.markDown(error);
      return records;
    } finally {
      this.inFlight.delete(records);
      this.inFlightRecords -= records.length;
    }
  }

  /**
   * Bisects a rejected batch: halves that go in are written, single records that are refused are
   * quarantined. Stops (answering what is left) if the database becomes unavailable meanwhile.
   */
  private async isolate(records: readonly CallRecord[]): Promise<readonly CallRecord[]> {
    const parts = halves(records);
    const rejected: QuarantineEntry[] = [];
    let left: readonly CallRecord[] = [];
    while (parts.length > 0) {
      const part = parts.shift()!;
      try {
        this.metrics.rowsWritten.inc(await this.sink.write(part));
      } catch (error) {
        if (classifyWriteFailure(error) === 'unavailable') {
          this.markDown(error);
          left = [part, ...parts].flat();
          break;
        }
        if (part.length === 1) rejected.push({ reason: 'record_rejected', error: describeError(error), record: part[0] });
        else parts.unshift(...halves(part));
      }
    }
    if (left.length === 0) this.markUp();
    if (rejected.length > 0) await this.quarantine(rejected);
    return left;
  }

  private async quarantine(rejected: readonly QuarantineEntry[]): Promise<void> {
    this.metrics.writeErrors.inc({ reason: 'record_rejected' }, rejected.length);
    try {
      await this.spill.quarantine(rejected);
      this.logger.error(
        { code: ErrorCode.CALL_LOG_RECORD_REJECTED, records: rejected.length, dir: this.spill.dir, firstError: rejected[0].error },
        'the database rejected call records; quarantined them to a .rejected.jsonl file',
      );
    } catch (error) {
      this.metrics.dropped.inc(rejected.length);
      this.logger.error({ code: ErrorCode.CALL_LOG_RECORDS_DROPPED, err: error, records: rejected.length }, 'rejected call records could not be quarantined; they are lost');
    }
  }

  private markDown(error: unknown): void {
    this.metrics.writeErrors.inc({ reason: 'database_unavailable' });
    this.failures += 1;
    const backoff = Math.min(this.retryMaxMs, this.retryMinMs * 2 ** Math.min(this.failures - 1, 20));
    const waitMs = Math.round(backoff * (0.5 + Math.random() / 2));
    this.retryAt = Date.now() + waitMs;
    if (!this.down) this.logger.warn({ err: error, retryInMs: waitMs }, 'call-log writes failing; spilling to disk until the database answers');
    this.down = true;
  }

  private markUp(): void {
    if (this.down) this.logger.info('call-log writes succeed again; replaying spilled records');
    this.down = false;
    this.failures = 0;
  }

  /** The pump's spill of a batch; on failure the batch goes back to the front of the queue. */
  private async spillBatch(records: readonly CallRecord[]): Promise<void> {
    if (records.length === 0) return;
    this.spilling += records.length;
    try {
      this.metrics.spilled.inc(await this.spill.append(records));
      if (this.spillFailing) this.logger.info('call-log spill file writable again');
      this.spillFailing = false;
    } catch (error) {
      this.metrics.writeErrors.inc({ reason: 'spill_failed' });
      this.spillBlockedUntil = Date.now() + this.spillRetryMs;
      if (!this.spillFailing) this.logger.error({ code: ErrorCode.CALL_LOG_SPILL_FAILED, err: error, dir: this.spill.dir }, 'cannot write the call-log spill file; holding records in memory');
      this.spillFailing = true;
      this.queue.unshift([...records]);
    } finally {
      this.spilling -= records.length;
    }
  }

  /** Keeps memory bounded while the database is slower than the traffic. Runs beside the pump. */
  private spillOverflow(): void {
    if (Date.now() < this.spillBlockedUntil) {
      this.dropBeyondHardLimit();
      return;
    }
    this.overflow ??= (async () => {
      while (!this.stopped && this.queue.length > this.options.queueMax && Date.now() >= this.spillBlockedUntil) await this.spillBatch(this.queue.shift());
    })().finally(() => (this.overflow = undefined));
  }

  private dropBeyondHardLimit(): void {
    let dropped = 0;
    while (this.queue.length > 2 * this.options.queueMax) dropped += this.queue.shift().length;
    if (dropped === 0) return;
    this.metrics.dropped.inc(dropped);
    this.logger.error({ code: ErrorCode.CALL_LOG_RECORDS_DROPPED, records: dropped }, 'call-log queue full and spill file unwritable; dropped the oldest records');
  }

  private async spillOrDrop(records: CallRecord[]): Promise<void> {
    try {
      this.metrics.spilled.inc(await this.spill.append(records));
    } catch (error) {
      this.metrics.writeErrors.inc({ reason: 'spill_failed' });
      this.metrics.dropped.inc(records.length);
      this.logger.error({ code: ErrorCode.CALL_LOG_RECORDS_DROPPED, err: error, records: records.length }, 'could not spill call records at shutdown; they are lost');
    }
  }

  /** A record published after shutdown (should not happen once HTTP has drained): straight to disk. */
  private spillLate(record: CallRecord): Promise<void> {
    return this.spillOrDrop([record]);
  }

  private resolveFlushWaiters(): void {
    if (this.active.size > 0 || this.flushWaiters.length === 0) return;
    const waiters = this.flushWaiters;
    this.flushWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.wakeUp === done) this.wakeUp = undefined;
        resolve();
      };
      const timer = Number.isFinite(ms) ? setTimeout(done, Math.max(1, ms)).unref() : undefined;
      this.wakeUp = done;
    });
  }

  private wake(): void {
    this.wakeUp?.();
  }
}

function halves<T>(items: readonly T[]): T[][] {
  const middle = Math.ceil(items.length / 2);
  return [items.slice(0, middle), items.slice(middle)].filter((part) => part.length > 0);
}

function describeError(error: unknown): string {
  const code = (error as { code?: unknown; driverError?: { code?: unknown } })?.driverError?.code ?? (error as { code?: unknown })?.code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' ? `${code}: ${message}` : message;
}
