import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../auth/principal';
import { invalid, isUuid, notFound } from '../../common/http/problems';
import type { CallLogDetailDto, CallLogPageDto, SearchCallLogsInput } from './call-logs.dto';
import { CallLogsRepository } from './call-logs.repository';

const HOUR_MS = 3_600_000;
/** Without `from`, a search covers the last day before `to`. */
export const DEFAULT_RANGE_MS = 24 * HOUR_MS;
/** A search reads at most this many daily partitions. */
export const MAX_RANGE_MS = 31 * 24 * HOUR_MS;
const POSITION = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/**
 * Searching a workspace's call logs: always inside a time range (the last 24 h unless given, at
 * most 31 days), newest first, paged by keyset on (started_at, call_id) so deep pages cost the
 * same as the first. Bodies appear only on a single call, and only when they were stored.
 */
@Injectable()
export class CallLogsService {
  constructor(private readonly repository: CallLogsRepository) {}

  async search(_ctx: RequestContext, workspaceId: string, input: SearchCallLogsInput): Promise<CallLogPageDto> {
    const to = input.to ?? new Date();
    const from = input.from ?? new Date(to.getTime() - DEFAULT_RANGE_MS);
    if (from.getTime() >= to.getTime()) throw invalid('`from` must be before `to`', [{ path: 'from', message: 'must be before to' }]);
    if (to.getTime() - from.getTime() > MAX_RANGE_MS) {
      throw invalid('the time range may span at most 31 days', [{ path: 'from', message: 'range longer than 31 days' }]);
    }
    const before = input.cursor === undefined ? undefined : decodeCursor(input.cursor);
    const { requestId, apiKeyId, model, status, errorClass, limit } = input;
    const rows = await this.repository.search(workspaceId, { from, to, requestId, apiKeyId, model, status, errorClass, before, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const nextCursor = rows.length > limit ? encodeCursor(page[page.length - 1].position) : null;
    return { items: page.map((row) => row.log), nextCursor, from, to };
  }

  async get(_ctx: RequestContext, workspaceId: string, callId: string): Promise<CallLogDetailDto> {
    const log = isUuid(callId) ? await this.repository.find(workspaceId, callId) : undefined;
    if (!log) throw notFound('call log');
    return log;
  }
}

function encodeCursor(position: { startedAt: string; callId: string }): string {
  return Buffer.from(`${position.startedAt}|${position.callId}`).toString('base64url');
}

function decodeCursor(cursor: string): { startedAt: string; callId: string } {
  const [startedAt, callId, extra] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (extra !== undefined || !POSITION.test(startedAt ?? '') || !isUuid(callId ?? '')) {
    throw invalid('invalid cursor: pass `nextCursor` from the previous page unchanged', [{ path: 'cursor', message: 'invalid cursor' }]);
  }
  return { startedAt, callId };
}
