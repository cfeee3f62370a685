import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';

export const MAX_GRACE_SECONDS = 7 * 24 * 3600;
export const DEFAULT_GRACE_SECONDS = 24 * 3600;

const futureInstant = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value))
  .refine((date) => date.getTime() > Date.now(), 'must be in the future');

const name = z.string().trim().min(1).max(100);
const scopes = z.array(z.string()).max(256);

export const createApiKeySchema = z.strictObject({
  name,
  owner: z.discriminatedUnion('type', [z.strictObject({ type: z.literal('service_account'), id: z.string() }), z.strictObject({ type: z.literal('user') })]),
  scopes,
  expiresAt: futureInstant.nullable().optional(),
});

export const updateApiKeySchema = z
  .strictObject({ name: name.optional(), scopes: scopes.optional(), expiresAt: futureInstant.nullable().optional() })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), 'give name, scopes or expiresAt');

export const rotateApiKeySchema = z.strictObject({
  gracePeriodSeconds: z.number().int().min(0).max(MAX_GRACE_SECONDS).default(DEFAULT_GRACE_SECONDS),
  expiresAt: futureInstant.nullable().optional(),
});

export class ApiKeyOwnerDto {
  @ApiProperty({ enum: ['service_account', 'user'], description: '`user`: the calling user, acting with their role in this workspace' })
  type: 'service_account' | 'user';

  @ApiPropertyOptional({ format: 'uuid', description: 'The service account (required for `service_account`; for `user` it is the caller)' })
  id?: string;
}

export class CreateApiKeyDto {
  @ApiProperty({ example: 'ci pipeline', maxLength: 100 })
  name: string;

  @ApiProperty({ type: ApiKeyOwnerDto })
  owner: ApiKeyOwnerDto;

  @ApiProperty({
    type: [String],
    example: ['invoke:model:openai/*', 'read:models'],
    description: 'admin, invoke:*, invoke:model:<provider>/<model>, invoke:route:<alias>, invoke:api:<slug>, read:models; a name may end in "*"',
  })
  scopes: string[];

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'Never expires when absent or null' })
  expiresAt?: string | null;
}

export class UpdateApiKeyDto {
  @ApiPropertyOptional({ maxLength: 100 })
  name?: string;

  @ApiPropertyOptional({ type: [String] })
  scopes?: string[];

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  expiresAt?: string | null;
}

export class RotateApiKeyDto {
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_GRACE_SECONDS, default: DEFAULT_GRACE_SECONDS, description: 'How long the old key keeps working' })
  gracePeriodSeconds?: number;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: "The new key's expiry; by default it gets the old key's lifetime again, counted from now",
  })
  expiresAt?: string | null;
}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  workspaceId: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ example: 'ptk_Ab3dEf9hIjK1_…', description: 'The non-secret start of the key, to recognise it' })
  prefix: string;

  @ApiProperty({ type: ApiKeyOwnerDto })
  owner: { type: 'service_account' | 'user' | 'app'; id: string };

  @ApiProperty({ type: [String] })
  scopes: string[];

  @ApiProperty({ enum: ['active', 'expired', 'revoked'] })
  status: 'active' | 'expired' | 'revoked';

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiresAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revokedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Recorded in batches, so it may lag by a few seconds' })
  lastUsedAt: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The key this one replaced by rotation' })
  rotatedFromId: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'user:5b0c…', description: 'Who created it' })
  createdBy: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ example: 'ptk_Ab3dEf9hIjK1_…', description: 'The whole key. Shown this once; Portico keeps only its hash.' })
  key: string;
}

export class RotatedApiKeyDto extends CreatedApiKeyDto {
  @ApiProperty({ type: ApiKeyDto, description: 'The key it replaces, now expiring at the end of the grace period' })
  previousKey: ApiKeyDto;
}
