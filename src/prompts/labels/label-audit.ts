import type { AuditEntryInput } from '../../audit/audit-log/audit-trail';
import type { LabelDto } from '../prompts.dto';
import type { PromptRow } from '../prompts.repository';

/** The audit entry of a label move (also written when an approval moves `production`). */
export function moveEntry(prompt: Pick<PromptRow, 'id' | 'workspaceId' | 'slug'>, label: string, before: LabelDto | null | undefined, after: LabelDto & { approvalRequestId?: string; requestedBy?: string }): AuditEntryInput {
  return {
    action: 'prompt_label.move',
    workspaceId: prompt.workspaceId,
    resourceType: 'prompt_label',
    resourceId: `${prompt.id}:${label}`,
    before: before ? { prompt: prompt.slug, ...before } : undefined,
    after: { prompt: prompt.slug, ...after },
  };
}
