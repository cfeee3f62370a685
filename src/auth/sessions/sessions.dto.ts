import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';

export const loginSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

export const refreshSchema = z.object({ refreshToken: z.string().min(1).max(256) });

// The length policy is checked by the service so it answers PASSWORD_POLICY, not a generic validation error.
export const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().max(4096),
});

export class LoginRequestDto {
  @ApiProperty({ example: 'admin@portico.local' })
  email: string;

  @ApiProperty({ example: 'correct horse battery staple', format: 'password' })
  password: string;
}

export class RefreshRequestDto {
  @ApiProperty({ description: 'The refresh token from the last login or refresh (used once)', example: 'prt_…' })
  refreshToken: string;
}

export class PasswordChangeRequestDto {
  @ApiProperty({ format: 'password' })
  currentPassword: string;

  @ApiProperty({ format: 'password', minLength: 12, maxLength: 256 })
  newPassword: string;
}

export class SessionUserDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  email: string;

  @ApiProperty()
  displayName: string;

  @ApiProperty()
  isSuperadmin: boolean;
}

export class SessionTokensDto {
  @ApiProperty({ description: 'JWT for `Authorization: Bearer …` on the admin API' })
  accessToken: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires', example: 900 })
  expiresIn: number;

  @ApiProperty({ description: 'Single-use token for POST /auth/refresh; valid 30 days after its issue' })
  refreshToken: string;

  @ApiProperty({ type: SessionUserDto })
  user: SessionUserDto;

  @ApiPropertyOptional({ description: 'SSO only: where the browser asked to go after signing in' })
  returnTo?: string;
}

export class MeWorkspaceDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  slug: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ description: 'A built-in role or `custom:<name>`', example: 'developer' })
  role: string;
}

export class MeServiceAccountDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  role: string;
}

export class MeDto {
  @ApiProperty({ enum: ['user', 'service_account'] })
  kind: 'user' | 'service_account';

  @ApiProperty({ enum: ['access_token', 'api_key'] })
  via: 'access_token' | 'api_key';

  @ApiPropertyOptional({ type: SessionUserDto })
  user?: SessionUserDto;

  @ApiPropertyOptional({ type: MeServiceAccountDto })
  serviceAccount?: MeServiceAccountDto;

  @ApiPropertyOptional({ format: 'uuid', description: 'Set when signed in with an API key: the only workspace it may act in' })
  apiKeyId?: string;

  @ApiProperty({ type: [MeWorkspaceDto] })
  workspaces: MeWorkspaceDto[];
}
