import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';
import { emailSchema } from '../../common/http/problems';

export const createUserSchema = z.strictObject({
  email: emailSchema,
  displayName: z.string().trim().min(1).max(200),
  password: z.string().optional(),
  isSuperadmin: z.boolean().optional(),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z.strictObject({
  displayName: z.string().trim().min(1).max(200).optional(),
  disabled: z.boolean().optional(),
  isSuperadmin: z.boolean().optional(),
});
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export class CreateUserDto {
  @ApiProperty({ example: 'dev@example.com' })
  email: string;

  @ApiProperty({ example: 'Dana Developer' })
  displayName: string;

  @ApiPropertyOptional({ description: 'At least 12 characters; when omitted one is generated and returned once', writeOnly: true })
  password?: string;

  @ApiPropertyOptional({ default: false })
  isSuperadmin?: boolean;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  displayName?: string;

  @ApiPropertyOptional({ description: 'Disabling stops the user’s API keys at once' })
  disabled?: boolean;

  @ApiPropertyOptional()
  isSuperadmin?: boolean;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  email: string;

  @ApiProperty()
  displayName: string;

  @ApiProperty()
  isSuperadmin: boolean;

  @ApiProperty()
  disabled: boolean;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;
}

export class CreatedUserDto extends UserDto {
  @ApiPropertyOptional({ description: 'Present only when Portico generated the password; shown this once' })
  generatedPassword?: string;
}
