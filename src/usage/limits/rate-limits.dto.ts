import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';
import { UUID_PATTERN } from '../../common/http/problems';

const positive = z.number().int().min(1).max(1_000_000_000);

export const rateLimitSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    match: z
      .strictObject({
        apiKeyId: z.string().regex(UUID_PATTERN, 'must be a UUID').nullable().default(null),
        route: z.string().trim().min(1).max(200).nullable().default(null),
        model: z.string().trim().min(1).max(300).nullable().default(null),
      })
      .default({ apiKeyId: null, route: null, model: null }),
    per: z
      .strictObject({ key: z.boolean().default(false), route: z.boolean().default(false), model: z.boolean().default(false) })
      .default({ key: false, route: false, model: false }),
    requestsPerMinute: positive.nullable().default(null),
    tokensPerMinute: positive.nullable().default(null),
    concurrentRequests: positive.max(100_000).nullable().default(null),
    enabled: z.boolean().default(true),
  })
  .refine((rule) => rule.requestsPerMinute !== null || rule.tokensPerMinute !== null || rule.concurrentRequests !== null, {
    message: 'set at least one of requestsPerMinute, tokensPerMinute, concurrentRequests',
    path: ['requestsPerMinute'],
  });
export type RateLimitInput = z.infer<typeof rateLimitSchema>;

class RateLimitMatchDto {
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'Only requests made with this API key' })
  apiKeyId?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Only requests naming this route alias' })
  route?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Only requests naming this model (`<account>/<model>` or a route alias), as the caller sends it' })
  model?: string | null;
}

class RateLimitPerDto {
  @ApiPropertyOptional({ default: false, description: 'A separate counter for each API key' })
  key?: boolean;

  @ApiPropertyOptional({ default: false, description: 'A separate counter for each route alias' })
  route?: boolean;

  @ApiPropertyOptional({ default: false, description: 'A separate counter for each model name' })
  model?: boolean;
}

export class RateLimitBodyDto {
  @ApiProperty({ description: 'Unique in the workspace; shown in refusals', example: 'per-key default' })
  name: string;

  @ApiPropertyOptional({ type: RateLimitMatchDto, description: 'Which requests the rule applies to (all set fields must match; none set: every request of the workspace)' })
  match?: RateLimitMatchDto;

  @ApiPropertyOptional({ type: RateLimitPerDto, description: 'How the counter is split; nothing set: one counter shared by every matching request' })
  per?: RateLimitPerDto;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Requests per minute (sliding window)', example: 60 })
  requestsPerMinute?: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Prompt + completion tokens per minute; admission counts prompt + max_tokens, corrected by the actual usage', example: 100000 })
  tokensPerMinute?: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Requests in flight at once (streams included)', example: 10 })
  concurrentRequests?: number | null;

  @ApiPropertyOptional({ default: true })
  enabled?: boolean;
}

export class RateLimitDto extends RateLimitBodyDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  workspaceId: string;

  @ApiProperty({ type: RateLimitMatchDto })
  declare match: RateLimitMatchDto;

  @ApiProperty({ type: RateLimitPerDto })
  declare per: RateLimitPerDto;

  @ApiProperty({ format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ format: 'date-time' })
  updatedAt: Date;

  @ApiProperty({ description: '`user:<id>`, `sa:<id>` or `system`' })
  createdBy: string;
}

export class RateLimitUsageDto {
  @ApiProperty({ description: 'The counter (one per key/route/model when split)' })
  counter: string;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Requests in the sliding minute' })
  requests: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Tokens in the sliding minute' })
  tokens: number | null;
}
