import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AuditTrail } from '../audit/audit-log/audit-trail';
import type { CallRecord } from '../audit/call-records/call-record';
import type { CallRecords } from '../audit/call-records/call-records';

const MAX_QUEUED = 10_000;
const DATA_PLANE = { system: 'data-plane' } as const;

/**
 * Guard blocks on the data plane, in the audit log: the call record of a blocked call becomes a
 * `guard.block` entry (guard, code, stage, counts — never the matched values), written off the
 * request path in small batches. While the database is down entries wait and are retried; if the
 * queue fills up (an attacker hammering a guard), the overflow is counted and logged, not hidden.
 */
export class GuardBlockAuditor {
  private queue: CallRecord[] = [];
  private timer?: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();
  private unsubscribe?: () => void;
  /** Blocks that did not fit in the queue (for metrics and the log). */
  overflowed = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly records: CallRecords,
    private readonly logger: Logger,
    private readonly flushMs = 250,
  ) {}

  start(): void {
    this.unsubscribe = this.records.subscribe((record) => this.take(record));
    this.timer = setInterval(() => void this.flush(), this.flushMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
    await this.flush();
    if (this.queue.length > 0) this.logger.error({ blocks: this.queue.length }, 'guard blocks could not be written to the audit log before shutdown');
  }

  flush(): Promise<void> {
    this.writing = this.writing.then(() => this.flushOnce());
    return this.writing;
  }

  private take(record: CallRecord): void {
    if (record.errorClass !== 'guard_blocked' || !record.workspaceId) return;
    if (this.queue.length >= MAX_QUEUED) {
      this.overflowed += 1;
      if (this.overflowed === 1 || this.overflowed % 1000 === 0) this.logger.error({ overflowed: this.overflowed }, 'guard-block audit queue full: blocks are not being written to the audit log');
      return;
    }
    this.queue.push(record);
  }

  private async flushOnce(): Promise<void> {
    if (this.queue.length === 0) return;
    const batch = this.queue.splice(0, 200);
    try {
      await this.dataSource.transaction(async (manager) => {
        for (const record of batch) {
          const blocked = record.guardVerdicts.find((verdict) => verdict.action === 'block');
          await this.audit.record(manager, DATA_PLANE, {
            action: 'guard.block',
            workspaceId: record.workspaceId,
            resourceType: 'guard',
            resourceId: blocked?.guardId ?? null,
            after: {
              requestId: record.requestId,
              callId: record.callId,
              apiKeyId: record.apiKeyId,
              endpoint: record.endpoint,
              model: record.requestedModel,
              code: record.errorCode,
              status: record.status,
              phase: blocked?.phase ?? null,
              guardVersion: blocked?.version ?? null,
              counts: blocked?.counts ?? {},
            },
          });
        }
      });
    } catch (error) {
      this.queue.unshift(...batch);
      this.logger.warn({ err: error instanceof Error ? error.message : String(error), blocks: batch.length }, 'writing guard blocks to the audit log failed; retrying');
    }
  }
}
