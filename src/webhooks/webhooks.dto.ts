import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';
import { isEventTypeFilter } from './event-types';
import { MAX_WEBHOOK_URL_LENGTH } from './url-policy';

const MAX_ROTATION_GRACE_SECONDS = 7 * 24 * 3600;

const eventTypeFilters = z
  .array(z.string().trim().refine(isEventTypeFilter, 'an event type like `budget.threshold_reached`, or a filter like `budget.*` or `*`'))
  .min(1)
  .max(50)
  .transform((filters) => [...new Set(filters)]);

const fields = {
  url: z.string().trim().min(1).max(MAX_WEBHOOK_URL_LENGTH),
  description: z.string().trim().max(500),
  eventTypes: eventTypeFilters,
  enabled: z.boolean(),
};

export const createWebhookSchema = z.strictObject({
  url: fields.url,
  description: fields.description.default(''),
  eventTypes: fields.eventTypes.default(['*']),
  enabled: fields.enabled.default(true),
});
export type CreateWebhookInput = z.infer<typeof createWebhookSchema>;

export const updateWebhookSchema = z
  .strictObject({ url: fields.url.optional(), description: fields.description.optional(), eventTypes: fields.eventTypes.optional(), enabled: fields.enabled.optional() })
  .refine((input) => Object.values(input).some((value) => value !== undefined), 'name at least one field to change');
export type UpdateWebhookInput = z.infer<typeof updateWebhookSchema>;

export const rotateSecretSchema = z.strictObject({
  graceSeconds: z.number().int().min(0).max(MAX_ROTATION_GRACE_SECONDS).optional(),
});
export type RotateSecretInput = z.infer<typeof rotateSecretSchema>;

export const deliveriesQuerySchema = z.strictObject({
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type DeliveriesQuery = z.infer<typeof deliveriesQuerySchema>;

export class CreateWebhookDto {
  @ApiProperty({ description: 'Where to POST events: https (or http). Private, loopback and link-local addresses are refused unless PORTICO_WEBHOOKS_ALLOW_PRIVATE_NETWORKS is set', example: 'https://hooks.example.com/portico' })
  url: string;

  @ApiPropertyOptional({ maxLength: 500, default: '' })
  description?: string;

  @ApiPropertyOptional({
    type: [String],
    default: ['*'],
    description: 'Event types to receive: exact (`budget.exhausted`) or with wildcards (`budget.*` = every budget event, `approval.*.approved`, `*` = all)',
    example: ['budget.*', 'approval.*'],
  })
  eventTypes?: string[];

  @ApiPropertyOptional({ default: true })
  enabled?: boolean;
}

export class UpdateWebhookDto {
  @ApiPropertyOptional({ description: 'A new URL, checked like on creation' })
  url?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  description?: string;

  @ApiPropertyOptional({ type: [String] })
  eventTypes?: string[];

  @ApiPropertyOptional({ description: 'A disabled endpoint receives nothing; its pending deliveries wait until it is enabled again' })
  enabled?: boolean;
}

export class RotateSecretDto {
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_ROTATION_GRACE_SECONDS, default: 86_400, description: 'How long deliveries stay signed with the old secret too (a second `v1,` signature); 0 drops it now' })
  graceSeconds?: number;
}

export class WebhookEndpointDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  workspaceId: string;

  @ApiProperty()
  url: string;

  @ApiProperty()
  description: string;

  @ApiProperty({ type: [String] })
  eventTypes: string[];

  @ApiProperty()
  enabled: boolean;

  @ApiProperty({ description: 'The signing secret, masked (`whsec_…abcd`); the secret itself is shown only when created or rotated', example: 'whsec_…x4Q=' })
  secretHint: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Until when the previous secret still signs deliveries, after a rotation' })
  previousSecretExpiresAt: Date | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ format: 'date-time' })
  updatedAt: Date;
}

export class WebhookEndpointWithSecretDto extends WebhookEndpointDto {
  @ApiProperty({ description: 'The signing secret (`whsec_` + base64 of 32 bytes). Shown once: store it now', example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' })
  secret: string;
}

export class WebhookEventDto {
  @ApiProperty({ format: 'uuid', description: 'Also the `webhook-id` header of every attempt: an idempotency key for receivers' })
  id: string;

  @ApiProperty({ example: 'budget.threshold_reached' })
  type: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The exact envelope sent: `{ id, type, createdAt, workspaceId, data }`' })
  payload: Record<string, unknown>;
}

export class WebhookAttemptDto {
  @ApiProperty({ minimum: 1 })
  attempt: number;

  @ApiProperty({ format: 'date-time' })
  startedAt: Date;

  @ApiProperty()
  durationMs: number;

  @ApiProperty({ nullable: true, type: Number, description: "The receiver's HTTP status; null when there was no answer" })
  statusCode: number | null;

  @ApiProperty({ nullable: true, type: String, description: 'Why there was no usable answer (timeout, connection error, refused address)' })
  error: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'The start of the response body (at most 2 KiB)' })
  responseBody: string | null;
}

export class WebhookDeliveryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  endpointId: string;

  @ApiProperty({ type: WebhookEventDto })
  event: WebhookEventDto;

  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] })
  status: 'pending' | 'delivered' | 'failed';

  @ApiProperty()
  attemptCount: number;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When the next attempt is due (pending deliveries only)' })
  nextAttemptAt: Date | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  lastAttemptAt: Date | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When it was delivered or given up' })
  completedAt: Date | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ type: [WebhookAttemptDto] })
  attempts: WebhookAttemptDto[];
}
