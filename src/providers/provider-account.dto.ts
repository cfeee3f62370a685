import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';

const NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

const name = z.string().regex(NAME_PATTERN, 'must be kebab-case: lower-case letters, digits and dashes, at most 63 characters');
const baseUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .max(2048)
  .nullable();
const credential = z.string().min(1).max(8192);
const config = z.record(z.string(), z.unknown());

export const createProviderAccountSchema = z.strictObject({
  name,
  pluginId: z.string().min(1).max(214),
  baseUrl: baseUrl.optional(),
  credential: credential.optional(),
  config: config.default({}),
  enabled: z.boolean().default(true),
});
export type CreateProviderAccountInput = z.infer<typeof createProviderAccountSchema>;

export const updateProviderAccountSchema = z.strictObject({
  name: name.optional(),
  baseUrl: baseUrl.optional(),
  /** A new credential replaces the old one; null removes it. */
  credential: credential.nullable().optional(),
  config: config.optional(),
  enabled: z.boolean().optional(),
});
export type UpdateProviderAccountInput = z.infer<typeof updateProviderAccountSchema>;

export class CreateProviderAccountDto {
  @ApiProperty({ description: 'Kebab-case, unique in the workspace; models read `<name>/<model>`', example: 'openai-prod' })
  name: string;

  @ApiProperty({ description: 'Id of a loaded provider plugin', example: 'provider-mock' })
  pluginId: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: "The provider API's base URL; the plugin's default when omitted", example: 'https://api.openai.com/v1' })
  baseUrl?: string | null;

  @ApiPropertyOptional({ writeOnly: true, description: 'API key or token; stored encrypted, never returned (only `credentialHint`)' })
  credential?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Provider-specific settings (not secret)', default: {} })
  config?: Record<string, unknown>;

  @ApiPropertyOptional({ default: true })
  enabled?: boolean;
}

export class UpdateProviderAccountDto {
  @ApiPropertyOptional()
  name?: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  baseUrl?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, writeOnly: true, description: 'Replaces the credential; null removes it' })
  credential?: string | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  config?: Record<string, unknown>;

  @ApiPropertyOptional()
  enabled?: boolean;
}

export class ProviderAccountDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  workspaceId: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  pluginId: string;

  @ApiProperty({ nullable: true, type: String })
  baseUrl: string | null;

  @ApiProperty({ description: 'Whether a credential is stored' })
  hasCredential: boolean;

  @ApiProperty({ nullable: true, type: String, description: 'Masked form of the credential, e.g. `sk-…a1b2`', example: 'sk-…a1b2' })
  credentialHint: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true })
  config: Record<string, unknown>;

  @ApiProperty()
  enabled: boolean;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: Date;
}

export class ProviderPluginDto {
  @ApiProperty({ example: 'provider-mock' })
  id: string;

  @ApiProperty()
  displayName: string;

  @ApiProperty()
  description: string;

  @ApiProperty()
  version: string;
}
