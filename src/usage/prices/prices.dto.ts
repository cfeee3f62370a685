import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';

const MAX_USD = 1_000_000;
/** Token prices keep 6 decimals, per-call prices 9 (the column scales): more would be silently rounded. */
const decimals = (places: number) => (value: number) => Math.abs(Math.round(value * 10 ** places) - value * 10 ** places) < 1e-6;
const tokenPrice = z.number().min(0).max(MAX_USD).refine(decimals(6), 'at most 6 decimals');
const callPrice = z.number().min(0).max(MAX_USD).refine(decimals(9), 'at most 9 decimals');

export const createPriceSchema = z.strictObject({
  pluginId: z.string().trim().min(1).max(128),
  model: z.string().trim().min(1).max(256),
  inputPerMTok: tokenPrice,
  outputPerMTok: tokenPrice,
  cachedInputPerMTok: tokenPrice.nullable().default(null),
  reasoningPerMTok: tokenPrice.nullable().default(null),
  perRequest: callPrice.nullable().default(null),
  perImage: callPrice.nullable().default(null),
  currency: z.literal('USD').default('USD'),
  effectiveFrom: z.iso.datetime({ offset: true }).transform((value) => new Date(value)).optional(),
});
export type CreatePriceInput = z.infer<typeof createPriceSchema>;

export const historyQuerySchema = z.strictObject({
  pluginId: z.string().trim().min(1).max(128).optional(),
  model: z.string().trim().min(1).max(256).optional(),
});

export class CreatePriceDto {
  @ApiProperty({ description: 'Provider plugin id, e.g. `provider-openai` (must be loaded)' })
  pluginId: string;

  @ApiProperty({ description: 'Exact upstream model id, e.g. `gpt-4o-mini`' })
  model: string;

  @ApiProperty({ description: 'USD per 1M prompt tokens (≤ 6 decimals)', example: 0.15 })
  inputPerMTok: number;

  @ApiProperty({ description: 'USD per 1M completion tokens (≤ 6 decimals)', example: 0.6 })
  outputPerMTok: number;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'USD per 1M cached prompt tokens; null: the input price', example: 0.075 })
  cachedInputPerMTok?: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'USD per 1M reasoning tokens (part of the completion); null: the output price' })
  reasoningPerMTok?: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'USD per request (≤ 9 decimals)' })
  perRequest?: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'USD per generated or input image (≤ 9 decimals)' })
  perImage?: number | null;

  @ApiPropertyOptional({ enum: ['USD'], default: 'USD' })
  currency?: 'USD';

  @ApiPropertyOptional({ format: 'date-time', description: 'When the version takes effect: default now, may be in the future, not more than 1 minute in the past' })
  effectiveFrom?: string;
}

export class PriceDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null: the Portico-wide default' })
  workspaceId: string | null;

  @ApiProperty({ enum: ['workspace', 'default'], description: "`workspace`: this workspace's own version; `default`: Portico-wide" })
  source: 'workspace' | 'default';

  @ApiProperty()
  pluginId: string;

  @ApiProperty()
  model: string;

  @ApiProperty({ description: 'USD per 1M prompt tokens' })
  inputPerMTok: number;

  @ApiProperty({ description: 'USD per 1M completion tokens' })
  outputPerMTok: number;

  @ApiProperty({ nullable: true, type: Number, description: 'USD per 1M cached prompt tokens; null: the input price' })
  cachedInputPerMTok: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'USD per 1M reasoning tokens; null: the output price' })
  reasoningPerMTok: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'USD per request' })
  perRequest: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'USD per image' })
  perImage: number | null;

  @ApiProperty({ enum: ['USD'] })
  currency: 'USD';

  @ApiProperty({ format: 'date-time' })
  effectiveFrom: Date;

  @ApiProperty({ format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ description: '`user:<id>`, `sa:<id>` or `system`' })
  createdBy: string;
}
