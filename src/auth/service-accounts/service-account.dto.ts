import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';

export const SERVICE_ACCOUNT_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

export const createServiceAccountSchema = z.strictObject({
  name: z.string().regex(SERVICE_ACCOUNT_NAME, 'lower-case letters, digits and dashes, at most 63, starting with a letter or digit'),
  description: z.string().max(500).default(''),
  role: z.string().min(1).max(100),
});

export const updateServiceAccountSchema = z
  .strictObject({ description: z.string().max(500).optional(), role: z.string().min(1).max(100).optional() })
  .refine((patch) => patch.description !== undefined || patch.role !== undefined, 'give description, role or both');

export class CreateServiceAccountDto {
  @ApiProperty({ example: 'ci-deployer', pattern: SERVICE_ACCOUNT_NAME.source, description: 'Unique in the workspace' })
  name: string;

  @ApiPropertyOptional({ example: 'Deploys prompt versions from CI', maxLength: 500 })
  description?: string;

  @ApiProperty({ example: 'developer', description: 'A built-in role (owner, admin, developer, approver, viewer) or custom:<name>' })
  role: string;
}

export class UpdateServiceAccountDto {
  @ApiPropertyOptional({ maxLength: 500 })
  description?: string;

  @ApiPropertyOptional({ example: 'viewer', description: 'A built-in role or custom:<name>' })
  role?: string;
}

export class ServiceAccountDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  workspaceId: string;

  @ApiProperty({ example: 'ci-deployer' })
  name: string;

  @ApiProperty()
  description: string;

  @ApiProperty({ example: 'developer' })
  role: string;

  @ApiProperty({ description: 'A disabled account keeps its keys, but none of them works until it is enabled again' })
  disabled: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  disabledAt: string | null;

  @ApiProperty({ description: 'Keys that are neither revoked nor expired' })
  activeKeys: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}
