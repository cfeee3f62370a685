import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';
import { SLUG_PATTERN } from '../../common/http/problems';

const planSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  requestsPerMinute: z.number().int().min(1).max(1_000_000).nullable().optional(),
  monthlyBudgetUsd: z.number().min(0).max(1_000_000_000).nullable().optional(),
});

export const requestSubscriptionSchema = z.strictObject({
  apiProduct: z.string().regex(SLUG_PATTERN, 'must be the slug of an API product'),
  subscriber: z.strictObject({ type: z.enum(['service_account', 'user']), id: z.uuid() }).optional(),
  plan: planSchema.optional(),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  reason: z.string().max(2_000).optional(),
});
export type RequestSubscriptionInput = z.infer<typeof requestSubscriptionSchema>;

export const listSubscriptionsSchema = z.strictObject({
  mine: z.enum(['true', 'false']).optional(),
  apiProduct: z.string().regex(SLUG_PATTERN).optional(),
  state: z.enum(['pending', 'active', 'rejected', 'revoked', 'expired']).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export type ListSubscriptionsInput = z.infer<typeof listSubscriptionsSchema>;

export const revokeSubscriptionSchema = z.strictObject({ reason: z.string().max(2_000).optional() });
export type RevokeSubscriptionInput = z.infer<typeof revokeSubscriptionSchema>;

export class SubscriptionPlanDto {
  @ApiProperty({ example: 'starter' })
  name: string;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 60, description: 'Requests per minute the plan allows on `/apis/...` (429 `rate_limit_exceeded` past it, with `retry-after`)' })
  requestsPerMinute?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 25, description: 'Spend per UTC month in USD the plan allows (reserved before each call, settled after; 429 `budget_exceeded` past it)' })
  monthlyBudgetUsd?: number | null;
}

export class SubscriberDto {
  @ApiProperty({ enum: ['service_account', 'user'], description: 'An app (service account) covers every key it holds; a user covers their personal keys' })
  type: 'service_account' | 'user';

  @ApiProperty({ format: 'uuid' })
  id: string;
}

export class RequestSubscriptionDto {
  @ApiProperty({ example: 'summarize', description: "Slug of a published API product of this workspace, or of another workspace's public one (then that workspace's approvers decide)" })
  apiProduct: string;

  @ApiPropertyOptional({ type: SubscriberDto, description: 'Who will call the API; defaults to the caller (their service account or themself)' })
  subscriber?: SubscriberDto;

  @ApiPropertyOptional({ type: SubscriptionPlanDto })
  plan?: SubscriptionPlanDto;

  @ApiPropertyOptional({ format: 'date-time', description: 'When access ends (checked at call time)' })
  expiresAt?: string;

  @ApiPropertyOptional({ description: 'Why: shown to approvers' })
  reason?: string;
}

export class RevokeSubscriptionDto {
  @ApiPropertyOptional({ description: 'Why access ends (kept with the subscription and in the audit log)' })
  reason?: string;
}

export class ApiProductRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'summarize' })
  slug: string;
}

export class PlanConsumptionDto {
  @ApiProperty({ example: '2026-11', description: 'The UTC month the spend is counted in' })
  period: string;

  @ApiProperty({ example: 12, description: 'Requests counted in the sliding minute ending now' })
  requestsLastMinute: number;

  @ApiProperty({ example: 0.0042, description: 'Settled spend this month (USD)' })
  spentUsd: number;

  @ApiProperty({ example: 0, description: 'Held by calls in flight (USD)' })
  reservedUsd: number;

  @ApiProperty({ type: Number, nullable: true, example: 24.9958, description: 'What the monthly budget still allows (USD); null without a budget' })
  remainingUsd: number | null;
}

export class SubscriptionDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid', description: "The API product's workspace: its approvers decide, it may revoke" })
  workspaceId: string;

  @ApiProperty({ format: 'uuid', description: "The subscriber's workspace (another one for a public API of another workspace): its budgets and limits apply, its call log records the calls" })
  subscriberWorkspaceId: string;

  @ApiProperty({ type: ApiProductRefDto })
  apiProduct: ApiProductRefDto;

  @ApiProperty({ type: SubscriberDto })
  subscriber: SubscriberDto;

  @ApiProperty({ enum: ['pending', 'active', 'rejected', 'revoked', 'expired'], description: 'An active subscription past `expiresAt` reads as expired' })
  state: string;

  @ApiProperty({ type: SubscriptionPlanDto, nullable: true })
  plan: SubscriptionPlanDto | null;

  @ApiPropertyOptional({ type: PlanConsumptionDto, nullable: true, description: "The plan's current consumption (active subscriptions with a plan; null otherwise)" })
  consumption?: PlanConsumptionDto | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiresAt: string | null;

  @ApiProperty({ example: 'user:6f1c…' })
  requestedBy: string;

  @ApiProperty({ type: String, nullable: true })
  reason: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The approval request filed for it (none when the policy was off)' })
  approvalRequestId: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  activatedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revokedAt: string | null;

  @ApiProperty({ type: String, nullable: true })
  revokedBy: string | null;

  @ApiProperty({ type: String, nullable: true })
  revokeReason: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class ListSubscriptionsQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only subscriptions I requested or hold' })
  mine?: string;

  @ApiPropertyOptional({ description: 'Only this API product (slug)' })
  apiProduct?: string;

  @ApiPropertyOptional({ enum: ['pending', 'active', 'rejected', 'revoked', 'expired'] })
  state?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  limit?: number;
}
