import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';
import { GUARD_SCOPES } from './guard-binding';

export const createGuardBindingSchema = z
  .strictObject({
    pluginId: z.string().trim().min(1).max(128),
    scope: z.enum(GUARD_SCOPES),
    scopeRef: z.string().trim().min(1).max(200).nullable().default(null),
    config: z.record(z.string(), z.unknown()).default({}),
    failMode: z.enum(['open', 'closed']).default('closed'),
    timeoutMs: z.number().int().min(1).max(30_000).default(1000),
    enabled: z.boolean().default(true),
  })
  .refine((binding) => (binding.scope === 'workspace') === (binding.scopeRef === null), {
    message: 'scopeRef names the route alias, API key id or prompt API id, and must be null for workspace bindings',
    path: ['scopeRef'],
  });
export type CreateGuardBindingInput = z.infer<typeof createGuardBindingSchema>;

export const updateGuardBindingSchema = z.strictObject({
  config: z.record(z.string(), z.unknown()).optional(),
  failMode: z.enum(['open', 'closed']).optional(),
  timeoutMs: z.number().int().min(1).max(30_000).optional(),
  enabled: z.boolean().optional(),
});
export type UpdateGuardBindingInput = z.infer<typeof updateGuardBindingSchema>;

export class CreateGuardBindingDto {
  @ApiProperty({ description: 'A loaded guard plugin, e.g. `guard-pii-redaction` (see GET /admin/guards)' })
  pluginId: string;

  @ApiProperty({ enum: GUARD_SCOPES, description: 'Where it runs: every call of the workspace, one route alias, one API key or one prompt API' })
  scope: (typeof GUARD_SCOPES)[number];

  @ApiPropertyOptional({ nullable: true, type: String, description: 'The route alias, API key id or prompt API id; null for `workspace`' })
  scopeRef?: string | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: "The binding's config, checked against the guard's binding schema" })
  config?: Record<string, unknown>;

  @ApiPropertyOptional({ enum: ['open', 'closed'], default: 'closed', description: 'When the guard errors or runs over its time budget: `closed` refuses the call (503), `open` skips the guard' })
  failMode?: 'open' | 'closed';

  @ApiPropertyOptional({ default: 1000, description: 'Time budget of one hook call, ms' })
  timeoutMs?: number;

  @ApiPropertyOptional({ default: true })
  enabled?: boolean;
}

export class UpdateGuardBindingDto {
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  config?: Record<string, unknown>;

  @ApiPropertyOptional({ enum: ['open', 'closed'] })
  failMode?: 'open' | 'closed';

  @ApiPropertyOptional()
  timeoutMs?: number;

  @ApiPropertyOptional()
  enabled?: boolean;
}

export class GuardBindingDto extends CreateGuardBindingDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  workspaceId: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ format: 'date-time' })
  updatedAt: Date;

  @ApiProperty()
  createdBy: string;
}

export class GuardPluginDto {
  @ApiProperty({ example: 'guard-pii-redaction' })
  id: string;

  @ApiProperty()
  version: string;

  @ApiProperty({ description: 'Higher runs first' })
  priority: number;

  @ApiPropertyOptional()
  description?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: "JSON Schema of a binding's config" })
  bindingSchema?: Record<string, unknown>;
}
