import { Readable } from 'node:stream';
import { Injectable, StreamableFile } from '@nestjs/common';
import type { RequestContext } from '../../auth/principal';
import { csvHeader, csvLine, type ExportFormat, jsonLine, toView } from './audit-export';
import { type AuditFilter, AuditLogRepository } from './audit-log.repository';
import { type AuditPageDto, type AuditVerifyDto, encodeCursor, type ExportQuery, type InstanceScope, type PageQuery } from './audit-log.dto';
import { ChainVerifier } from './chain-verifier';

const EXPORT_BATCH = 500;
const VERIFY_BATCH = 1_000;

const CONTENT_TYPES: Record<ExportFormat, string> = {
  jsonl: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

/**
 * Reading the audit log: pages, streamed exports and chain verification, always of one chain (a
 * workspace's, or the instance's when `workspaceId` is null). Nothing here changes an entry.
 */
@Injectable()
export class AuditLogService {
  constructor(private readonly repository: AuditLogRepository) {}

  async page(_ctx: RequestContext, workspaceId: string | null, query: PageQuery): Promise<AuditPageDto> {
    const { cursor, limit, ...filter } = query;
    const rows = await this.repository.page(workspaceId, filter, cursor ?? null, limit + 1);
    const items = rows.slice(0, limit);
    return { items: items.map(toView), nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1].seq) : null };
  }

  /** Oldest first, read in batches as the client consumes the stream. */
  export(_ctx: RequestContext, workspaceId: string | null, query: ExportQuery): StreamableFile {
    const { format, ...filter } = query;
    const name = `portico-audit-${workspaceId ?? 'instance'}-${new Date().toISOString().slice(0, 10)}.${format}`;
    return new StreamableFile(Readable.from(this.lines(workspaceId, filter, format)), {
      type: CONTENT_TYPES[format],
      disposition: `attachment; filename="${name}"`,
    });
  }

  /** Walks the whole chain in one snapshot, from its retention anchor, and names the first broken link. */
  verify(_ctx: RequestContext, workspaceId: string | null): Promise<AuditVerifyDto> {
    return this.repository.snapshot(async (manager) => {
      const anchor = await this.repository.anchor(workspaceId, manager);
      const verifier = new ChainVerifier(anchor);
      for (;;) {
        const batch = await this.repository.batchAfter(workspaceId, {}, verifier.head.seq, VERIFY_BATCH, manager);
        if (!verifier.feed(batch) || batch.length < VERIFY_BATCH) break;
      }
      const walked = verifier.checked > 0 ? verifier.head : null;
      return {
        ok: verifier.firstBroken === null,
        checked: verifier.checked,
        firstBroken: verifier.firstBroken,
        anchor: anchor && { seq: anchor.seq, hash: anchor.hash },
        head: walked ?? (anchor && { seq: anchor.seq, hash: anchor.hash }),
      };
    });
  }

  /** Superadmins: the instance chain, or any workspace's (`workspaceId`), also one whose workspace was deleted. */
  instancePage(ctx: RequestContext, { workspaceId, ...query }: PageQuery & InstanceScope): Promise<AuditPageDto> {
    return this.page(ctx, workspaceId ?? null, query);
  }

  instanceExport(ctx: RequestContext, { workspaceId, ...query }: ExportQuery & InstanceScope): StreamableFile {
    return this.export(ctx, workspaceId ?? null, query);
  }

  instanceVerify(ctx: RequestContext, { workspaceId }: InstanceScope): Promise<AuditVerifyDto> {
    return this.verify(ctx, workspaceId ?? null);
  }

  private async *lines(workspaceId: string | null, filter: AuditFilter, format: ExportFormat): AsyncGenerator<string> {
    if (format === 'csv') yield csvHeader();
    let afterSeq = 0;
    for (;;) {
      const batch = await this.repository.batchAfter(workspaceId, filter, afterSeq, EXPORT_BATCH);
      for (const record of batch) yield format === 'csv' ? csvLine(toView(record)) : jsonLine(toView(record));
      if (batch.length < EXPORT_BATCH) return;
      afterSeq = batch[batch.length - 1].seq;
    }
  }
}
