import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';
import { emailSchema, SLUG_PATTERN } from '../../common/http/problems';

export const createWorkspaceSchema = z.strictObject({
  slug: z.string().regex(SLUG_PATTERN, 'must be kebab-case: lower-case letters, digits and dashes, at most 63 characters'),
  name: z.string().trim().min(1).max(200),
  ownerEmail: emailSchema.optional(),
});
export type CreateWorkspaceInput = z.infer<typeof createWorkspaceSchema>;

export const updateWorkspaceSchema = z.strictObject({
  slug: z.string().regex(SLUG_PATTERN, 'must be kebab-case: lower-case letters, digits and dashes, at most 63 characters').optional(),
  name: z.string().trim().min(1).max(200).optional(),
});
export type UpdateWorkspaceInput = z.infer<typeof updateWorkspaceSchema>;

export class CreateWorkspaceDto {
  @ApiProperty({ description: 'Unique kebab-case identifier', example: 'payments-team' })
  slug: string;

  @ApiProperty({ description: 'Display name', example: 'Payments team' })
  name: string;

  @ApiPropertyOptional({ description: 'E-mail of an existing user who becomes its first owner; defaults to the caller' })
  ownerEmail?: string;
}

export class UpdateWorkspaceDto {
  @ApiPropertyOptional({ description: 'New unique kebab-case identifier' })
  slug?: string;

  @ApiPropertyOptional({ description: 'New display name' })
  name?: string;
}

export class WorkspaceDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'payments-team' })
  slug: string;

  @ApiProperty({ example: 'Payments team' })
  name: string;

  @ApiProperty({ nullable: true, type: String, description: "The caller's role in it (built-in or custom role name); null when seen only as a superadmin" })
  role: string | null;

  @ApiProperty({ nullable: true, enum: ['builtin', 'custom'], description: 'Whether `role` is a built-in or a custom role' })
  roleKind: 'builtin' | 'custom' | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: Date;
}
