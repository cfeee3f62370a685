import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';
import { LabelDto } from '../prompts.dto';

export const moveLabelSchema = z
  .strictObject({
    version: z.number().int().min(1).optional(),
    versions: z
      .array(z.strictObject({ version: z.number().int().min(1), weight: z.number().int().min(1).max(100) }))
      .min(1)
      .max(10)
      .optional(),
    reason: z.string().max(2_000).optional(),
  })
  .refine((body) => (body.version === undefined) !== (body.versions === undefined), { message: 'send either version or versions', path: ['version'] })
  .refine((body) => !body.versions || body.versions.reduce((sum, target) => sum + target.weight, 0) === 100, { message: 'weights must sum to 100', path: ['versions'] })
  .refine((body) => !body.versions || new Set(body.versions.map((target) => target.version)).size === body.versions.length, {
    message: 'each version at most once',
    path: ['versions'],
  });
export type MoveLabelInput = z.infer<typeof moveLabelSchema>;

export class WeightedVersionDto {
  @ApiProperty({ example: 2 })
  version: number;

  @ApiProperty({ minimum: 1, maximum: 100, example: 80 })
  weight: number;
}

export class MoveLabelDto {
  @ApiPropertyOptional({ description: 'Point the label at one version (all traffic)', example: 3 })
  version?: number;

  @ApiPropertyOptional({ type: [WeightedVersionDto], description: 'Or split traffic between versions (A/B): whole percents summing to 100' })
  versions?: WeightedVersionDto[];

  @ApiPropertyOptional({ description: 'Why: shown to approvers when the move needs an approval' })
  reason?: string;
}

export class ApprovalRequestSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'prompt_promotion' })
  kind: string;

  @ApiProperty({ enum: ['pending', 'approved', 'rejected', 'cancelled', 'expired'] })
  state: string;

  @ApiProperty()
  subjectKey: string;

  @ApiProperty({ type: 'object', additionalProperties: true })
  subject: Record<string, unknown>;

  @ApiProperty()
  requestedBy: string;

  @ApiProperty({ nullable: true, type: String })
  reason: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  expiresAt: Date | null;
}

export class LabelMoveDto {
  @ApiProperty({ enum: ['moved', 'pending_approval'], description: '`moved` (200) or `pending_approval` (202: an approver must approve first)' })
  outcome: 'moved' | 'pending_approval';

  @ApiProperty({ type: LabelDto, nullable: true, description: 'The label as it stands now (unchanged while approval is pending; null if it does not exist yet)' })
  label: LabelDto | null;

  @ApiProperty({ type: ApprovalRequestSummaryDto, nullable: true })
  approvalRequest: ApprovalRequestSummaryDto | null;
}
