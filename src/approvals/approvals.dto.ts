import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';
import { isPermission } from '../auth/authz/permissions';
import type { ApprovalState } from './approval-engine.contract';
import { DEFAULT_APPROVER_PERMISSION, DEFAULT_EXPIRY_SECONDS, KIND_PATTERN } from './approval-policy';
import { APPROVAL_STATES } from './approval-state-machine';

export const MAX_PAGE_SIZE = 200;
const kind = z.string().regex(KIND_PATTERN, 'must be a registered approval kind, e.g. budget_increase');
const comment = z.string().trim().min(1).max(2000);
const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

export const createApprovalSchema = z.strictObject({
  kind,
  subject: z.unknown().refine((value) => value !== undefined, 'is required'),
  reason: z.string().trim().max(2000).nullable().default(null),
});
export type CreateApprovalInput = z.infer<typeof createApprovalSchema>;

export const approveSchema = z.strictObject({ comment: comment.nullable().default(null) });
export const rejectSchema = z.strictObject({ comment });

export const listApprovalsSchema = z.strictObject({
  state: z.enum(APPROVAL_STATES).optional(),
  kind: kind.optional(),
  mine: flag.optional(),
  toDecide: flag.optional(),
  cursor: z.uuid('not a cursor from this API').optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
});
export type ListApprovalsQuery = z.infer<typeof listApprovalsSchema>;

export const putPolicySchema = z.strictObject({
  enabled: z.boolean().default(true),
  requiredApprovals: z.number().int().min(1).max(10).default(1),
  approverPermission: z
    .string()
    .refine(isPermission, 'must be a permission such as approvals:approve or subscriptions:approve')
    .default(DEFAULT_APPROVER_PERMISSION),
  allowSelfApproval: z.boolean().default(false),
  expiresAfterSeconds: z
    .number()
    .int()
    .min(60)
    .max(365 * 86_400)
    .nullable()
    .default(DEFAULT_EXPIRY_SECONDS),
});
export type PutPolicyInput = z.infer<typeof putPolicySchema>;

export class CreateApprovalDto {
  @ApiProperty({ description: 'A kind that may be requested directly, e.g. `budget_increase`', example: 'budget_increase' })
  kind: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What is to be approved, checked by the kind (budget_increase: `{budgetId, limitUsd}`)', example: { budgetId: '3f0c…', limitUsd: 500 } })
  subject: unknown;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 2000, description: 'Why; shown to approvers' })
  reason?: string | null;
}

export class ApproveDto {
  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 2000 })
  comment?: string | null;
}

export class RejectDto {
  @ApiProperty({ maxLength: 2000, description: 'Why the request is rejected; the requester sees it' })
  comment: string;
}

export class ListApprovalsQueryDto {
  @ApiPropertyOptional({ enum: APPROVAL_STATES })
  state?: ApprovalState;

  @ApiPropertyOptional({ example: 'budget_increase' })
  kind?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only requests I filed' })
  mine?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only pending requests I may decide and have not decided (never my own under four eyes)' })
  toDecide?: string;

  @ApiPropertyOptional({ description: '`nextCursor` of the previous page' })
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  limit?: number;
}

export class ApprovalDecisionDto {
  @ApiProperty({ description: '`user:<id>` or `sa:<id>`' })
  approver: string;

  @ApiProperty({ enum: ['approve', 'reject'] })
  decision: 'approve' | 'reject';

  @ApiProperty({ nullable: true, type: String })
  comment: string | null;

  @ApiProperty({ format: 'date-time' })
  decidedAt: Date;
}

export class ApprovalRequestDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  workspaceId: string;

  @ApiProperty({ example: 'budget_increase' })
  kind: string;

  @ApiProperty({ description: "The kind's one-line description of the subject", example: 'budget 3f0c… → $500' })
  summary: string;

  @ApiProperty({ type: 'object', additionalProperties: true })
  subject: unknown;

  @ApiProperty({ description: 'At most one pending request per kind and subject key', example: 'budget:3f0c…' })
  subjectKey: string;

  @ApiProperty({ enum: APPROVAL_STATES })
  state: ApprovalState;

  @ApiProperty({ description: "Approved on arrival: the workspace's policy required no approval for this kind" })
  autoApproved: boolean;

  @ApiProperty({ description: '`user:<id>` or `sa:<id>`' })
  requestedBy: string;

  @ApiProperty({ nullable: true, type: String })
  reason: string | null;

  @ApiProperty({ description: "Distinct approvals the kind's current policy needs" })
  requiredApprovals: number;

  @ApiProperty({ description: 'Distinct approvals so far' })
  approvals: number;

  @ApiProperty({ type: [ApprovalDecisionDto] })
  decisions: ApprovalDecisionDto[];

  @ApiProperty({ format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ format: 'date-time' })
  updatedAt: Date;

  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'A pending request expires then; null: never' })
  expiresAt: Date | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  decidedAt: Date | null;
}

export class ApprovalPageDto {
  @ApiProperty({ type: [ApprovalRequestDto] })
  items: ApprovalRequestDto[];

  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next (older) page; null on the last page' })
  nextCursor: string | null;
}

export class PutApprovalPolicyDto {
  @ApiPropertyOptional({ default: true, description: 'false: changes of this kind apply at once (still audited, kept as auto-approved requests)' })
  enabled?: boolean;

  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: 10, description: 'Distinct approvers needed' })
  requiredApprovals?: number;

  @ApiPropertyOptional({ default: DEFAULT_APPROVER_PERMISSION, example: 'subscriptions:approve', description: 'The permission an approver must hold in the workspace' })
  approverPermission?: string;

  @ApiPropertyOptional({ default: false, description: 'Let the requester decide their own request (turns four eyes off)' })
  allowSelfApproval?: boolean;

  @ApiPropertyOptional({ nullable: true, type: Number, default: DEFAULT_EXPIRY_SECONDS, minimum: 60, description: 'Pending requests expire after this long; null: never' })
  expiresAfterSeconds?: number | null;
}

export class ApprovalPolicyDto {
  @ApiProperty({ example: 'budget_increase' })
  kind: string;

  @ApiProperty()
  enabled: boolean;

  @ApiProperty()
  requiredApprovals: number;

  @ApiProperty({ example: 'approvals:approve' })
  approverPermission: string;

  @ApiProperty()
  allowSelfApproval: boolean;

  @ApiProperty({ nullable: true, type: Number })
  expiresAfterSeconds: number | null;

  @ApiProperty({ description: 'true: the workspace stored no policy for this kind; these are the defaults' })
  isDefault: boolean;
}
