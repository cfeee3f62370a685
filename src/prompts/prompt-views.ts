import { PRODUCTION_LABEL } from './labels/label-split';
import type { LabelDto, PromptDto, PromptVersionDto } from './prompts.dto';
import type { LabelRow, PromptRow } from './prompts.repository';
import type { PromptVersion } from './versions/prompt-version';

export function toPromptDto(prompt: PromptRow, labels: readonly LabelRow[]): PromptDto {
  return {
    id: prompt.id,
    workspaceId: prompt.workspaceId,
    slug: prompt.slug,
    name: prompt.name,
    description: prompt.description,
    latestVersion: prompt.latestVersion,
    labels: labels.map(toLabelDto),
    createdBy: prompt.createdBy,
    createdAt: prompt.createdAt,
    updatedAt: prompt.updatedAt,
  };
}

export function toLabelDto(label: LabelRow): LabelDto {
  return {
    name: label.name,
    protected: isProtectedLabel(label.name),
    targets: label.targets.map((target) => ({ version: target.version, versionId: target.versionId, weight: target.weight })),
    updatedBy: label.updatedBy,
    updatedAt: label.updatedAt,
  };
}

export function toVersionDto(version: PromptVersion): PromptVersionDto {
  return {
    id: version.id,
    promptId: version.promptId,
    version: version.number,
    messages: version.messages.map((message) => ({ ...message })),
    model: version.model,
    parameters: { ...version.parameters },
    inputSchema: version.inputSchema,
    outputSchema: version.outputSchema,
    commitMessage: version.commitMessage,
    author: version.author,
    createdAt: version.createdAt,
  };
}

/** Labels whose moves go through the approval engine (kind `prompt_promotion`). */
export function isProtectedLabel(name: string): boolean {
  return name === PRODUCTION_LABEL;
}
