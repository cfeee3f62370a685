import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CallLogDetailDto, CallLogDto } from './call-logs.dto';

export interface CallLogFilter {
  /** Inclusive. */
  readonly from: Date;
  /** Exclusive. */
  readonly to: Date;
  readonly requestId?: string;
  readonly apiKeyId?: string;
  readonly model?: string;
  readonly status?: number;
  readonly errorClass?: string;
  /** Keyset position: rows strictly older than this (`startedAt` as exact microsecond text). */
  readonly before?: { readonly startedAt: string; readonly callId: string };
  readonly limit: number;
}

/** A row and its keyset position (microseconds exact, which a JS Date cannot hold). */
export interface PositionedCallLog {
  readonly log: CallLogDto;
  readonly position: { readonly startedAt: string; readonly callId: string };
}

const SUMMARY_COLUMNS = `call_id, started_at, request_id, traceparent, workspace_id, api_key_id, endpoint, requested_model, route_name,
  prompt_api_id, prompt_id, prompt_version, provider, provider_account_id, target, model, attempts, stream, status, error_class, error_code,
  prompt_tokens, completion_tokens, cached_tokens, reasoning_tokens, tokens_estimated, cost_nano_usd, latency_ms, ttfb_ms, cache_hit,
  guard_verdicts, (request_body IS NOT NULL OR response_body IS NOT NULL) AS has_bodies,
  to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position_at`;

/** Reads `call_logs`, always within one workspace and a bounded time range, so only those partitions are read. */
@Injectable()
export class CallLogsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async search(workspaceId: string, filter: CallLogFilter): Promise<PositionedCallLog[]> {
    const params: unknown[] = [workspaceId, filter.from, filter.to];
    const where = ['workspace_id = $1', 'started_at >= $2', 'started_at < $3'];
    const equal = (column: string, value: unknown) => {
      if (value === undefined) return;
      params.push(value);
      where.push(`${column} = $${params.length}`);
    };
    equal('request_id', filter.requestId);
    equal('api_key_id', filter.apiKeyId);
    equal('model', filter.model);
    equal('status', filter.status);
    equal('error_class', filter.errorClass);
    if (filter.before) {
      params.push(filter.before.startedAt, filter.before.callId);
      where.push(`(started_at, call_id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(filter.limit);
    const rows: LogRecord[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS} FROM call_logs WHERE ${where.join(' AND ')} ORDER BY started_at DESC, call_id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map((row) => ({ log: toLog(row), position: { startedAt: row.position_at, callId: row.call_id } }));
  }

  async find(workspaceId: string, callId: string): Promise<CallLogDetailDto | undefined> {
    const rows: Array<LogRecord & { request_body: unknown; response_body: unknown }> = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS}, request_body, response_body FROM call_logs WHERE call_id = $1 AND workspace_id = $2 ORDER BY started_at DESC LIMIT 1`,
      [callId, workspaceId],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      ...toLog(row),
      ...(row.request_body !== null && { requestBody: row.request_body }),
      ...(row.response_body !== null && { responseBody: row.response_body }),
    };
  }
}

interface LogRecord {
  call_id: string;
  started_at: Date;
  request_id: string;
  traceparent: string | null;
  workspace_id: string | null;
  api_key_id: string | null;
  endpoint: string;
  requested_model: string | null;
  route_name: string | null;
  prompt_api_id: string | null;
  prompt_id: string | null;
  prompt_version: number | null;
  provider: string | null;
  provider_account_id: string | null;
  target: string | null;
  model: string | null;
  attempts: CallLogDto['attempts'];
  stream: boolean;
  status: number;
  error_class: string | null;
  error_code: string | null;
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens: number;
  reasoning_tokens: number;
  tokens_estimated: boolean;
  /** bigint: pg hands it over as text. */
  cost_nano_usd: string | null;
  latency_ms: number;
  ttfb_ms: number | null;
  cache_hit: boolean;
  guard_verdicts: CallLogDto['guardVerdicts'];
  has_bodies: boolean;
  position_at: string;
}

function toLog(row: LogRecord): CallLogDto {
  return {
    callId: row.call_id,
    requestId: row.request_id,
    traceparent: row.traceparent,
    workspaceId: row.workspace_id,
    apiKeyId: row.api_key_id,
    endpoint: row.endpoint,
    requestedModel: row.requested_model,
    routeName: row.route_name,
    promptApiId: row.prompt_api_id,
    promptId: row.prompt_id,
    promptVersion: row.prompt_version,
    provider: row.provider,
    providerAccountId: row.provider_account_id,
    target: row.target,
    model: row.model,
    attempts: row.attempts,
    stream: row.stream,
    status: row.status,
    errorClass: row.error_class,
    errorCode: row.error_code,
    promptTokens: row.prompt_tokens,
    completionTokens: row.completion_tokens,
    cachedTokens: row.cached_tokens,
    reasoningTokens: row.reasoning_tokens,
    tokensEstimated: row.tokens_estimated,
    costNanoUsd: row.cost_nano_usd === null ? null : Number(row.cost_nano_usd),
    startedAt: row.started_at,
    latencyMs: row.latency_ms,
    ttfbMs: row.ttfb_ms,
    cacheHit: row.cache_hit,
    guardVerdicts: row.guard_verdicts,
    hasBodies: row.has_bodies,
  };
}
