import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';
import { UUID_PATTERN } from '../../common/http/problems';

export const CALL_ERROR_CLASSES = [
  'authentication',
  'permission',
  'invalid_request',
  'not_found',
  'rate_limited',
  'budget_exceeded',
  'guard_blocked',
  'upstream_rate_limited',
  'upstream_error',
  'upstream_timeout',
  'client_closed',
  'internal',
] as const;

const uuid = z.string().regex(UUID_PATTERN, 'must be a UUID');
const instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

export const searchCallLogsSchema = z.strictObject({
  requestId: z.string().min(1).max(256).optional(),
  apiKeyId: uuid.optional(),
  model: z.string().min(1).max(256).optional(),
  status: z.coerce.number().int().min(100).max(599).optional(),
  errorClass: z.enum(CALL_ERROR_CLASSES).optional(),
  from: instant.optional(),
  to: instant.optional(),
  cursor: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type SearchCallLogsInput = z.infer<typeof searchCallLogsSchema>;

export class CallAttemptDto {
  @ApiProperty({ description: '`<account>/<model>` tried' })
  target: string;

  @ApiPropertyOptional({ description: 'Upstream status of a failed attempt' })
  status?: number;

  @ApiPropertyOptional()
  errorClass?: string;

  @ApiProperty({ description: 'Duration of the attempt in ms' })
  ms: number;
}

export class GuardVerdictDto {
  @ApiProperty()
  guardId: string;

  @ApiProperty()
  version: string;

  @ApiProperty({ enum: ['request', 'response', 'stream'] })
  phase: string;

  @ApiProperty({ enum: ['pass', 'modify', 'block', 'hold'] })
  action: string;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'What the guard found, as counts only (never the values)' })
  counts: Record<string, number>;
}

export class CallLogDto {
  @ApiProperty({ format: 'uuid' })
  callId: string;

  @ApiProperty({ description: 'The `x-request-id` the caller saw (not unique: a caller may reuse one)' })
  requestId: string;

  @ApiProperty({ nullable: true, type: String })
  traceparent: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  workspaceId: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  apiKeyId: string | null;

  @ApiProperty({ enum: ['chat.completions', 'embeddings', 'messages', 'models', 'prompt_api', 'rest_api'] })
  endpoint: string;

  @ApiProperty({ nullable: true, type: String, description: 'The model string the caller sent (route alias or `<account>/<model>`)' })
  requestedModel: string | null;

  @ApiProperty({ nullable: true, type: String })
  routeName: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  promptApiId: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  promptId: string | null;

  @ApiProperty({ nullable: true, type: Number })
  promptVersion: number | null;

  @ApiProperty({ nullable: true, type: String, description: 'Provider plugin id, e.g. `provider-openai`' })
  provider: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  providerAccountId: string | null;

  @ApiProperty({ nullable: true, type: String, description: '`<account>/<model>` that answered (or was tried last)' })
  target: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'The upstream model name' })
  model: string | null;

  @ApiProperty({ type: [CallAttemptDto] })
  attempts: CallAttemptDto[];

  @ApiProperty()
  stream: boolean;

  @ApiProperty({ description: 'HTTP status the caller received' })
  status: number;

  @ApiProperty({ enum: CALL_ERROR_CLASSES, nullable: true, type: String })
  errorClass: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'The wire error code, e.g. `rate_limit_exceeded`' })
  errorCode: string | null;

  @ApiProperty()
  promptTokens: number;

  @ApiProperty()
  completionTokens: number;

  @ApiProperty()
  cachedTokens: number;

  @ApiProperty()
  reasoningTokens: number;

  @ApiProperty({ description: "True when Portico's tokenizer counted the tokens (the provider reported none)" })
  tokensEstimated: boolean;

  @ApiProperty({ nullable: true, type: Number, description: 'Cost in integer nano-USD (1e-9 USD); null when the model had no price' })
  costNanoUsd: number | null;

  @ApiProperty({ format: 'date-time' })
  startedAt: Date;

  @ApiProperty()
  latencyMs: number;

  @ApiProperty({ nullable: true, type: Number, description: 'Time to the first byte of a streamed answer' })
  ttfbMs: number | null;

  @ApiProperty()
  cacheHit: boolean;

  @ApiProperty({ type: [GuardVerdictDto] })
  guardVerdicts: GuardVerdictDto[];

  @ApiProperty({ description: 'Bodies were stored with this call (the workspace stores bodies); read them on the single call' })
  hasBodies: boolean;
}

export class CallLogDetailDto extends CallLogDto {
  @ApiPropertyOptional({ description: 'The request body after guards ran; present only when stored' })
  requestBody?: unknown;

  @ApiPropertyOptional({ description: 'The response body after guards ran; present only when stored' })
  responseBody?: unknown;
}

export class CallLogPageDto {
  @ApiProperty({ type: [CallLogDto], description: 'Newest first' })
  items: CallLogDto[];

  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next (older) page; null on the last page' })
  nextCursor: string | null;

  @ApiProperty({ format: 'date-time', description: 'Start of the searched range (inclusive)' })
  from: Date;

  @ApiProperty({ format: 'date-time', description: 'End of the searched range (exclusive)' })
  to: Date;
}
