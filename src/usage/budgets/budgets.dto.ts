import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';
import { UUID_PATTERN } from '../../common/http/problems';
import { BUDGET_PERIODS, BUDGET_SCOPES } from '../enforcement/usage-policy';

const MAX_USD = 100_000_000;
const usd = z
  .number()
  .positive()
  .max(MAX_USD)
  .refine((value) => Math.abs(Math.round(value * 1e9) - value * 1e9) < 1e-3, 'at most 9 decimals');
const thresholds = z
  .array(z.number().int().min(1).max(100))
  .max(10)
  .transform((values) => [...new Set(values)].sort((a, b) => a - b));

export const createBudgetSchema = z
  .strictObject({
    scope: z.enum(BUDGET_SCOPES),
    scopeId: z.string().regex(UUID_PATTERN, 'must be a UUID').nullable().default(null),
    period: z.enum(BUDGET_PERIODS),
    limitUsd: usd,
    alertThresholds: thresholds.default([50, 80, 100]),
    enabled: z.boolean().default(true),
  })
  .refine((budget) => (budget.scope === 'workspace') === (budget.scopeId === null), {
    message: 'scopeId is required for service_account, user and api_key budgets and must be null for workspace budgets',
    path: ['scopeId'],
  });
export type CreateBudgetInput = z.infer<typeof createBudgetSchema>;

export const updateBudgetSchema = z.strictObject({
  limitUsd: usd.optional(),
  alertThresholds: thresholds.optional(),
  enabled: z.boolean().optional(),
});
export type UpdateBudgetInput = z.infer<typeof updateBudgetSchema>;

export class CreateBudgetDto {
  @ApiProperty({ enum: BUDGET_SCOPES, description: 'Whose spend is capped: the workspace, a service account (a team or app), a user, or one API key' })
  scope: (typeof BUDGET_SCOPES)[number];

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'The service account, user or API key; null for a workspace budget' })
  scopeId?: string | null;

  @ApiProperty({ enum: BUDGET_PERIODS, description: 'UTC day, UTC month, or in total' })
  period: (typeof BUDGET_PERIODS)[number];

  @ApiProperty({ description: 'USD (≤ 9 decimals). A key budget may not exceed its owner\'s or its workspace\'s budget of the same period', example: 25 })
  limitUsd: number;

  @ApiPropertyOptional({ type: [Number], default: [50, 80, 100], description: 'Percentages at which a signed `budget.threshold_reached` webhook fires, once per period' })
  alertThresholds?: number[];

  @ApiPropertyOptional({ default: true })
  enabled?: boolean;
}

export class UpdateBudgetDto {
  @ApiPropertyOptional({ description: 'USD (≤ 9 decimals)' })
  limitUsd?: number;

  @ApiPropertyOptional({ type: [Number] })
  alertThresholds?: number[];

  @ApiPropertyOptional()
  enabled?: boolean;
}

export class BudgetConsumptionDto {
  @ApiProperty({ description: 'The current period: `2026-11-22`, `2026-11` or `total`' })
  period: string;

  @ApiProperty({ description: 'Settled spend in the period, USD (live; shared across replicas with Redis)' })
  spentUsd: number;

  @ApiProperty({ description: 'Held by requests in flight, USD' })
  reservedUsd: number;

  @ApiProperty({ description: 'limit − spent − reserved, USD (negative when a running stream overshot)' })
  remainingUsd: number;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time', description: 'When the period ends; null for total budgets' })
  resetsAt: string | null;
}

export class BudgetDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  workspaceId: string;

  @ApiProperty({ enum: BUDGET_SCOPES })
  scope: (typeof BUDGET_SCOPES)[number];

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' })
  scopeId: string | null;

  @ApiProperty({ enum: BUDGET_PERIODS })
  period: (typeof BUDGET_PERIODS)[number];

  @ApiProperty()
  limitUsd: number;

  @ApiProperty({ type: [Number] })
  alertThresholds: number[];

  @ApiProperty()
  enabled: boolean;

  @ApiProperty({ type: BudgetConsumptionDto })
  consumption: BudgetConsumptionDto;

  @ApiProperty({ format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ format: 'date-time' })
  updatedAt: Date;

  @ApiProperty()
  createdBy: string;
}
