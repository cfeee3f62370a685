import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { z } from 'zod';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** https, or plain http on a loopback address (local identity providers in development and tests). */
export function isAcceptableIssuer(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  } catch {
    return false;
  }
}

const role = z.string().regex(/^(owner|admin|developer|approver|viewer|custom:[a-z0-9][a-z0-9-]{0,62})$/, {
  error: 'a role is owner, admin, developer, approver, viewer or custom:<name>',
});

const fields = {
  name: z.string().trim().min(1).max(100),
  issuerUrl: z.string().max(2000).refine(isAcceptableIssuer, { error: 'issuerUrl must be an https URL (http only on localhost)' }),
  clientId: z.string().trim().min(1).max(500),
  clientSecret: z.string().min(1).max(4000).nullable(),
  scopes: z
    .string()
    .max(1000)
    .transform((value) => value.split(/\s+/).filter(Boolean).join(' '))
    .refine((value) => value.split(' ').includes('openid'), { error: 'scopes must include openid' }),
  roleClaim: z.string().trim().min(1).max(200),
  roleMapping: z.record(z.string().min(1).max(500), role).refine((mapping) => Object.keys(mapping).length <= 500, { error: 'at most 500 mappings' }),
  defaultRole: role.nullable(),
  enabled: z.boolean(),
};

export const createSsoConnectionSchema = z.object({
  ...fields,
  clientSecret: fields.clientSecret.optional(),
  scopes: fields.scopes.default('openid email profile'),
  roleClaim: fields.roleClaim.default('groups'),
  roleMapping: fields.roleMapping.default({}),
  defaultRole: fields.defaultRole.default(null),
  enabled: fields.enabled.default(true),
});

export const updateSsoConnectionSchema = z.object(fields).partial();

export type CreateSsoConnection = z.output<typeof createSsoConnectionSchema>;
export type UpdateSsoConnection = z.output<typeof updateSsoConnectionSchema>;

export class CreateSsoConnectionDto {
  @ApiProperty({ example: 'Corporate Okta' })
  name: string;

  @ApiProperty({ example: 'https://login.example.com', description: 'OIDC issuer; its discovery document is read from /.well-known/openid-configuration' })
  issuerUrl: string;

  @ApiProperty()
  clientId: string;

  @ApiPropertyOptional({ nullable: true, writeOnly: true, description: 'Stored encrypted, never returned; null or absent for a public client (PKCE only)' })
  clientSecret?: string | null;

  @ApiPropertyOptional({ default: 'openid email profile', description: 'Space-separated; must include openid' })
  scopes?: string;

  @ApiPropertyOptional({ default: 'groups', description: 'Claim holding the user’s groups (string or array; dotted paths like realm_access.roles work)' })
  roleClaim?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, example: { 'llm-admins': 'admin', staff: 'developer' } })
  roleMapping?: Record<string, string>;

  @ApiPropertyOptional({ nullable: true, description: 'Role for users no mapping matches; null refuses them (PORTICO_ERR_SSO_NO_ROLE)' })
  defaultRole?: string | null;

  @ApiPropertyOptional({ default: true })
  enabled?: boolean;
}

export class UpdateSsoConnectionDto extends PartialType(CreateSsoConnectionDto) {}

export class SsoConnectionDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  workspaceId: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  issuerUrl: string;

  @ApiProperty()
  clientId: string;

  @ApiProperty({ nullable: true, type: String, example: '…x7Qa', description: 'The last characters of the client secret' })
  clientSecretHint: string | null;

  @ApiProperty()
  scopes: string;

  @ApiProperty()
  roleClaim: string;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  roleMapping: Record<string, string>;

  @ApiProperty({ nullable: true, type: String })
  defaultRole: string | null;

  @ApiProperty()
  enabled: boolean;

  @ApiProperty({ example: '/auth/sso/3f0c…/authorize', description: 'Where a browser starts signing in with this connection' })
  loginPath: string;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  updatedAt: Date;
}
