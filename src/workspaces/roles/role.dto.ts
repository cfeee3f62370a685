import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';
import { isBuiltinRole } from '../../auth/authz/permissions';
import { SLUG_PATTERN } from '../../common/http/problems';

const permissions = z.array(z.string().max(80)).max(200);
const description = z.string().max(1000);

export const createRoleSchema = z.strictObject({
  name: z
    .string()
    .regex(SLUG_PATTERN, 'must be kebab-case: lower-case letters, digits and dashes, at most 63 characters')
    .refine((name) => !isBuiltinRole(name), 'is the name of a built-in role'),
  description: description.optional(),
  permissions,
});
export type CreateRoleInput = z.infer<typeof createRoleSchema>;

export const updateRoleSchema = z.strictObject({ description: description.optional(), permissions: permissions.optional() });
export type UpdateRoleInput = z.infer<typeof updateRoleSchema>;

export class CreateRoleDto {
  @ApiProperty({ description: 'Kebab-case, unique in the workspace, not a built-in role name', example: 'prompt-editor' })
  name: string;

  @ApiPropertyOptional({ example: 'Edits prompts, reads the rest' })
  description?: string;

  @ApiProperty({ type: [String], description: 'Permissions as `resource:action`', example: ['prompts:read', 'prompts:write'] })
  permissions: string[];
}

export class UpdateRoleDto {
  @ApiPropertyOptional()
  description?: string;

  @ApiPropertyOptional({ type: [String], description: 'Replaces the role’s permissions' })
  permissions?: string[];
}

export class RoleDto {
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Null for built-in roles' })
  id: string | null;

  @ApiProperty({ example: 'prompt-editor' })
  name: string;

  @ApiProperty({ enum: ['builtin', 'custom'] })
  kind: 'builtin' | 'custom';

  @ApiProperty()
  description: string;

  @ApiProperty({ type: [String], description: '`resource:action`; the owner role holds `*:*`' })
  permissions: string[];
}
