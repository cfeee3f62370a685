import { ApiProperty } from '@nestjs/swagger';
import { z } from 'zod';
import { emailSchema } from '../../common/http/problems';

const role = z.string().trim().min(1).max(80);

export const addMemberSchema = z.strictObject({ email: emailSchema, role });
export type AddMemberInput = z.infer<typeof addMemberSchema>;

export const changeRoleSchema = z.strictObject({ role });
export type ChangeRoleInput = z.infer<typeof changeRoleSchema>;

const ROLE_DESCRIPTION = 'A built-in role (owner, admin, developer, approver, viewer) or the name of a custom role of this workspace';

export class AddMemberDto {
  @ApiProperty({ description: 'E-mail of an existing user', example: 'dev@example.com' })
  email: string;

  @ApiProperty({ description: ROLE_DESCRIPTION, example: 'developer' })
  role: string;
}

export class ChangeRoleDto {
  @ApiProperty({ description: ROLE_DESCRIPTION, example: 'admin' })
  role: string;
}

export class MemberDto {
  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiProperty()
  email: string;

  @ApiProperty()
  displayName: string;

  @ApiProperty({ description: 'Built-in role or custom role name' })
  role: string;

  @ApiProperty({ enum: ['builtin', 'custom'] })
  roleKind: 'builtin' | 'custom';

  @ApiProperty()
  disabled: boolean;

  @ApiProperty({ type: String, format: 'date-time' })
  addedAt: Date;
}
