import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';
import { SLUG_PATTERN } from '../../common/http/problems';
import { DEFAULT_RESILIENCE_POLICY, ROUTING_STRATEGIES, resiliencePolicySchema, type RoutingStrategyName } from './resilience-policy';

const alias = z.string().regex(SLUG_PATTERN, 'must be kebab-case (lower-case letters, digits and dashes, at most 63 characters, no "/")');
const MAX_CACHE_TTL_SECONDS = 30 * 24 * 3600;

const targetSchema = z.strictObject({
  providerAccountId: z.uuid(),
  model: z.string().trim().min(1).max(256),
  weight: z.number().int().min(1).max(1_000_000).default(1),
  priority: z.number().int().min(-1_000).max(1_000).default(0),
  contextWindow: z.number().int().min(1).max(100_000_000).nullable().default(null),
  inputPricePerMTok: z.number().min(0).max(1_000_000).nullable().default(null),
  outputPricePerMTok: z.number().min(0).max(1_000_000).nullable().default(null),
});
export type RouteTargetInput = z.infer<typeof targetSchema>;

const targets = z.array(targetSchema).min(1, 'a route needs at least one target').max(64);

export const createRouteSchema = z.strictObject({
  alias,
  description: z.string().max(2_000).default(''),
  strategy: z.enum(ROUTING_STRATEGIES).default('priority'),
  cacheTtlSeconds: z.number().int().min(1).max(MAX_CACHE_TTL_SECONDS).nullable().default(null),
  policy: resiliencePolicySchema.default({}),
  enabled: z.boolean().default(true),
  targets,
});
export type CreateRouteInput = z.infer<typeof createRouteSchema>;

export const updateRouteSchema = z.strictObject({
  alias: alias.optional(),
  description: z.string().max(2_000).optional(),
  strategy: z.enum(ROUTING_STRATEGIES).optional(),
  cacheTtlSeconds: z.number().int().min(1).max(MAX_CACHE_TTL_SECONDS).nullable().optional(),
  /** Replaces the whole policy (what is left out takes the default). */
  policy: resiliencePolicySchema.optional(),
  enabled: z.boolean().optional(),
  /** Replaces every target. */
  targets: targets.optional(),
});
export type UpdateRouteInput = z.infer<typeof updateRouteSchema>;

export class RouteTimeoutsDto {
  @ApiPropertyOptional({ description: 'Connecting to the upstream', default: DEFAULT_RESILIENCE_POLICY.timeouts.connectMs })
  connectMs?: number;

  @ApiPropertyOptional({ description: 'From sending the request to the first byte of the answer', default: DEFAULT_RESILIENCE_POLICY.timeouts.firstByteMs })
  firstByteMs?: number;

  @ApiPropertyOptional({ description: 'One whole attempt, stream included', default: DEFAULT_RESILIENCE_POLICY.timeouts.totalMs })
  totalMs?: number;
}

export class ResiliencePolicyDto {
  @ApiPropertyOptional({ description: 'Extra attempts on the same target after a transient failure (5xx, overloaded, timeout, 429)', default: DEFAULT_RESILIENCE_POLICY.retriesPerTarget })
  retriesPerTarget?: number;

  @ApiPropertyOptional({ description: 'Attempts across every target and credential, the first included', default: DEFAULT_RESILIENCE_POLICY.maxAttempts })
  maxAttempts?: number;

  @ApiPropertyOptional({ description: 'Backoff base: a retry waits random(0, min(max, base × 2^retry)) ms', default: DEFAULT_RESILIENCE_POLICY.backoffBaseMs })
  backoffBaseMs?: number;

  @ApiPropertyOptional({ default: DEFAULT_RESILIENCE_POLICY.backoffMaxMs })
  backoffMaxMs?: number;

  @ApiPropertyOptional({ description: 'A `retry-after` up to this is waited out on the same target; longer moves on', default: DEFAULT_RESILIENCE_POLICY.maxRetryAfterSeconds })
  maxRetryAfterSeconds?: number;

  @ApiPropertyOptional({ type: RouteTimeoutsDto })
  timeouts?: RouteTimeoutsDto;
}

export class RouteTargetInputDto {
  @ApiProperty({ format: 'uuid', description: 'A provider account of this workspace' })
  providerAccountId: string;

  @ApiProperty({ description: "The provider's model name", example: 'gpt-4o-mini' })
  model: string;

  @ApiPropertyOptional({ default: 1, minimum: 1, description: 'Share of traffic (strategy `weighted`)' })
  weight?: number;

  @ApiPropertyOptional({ default: 0, description: 'Lower goes first (strategy `priority`; tie-breaker of the others)' })
  priority?: number;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Context window in tokens: a context-length failure escalates to a larger target' })
  contextWindow?: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'USD per 1M prompt tokens (strategy `lowest_cost`)' })
  inputPricePerMTok?: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'USD per 1M completion tokens (strategy `lowest_cost`)' })
  outputPricePerMTok?: number | null;
}

export class RouteTargetDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  providerAccountId: string;

  @ApiProperty({ description: 'Name of the provider account, as in `<account>/<model>`' })
  providerAccountName: string;

  @ApiProperty()
  model: string;

  @ApiProperty()
  weight: number;

  @ApiProperty()
  priority: number;

  @ApiProperty({ nullable: true, type: Number })
  contextWindow: number | null;

  @ApiProperty({ nullable: true, type: Number })
  inputPricePerMTok: number | null;

  @ApiProperty({ nullable: true, type: Number })
  outputPricePerMTok: number | null;

  @ApiProperty()
  position: number;
}

export class CreateRouteDto {
  @ApiProperty({ description: 'Model name clients send, kebab-case, unique in the workspace (never contains `/`)', example: 'chat-default' })
  alias: string;

  @ApiPropertyOptional({ default: '' })
  description?: string;

  @ApiPropertyOptional({ enum: ROUTING_STRATEGIES, default: 'priority' })
  strategy?: RoutingStrategyName;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Opt-in response cache in seconds; null (default) never caches' })
  cacheTtlSeconds?: number | null;

  @ApiPropertyOptional({ type: ResiliencePolicyDto, description: 'Overrides of the default resilience policy' })
  policy?: ResiliencePolicyDto;

  @ApiPropertyOptional({ default: true })
  enabled?: boolean;

  @ApiProperty({ type: [RouteTargetInputDto], minItems: 1 })
  targets: RouteTargetInputDto[];
}

export class UpdateRouteDto {
  @ApiPropertyOptional()
  alias?: string;

  @ApiPropertyOptional()
  description?: string;

  @ApiPropertyOptional({ enum: ROUTING_STRATEGIES })
  strategy?: RoutingStrategyName;

  @ApiPropertyOptional({ nullable: true, type: Number })
  cacheTtlSeconds?: number | null;

  @ApiPropertyOptional({ type: ResiliencePolicyDto, description: 'Replaces the whole policy' })
  policy?: ResiliencePolicyDto;

  @ApiPropertyOptional()
  enabled?: boolean;

  @ApiPropertyOptional({ type: [RouteTargetInputDto], description: 'Replaces every target' })
  targets?: RouteTargetInputDto[];
}

export class RouteDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  workspaceId: string;

  @ApiProperty()
  alias: string;

  @ApiProperty()
  description: string;

  @ApiProperty({ enum: ROUTING_STRATEGIES })
  strategy: RoutingStrategyName;

  @ApiProperty({ nullable: true, type: Number })
  cacheTtlSeconds: number | null;

  @ApiProperty({ type: ResiliencePolicyDto, description: 'What the route sets' })
  policy: ResiliencePolicyDto;

  @ApiProperty({ type: ResiliencePolicyDto, description: 'The policy in force: the defaults overlaid with `policy`' })
  effectivePolicy: ResiliencePolicyDto;

  @ApiProperty()
  enabled: boolean;

  @ApiProperty({ type: [RouteTargetDto] })
  targets: RouteTargetDto[];

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: Date;
}

export class WorkspaceModelDto {
  @ApiProperty({ description: '`<account>/<model>` or a route alias', example: 'mock/mock-chat' })
  id: string;

  @ApiProperty({ enum: ['model', 'route'] })
  type: 'model' | 'route';

  @ApiPropertyOptional({ description: 'The provider account (models)' })
  account?: string;

  @ApiPropertyOptional({ description: 'The provider plugin (models)' })
  pluginId?: string;

  @ApiPropertyOptional({ description: 'Owner as the provider reports it (models)' })
  ownedBy?: string;

  @ApiPropertyOptional({ type: [String], enum: ['chat', 'embeddings'], description: 'What the model serves (models, when the provider says)' })
  capabilities?: Array<'chat' | 'embeddings'>;

  @ApiPropertyOptional({ description: 'Context window in tokens (models, when the provider says)' })
  contextWindow?: number;

  @ApiPropertyOptional({ enum: ROUTING_STRATEGIES, description: 'Routes' })
  strategy?: RoutingStrategyName;

  @ApiPropertyOptional({ description: 'Routes' })
  description?: string;

  @ApiProperty({ description: 'Disabled routes are listed but answer as unknown models' })
  enabled: boolean;
}
