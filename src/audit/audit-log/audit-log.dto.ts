import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';

export const MAX_PAGE_SIZE = 500;

const text = (max: number) => z.string().trim().min(1).max(max);
const instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

const filterShape = {
  action: text(128).optional(),
  resourceType: text(64).optional(),
  resourceId: text(256).optional(),
  actorId: text(256).optional(),
  from: instant.optional(),
  to: instant.optional(),
};
const cursor = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,32}$/, 'not a cursor from this API')
  .transform((value, context) => {
    const seq = Number(Buffer.from(value, 'base64url').toString('utf8').replace(/^seq:/, ''));
    if (!Number.isSafeInteger(seq) || seq < 1) {
      context.addIssue({ code: 'custom', message: 'not a cursor from this API' });
      return z.NEVER;
    }
    return seq;
  });
const pageShape = { ...filterShape, cursor: cursor.optional(), limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(100) };
const exportShape = { ...filterShape, format: z.enum(['jsonl', 'csv']).default('jsonl') };
/** Superadmins read the instance chain, or any workspace's chain (also one whose workspace is gone). */
const instanceShape = { workspaceId: z.uuid().optional() };

export const pageQuerySchema = z.strictObject(pageShape);
export const exportQuerySchema = z.strictObject(exportShape);
export const instancePageQuerySchema = z.strictObject({ ...pageShape, ...instanceShape });
export const instanceExportQuerySchema = z.strictObject({ ...exportShape, ...instanceShape });
export const instanceVerifyQuerySchema = z.strictObject(instanceShape);

export type PageQuery = z.infer<typeof pageQuerySchema>;
export type ExportQuery = z.infer<typeof exportQuerySchema>;
export type InstanceScope = z.infer<typeof instanceVerifyQuerySchema>;

export const encodeCursor = (seq: number): string => Buffer.from(`seq:${seq}`, 'utf8').toString('base64url');

export class AuditFilterQueryDto {
  @ApiPropertyOptional({ description: 'Exact action, e.g. `api_key.create`' })
  action?: string;

  @ApiPropertyOptional({ description: 'e.g. `api_key`, `route`, `member`' })
  resourceType?: string;

  @ApiPropertyOptional()
  resourceId?: string;

  @ApiPropertyOptional({ description: 'A user or service-account id, or a system job name (`first-run`)' })
  actorId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Entries at or after this instant' })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Entries before this instant' })
  to?: string;
}

export class AuditPageQueryDto extends AuditFilterQueryDto {
  @ApiPropertyOptional({ description: '`nextCursor` of the previous page' })
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 100 })
  limit?: number;
}

export class AuditExportQueryDto extends AuditFilterQueryDto {
  @ApiPropertyOptional({ enum: ['jsonl', 'csv'], default: 'jsonl' })
  format?: 'jsonl' | 'csv';
}

export class InstanceAuditPageQueryDto extends AuditPageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "A workspace's chain instead of the instance chain" })
  workspaceId?: string;
}

export class InstanceAuditExportQueryDto extends AuditExportQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "A workspace's chain instead of the instance chain" })
  workspaceId?: string;
}

export class InstanceAuditVerifyQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "A workspace's chain instead of the instance chain" })
  workspaceId?: string;
}

export class AuditActorDto {
  @ApiProperty({ enum: ['user', 'service_account', 'system'] })
  kind: 'user' | 'service_account' | 'system';

  @ApiProperty({ description: 'User or service-account id, or the system job name' })
  id: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The API key used, if one was' })
  apiKeyId: string | null;

  @ApiProperty({ nullable: true, type: String })
  email: string | null;
}

export class AuditEntryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'Position in its chain (per workspace, and one for the instance), from 1, without gaps' })
  seq: number;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null: an instance-level entry' })
  workspaceId: string | null;

  @ApiProperty({ format: 'date-time' })
  occurredAt: string;

  @ApiProperty({ type: AuditActorDto })
  actor: AuditActorDto;

  @ApiProperty({ example: 'api_key.create' })
  action: string;

  @ApiProperty({ example: 'api_key' })
  resourceType: string;

  @ApiProperty({ nullable: true, type: String })
  resourceId: string | null;

  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: 'The resource before the change, secrets shown as `***`' })
  before: unknown;

  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: 'The resource after the change, secrets shown as `***`' })
  after: unknown;

  @ApiProperty({ type: [String], description: 'Dotted paths that differ between before and after (secrets included, without their values)' })
  changes: string[];

  @ApiProperty({ nullable: true, type: String })
  ip: string | null;

  @ApiProperty({ nullable: true, type: String })
  userAgent: string | null;

  @ApiProperty({ nullable: true, type: String })
  requestId: string | null;

  @ApiProperty({ description: 'Hash of the previous entry of the chain (64 zeros for the first)' })
  prevHash: string;

  @ApiProperty({ description: 'SHA-256 over the canonical JSON of this entry, prevHash included' })
  hash: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto], description: 'Newest first' })
  items: AuditEntryDto[];

  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next (older) page; null on the last page' })
  nextCursor: string | null;
}

export class BrokenLinkDto {
  @ApiProperty()
  seq: number;

  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({
    enum: ['seq_gap', 'prev_hash_mismatch', 'hash_mismatch'],
    description: '`hash_mismatch`: this entry was changed; `prev_hash_mismatch`: the entry before it was replaced or reordered; `seq_gap`: entries before it are missing',
  })
  reason: 'seq_gap' | 'prev_hash_mismatch' | 'hash_mismatch';
}

export class ChainPointDto {
  @ApiProperty()
  seq: number;

  @ApiProperty()
  hash: string;
}

export class AuditVerifyDto {
  @ApiProperty({ description: 'true when every entry links to the one before and hashes to what it stores' })
  ok: boolean;

  @ApiProperty({ description: 'Entries walked (up to and including the first broken one)' })
  checked: number;

  @ApiProperty({ type: BrokenLinkDto, nullable: true })
  firstBroken: BrokenLinkDto | null;

  @ApiProperty({ type: ChainPointDto, nullable: true, description: 'Where the walk started: the last entry removed by retention, if any' })
  anchor: ChainPointDto | null;

  @ApiProperty({ type: ChainPointDto, nullable: true, description: 'The last entry walked; keep it elsewhere to detect a later rewrite of the whole chain' })
  head: ChainPointDto | null;
}
