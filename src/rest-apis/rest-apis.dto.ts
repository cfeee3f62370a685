import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';
import { SLUG_PATTERN } from '../common/http/problems';
import { ApprovalRequestSummaryDto } from '../prompts/labels/labels.dto';

const tag = z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'lower-case letters, digits and dashes, at most 32');
/** An absolute http(s) URL without query or fragment; requests go to `<baseUrl><operation path>`. */
const baseUrl = z
  .url({ protocol: /^https?$/ })
  .max(2_000)
  .refine((value) => !/[?#]/.test(value), 'no query string or fragment')
  .transform((value) => value.replace(/\/+$/, ''));
const openapi = z.record(z.string(), z.unknown());
const credential = z.strictObject({
  header: z
    .string()
    .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, 'an HTTP header name')
    .refine((name) => !HOP_BY_HOP.has(name.toLowerCase()) && name.toLowerCase() !== 'host' && name.toLowerCase() !== 'content-length', 'not a hop-by-hop, host or length header')
    .default('authorization'),
  value: z.string().min(1).max(8_000),
});
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

export const createRestApiSchema = z.strictObject({
  slug: z.string().regex(SLUG_PATTERN, 'lower-case letters, digits and dashes, at most 63'),
  title: z.string().trim().min(1).max(200),
  description: z.string().max(5_000).nullable().default(null),
  tags: z.array(tag).max(20).default([]),
  visibility: z.enum(['public', 'workspace']).default('workspace'),
  baseUrl,
  openapi,
  credential: credential.optional(),
});
export type CreateRestApiInput = z.infer<typeof createRestApiSchema>;

export const updateRestApiSchema = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(5_000).nullable().optional(),
  tags: z.array(tag).max(20).optional(),
  visibility: z.enum(['public', 'workspace']).optional(),
  /** null removes the credential. */
  credential: credential.nullable().optional(),
});
export type UpdateRestApiInput = z.infer<typeof updateRestApiSchema>;

export const createRestVersionSchema = z.strictObject({ openapi, baseUrl: baseUrl.optional() });
export type CreateRestVersionInput = z.infer<typeof createRestVersionSchema>;

export class RestCredentialInputDto {
  @ApiPropertyOptional({ default: 'authorization', example: 'x-upstream-key', description: 'The header Portico sends the credential in' })
  header?: string;

  @ApiProperty({ example: 'Bearer sk-upstream-…', description: 'Sent as is; stored sealed (AES-256-GCM), never shown again' })
  value: string;
}

export class CreateRestApiDto {
  @ApiProperty({ example: 'petstore', description: 'URL-safe, unique in the workspace among all API products: `/rest/<slug>/...`' })
  slug: string;

  @ApiProperty({ example: 'Pet store' })
  title: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  description?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['pets'] })
  tags?: string[];

  @ApiPropertyOptional({ enum: ['public', 'workspace'], default: 'workspace' })
  visibility?: 'public' | 'workspace';

  @ApiProperty({ example: 'https://petstore.internal:8443/api', description: 'The upstream of version 1: `/rest/<slug>/v1/pets` is forwarded to `<baseUrl>/pets`' })
  baseUrl: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The OpenAPI 3.0/3.1 document of version 1 (JSON); only its operations are forwarded' })
  openapi: Record<string, unknown>;

  @ApiPropertyOptional({ type: RestCredentialInputDto, description: 'Injected on every forwarded request; the caller\'s own `Authorization` is never forwarded' })
  credential?: RestCredentialInputDto;
}

export class UpdateRestApiDto {
  @ApiPropertyOptional()
  title?: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  description?: string | null;

  @ApiPropertyOptional({ type: [String] })
  tags?: string[];

  @ApiPropertyOptional({ enum: ['public', 'workspace'] })
  visibility?: 'public' | 'workspace';

  @ApiPropertyOptional({ type: RestCredentialInputDto, nullable: true, description: 'Replaces the upstream credential; null removes it' })
  credential?: RestCredentialInputDto | null;
}

export class CreateRestVersionDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The OpenAPI 3.0/3.1 document of the new version' })
  openapi: Record<string, unknown>;

  @ApiPropertyOptional({ description: "The upstream of the new version; default: the newest version's" })
  baseUrl?: string;
}

export class RestOperationDto {
  @ApiProperty({ enum: ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] })
  method: string;

  @ApiProperty({ example: '/pets/{petId}' })
  path: string;

  @ApiProperty({ nullable: true, type: String })
  operationId: string | null;

  @ApiProperty({ nullable: true, type: String })
  summary: string | null;
}

export class RestVersionDto {
  @ApiProperty()
  number: number;

  @ApiProperty({ enum: ['draft', 'in_review', 'published', 'deprecated', 'retired'] })
  state: string;

  @ApiProperty()
  baseUrl: string;

  @ApiProperty({ type: [RestOperationDto], description: 'The operations Portico forwards' })
  operations: RestOperationDto[];

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  approvalRequestId: string | null;

  @ApiProperty({ nullable: true, type: Date })
  publishedAt: Date | null;

  @ApiProperty({ nullable: true, type: Date })
  deprecatedAt: Date | null;

  @ApiProperty({ nullable: true, type: Date })
  sunsetAt: Date | null;

  @ApiProperty({ nullable: true, type: Date })
  retiredAt: Date | null;

  @ApiProperty({ nullable: true, type: Number })
  successorVersion: number | null;

  @ApiProperty()
  createdBy: string;

  @ApiProperty()
  createdAt: Date;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'The OpenAPI document (on the single-version read only)' })
  openapi?: Record<string, unknown>;
}

export class RestCredentialDto {
  @ApiProperty()
  header: string;

  @ApiProperty({ example: 'Bear…9f2c', description: 'A masked hint; the value is never shown' })
  hint: string;
}

export class RestApiDto {
  @ApiProperty({ format: 'uuid', description: 'The API product id subscriptions and call logs name' })
  id: string;

  @ApiProperty()
  slug: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ nullable: true, type: String })
  description: string | null;

  @ApiProperty({ type: [String] })
  tags: string[];

  @ApiProperty({ enum: ['public', 'workspace'] })
  visibility: string;

  @ApiProperty({ type: RestCredentialDto, nullable: true })
  credential: RestCredentialDto | null;

  @ApiProperty({ type: [RestVersionDto] })
  versions: RestVersionDto[];

  @ApiProperty()
  createdBy: string;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  updatedAt: Date;
}

export class RestSubmitOutcomeDto {
  @ApiProperty({ enum: ['published', 'pending_approval'] })
  outcome: 'published' | 'pending_approval';

  @ApiProperty({ type: RestVersionDto })
  version: RestVersionDto;

  @ApiProperty({ type: ApprovalRequestSummaryDto, nullable: true })
  approvalRequest: ApprovalRequestSummaryDto | null;
}
