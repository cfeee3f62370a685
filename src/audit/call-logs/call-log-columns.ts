import type { CallRecord } from '../call-records/call-record';

/**
 * The `call_logs` columns in insert order, each with its Postgres array type and how a
 * {@link CallRecord} fills it. One table drives the `unnest` insert, so the column list, the
 * casts and the parameters can never drift apart.
 */
interface Column {
  readonly name: string;
  readonly type: string;
  readonly value: (record: CallRecord) => unknown;
}

const json = (value: unknown): string | null => (value === undefined || value === null ? null : jsonText(value));

export const CALL_LOG_COLUMNS: readonly Column[] = [
  { name: 'call_id', type: 'uuid', value: (r) => r.callId },
  { name: 'started_at', type: 'timestamptz', value: (r) => toDate(r.startedAt).toISOString() },
  { name: 'request_id', type: 'text', value: (r) => r.requestId },
  { name: 'traceparent', type: 'text', value: (r) => r.traceparent },
  { name: 'workspace_id', type: 'uuid', value: (r) => r.workspaceId },
  { name: 'api_key_id', type: 'uuid', value: (r) => r.apiKeyId },
  { name: 'endpoint', type: 'text', value: (r) => r.endpoint },
  { name: 'requested_model', type: 'text', value: (r) => r.requestedModel },
  { name: 'route_name', type: 'text', value: (r) => r.routeName },
  { name: 'prompt_api_id', type: 'uuid', value: (r) => r.promptApiId },
  { name: 'prompt_id', type: 'uuid', value: (r) => r.promptId },
  { name: 'prompt_version', type: 'integer', value: (r) => r.promptVersion },
  { name: 'provider', type: 'text', value: (r) => r.provider },
  { name: 'provider_account_id', type: 'uuid', value: (r) => r.providerAccountId },
  { name: 'target', type: 'text', value: (r) => r.target },
  { name: 'model', type: 'text', value: (r) => r.model },
  { name: 'attempts', type: 'jsonb', value: (r) => jsonText(r.attempts ?? []) },
  { name: 'stream', type: 'boolean', value: (r) => r.stream },
  { name: 'status', type: 'smallint', value: (r) => r.status },
  { name: 'error_class', type: 'text', value: (r) => r.errorClass },
  { name: 'error_code', type: 'text', value: (r) => r.errorCode },
  { name: 'prompt_tokens', type: 'integer', value: (r) => r.promptTokens },
  { name: 'completion_tokens', type: 'integer', value: (r) => r.completionTokens },
  { name: 'cached_tokens', type: 'integer', value: (r) => r.cachedTokens },
  { name: 'reasoning_tokens', type: 'integer', value: (r) => r.reasoningTokens },
  { name: 'tokens_estimated', type: 'boolean', value: (r) => r.tokensEstimated },
  { name: 'cost_nano_usd', type: 'bigint', value: (r) => r.costNanoUsd },
  { name: 'latency_ms', type: 'double precision', value: (r) => r.latencyMs },
  { name: 'ttfb_ms', type: 'double precision', value: (r) => r.ttfbMs },
  { name: 'cache_hit', type: 'boolean', value: (r) => r.cacheHit },
  { name: 'guard_verdicts', type: 'jsonb', value: (r) => jsonText(r.guardVerdicts ?? []) },
  { name: 'request_body', type: 'jsonb', value: (r) => json(r.requestBody) },
  { name: 'response_body', type: 'jsonb', value: (r) => json(r.responseBody) },
];

const names = CALL_LOG_COLUMNS.map((column) => column.name).join(', ');
const arrays = CALL_LOG_COLUMNS.map((column, index) => `$${index + 1}::${column.type}[]`).join(', ');

/**
 * One statement, one round trip per batch: every column travels as one array parameter. A row
 * already there (a replayed spill, a retried batch) is skipped, and RETURNING names only the rows
 * this statement inserted, which are the ones rollups may count.
 */
export const INSERT_BATCH_SQL = `INSERT INTO call_logs (${names}) SELECT * FROM unnest(${arrays}) ON CONFLICT DO NOTHING RETURNING call_id, started_at`;

/** A record Portico itself cannot encode (a body that is not JSON, an invalid date): never retried. */
export class CallRecordEncodingError extends Error {
  constructor(
    readonly callId: string | undefined,
    cause: unknown,
  ) {
    super(`call record ${callId ?? '(no id)'} cannot be encoded: ${(cause as Error)?.message ?? cause}`, { cause });
    this.name = 'CallRecordEncodingError';
  }
}

/** The batch as one array per column, in {@link CALL_LOG_COLUMNS} order. */
export function encodeColumns(records: readonly CallRecord[]): unknown[][] {
  const columns: unknown[][] = CALL_LOG_COLUMNS.map(() => new Array(records.length));
  for (let row = 0; row < records.length; row++) {
    const record = records[row];
    try {
      for (let index = 0; index < CALL_LOG_COLUMNS.length; index++) columns[index][row] = nullable(CALL_LOG_COLUMNS[index].value(record));
    } catch (error) {
      throw new CallRecordEncodingError(record?.callId, error);
    }
  }
  return columns;
}

/** The key a row is unique on, as the database reports it back and as a record carries it. */
export function rowKey(callId: string, startedAt: Date | string): string {
  return `${toDate(startedAt).getTime()}|${callId.toLowerCase()}`;
}

/** Spilled records come back from JSON with `startedAt` as a string. */
export function toDate(value: Date | string): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`invalid startedAt: ${String(value)}`);
  return date;
}

function nullable(value: unknown): unknown {
  return value === undefined ? null : value;
}

function jsonText(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError('value is not JSON');
  return text;
}
