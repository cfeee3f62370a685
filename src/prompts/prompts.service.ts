import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditTrail } from '../audit/audit-log/audit-trail';
import type { RequestContext } from '../auth/principal';
import { ErrorCode, PorticoError } from '../common/errors';
import { conflict, isUniqueViolation, notFound } from '../common/http/problems';
import { toPromptDto, toVersionDto } from './prompt-views';
import type { CreatePromptInput, PromptDto, UpdatePromptInput } from './prompts.dto';
import { type PromptRow, PromptsRepository } from './prompts.repository';
import { VersionRules } from './versions/version-rules';

/**
 * Prompts of a workspace: a slug (unique in the workspace), a name and a description. Their
 * versions and labels have services of their own; a prompt may be created with its version 1.
 */
@Injectable()
export class PromptsService {
  constructor(
    private readonly repository: PromptsRepository,
    private readonly rules: VersionRules,
    private readonly audit: AuditTrail,
  ) {}

  async list(_ctx: RequestContext, workspaceId: string): Promise<PromptDto[]> {
    const prompts = await this.repository.list(workspaceId);
    const labels = await this.repository.labelsOf(this.repository.manager, prompts.map((prompt) => prompt.id));
    return prompts.map((prompt) => toPromptDto(prompt, labels.get(prompt.id) ?? []));
  }

  async get(_ctx: RequestContext, workspaceId: string, slug: string): Promise<PromptDto> {
    const prompt = await this.find(this.repository.manager, workspaceId, slug);
    return toPromptDto(prompt, await this.repository.labels(this.repository.manager, prompt.id));
  }

  async create(ctx: RequestContext, workspaceId: string, input: CreatePromptInput): Promise<PromptDto> {
    const checked = input.version && this.rules.check(input.version);
    try {
      return await this.repository.transaction(async (manager) => {
        const prompt = await this.repository.insert(manager, workspaceId, { slug: input.slug, name: input.name, description: input.description }, ctx.principal.subject);
        await this.audit.record(manager, ctx, { action: 'prompt.create', workspaceId, resourceType: 'prompt', resourceId: prompt.id, after: prompt });
        if (!checked) return toPromptDto(prompt, []);
        const version = await this.repository.insertVersion(manager, prompt, checked, ctx.principal.subject);
        await this.audit.record(manager, ctx, { action: 'prompt_version.create', workspaceId, resourceType: 'prompt_version', resourceId: version.id, after: toVersionDto(version) });
        return toPromptDto({ ...prompt, latestVersion: version.number }, []);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`a prompt '${input.slug}' exists in this workspace`);
      throw error;
    }
  }

  async update(ctx: RequestContext, workspaceId: string, slug: string, input: UpdatePromptInput): Promise<PromptDto> {
    return this.repository.transaction(async (manager) => {
      const before = await this.find(manager, workspaceId, slug, true);
      const after = await this.repository.update(manager, before, { name: input.name ?? before.name, description: input.description === undefined ? before.description : input.description });
      await this.audit.record(manager, ctx, { action: 'prompt.update', workspaceId, resourceType: 'prompt', resourceId: before.id, before, after });
      return toPromptDto(after, await this.repository.labels(manager, after.id));
    });
  }

  /**
   * Deletes the prompt with its versions and labels (the only way a version ever goes away), unless
   * an API version (of any state) is served by it: then 409 naming them.
   */
  async delete(ctx: RequestContext, workspaceId: string, slug: string): Promise<void> {
    await this.repository
      .transaction(async (manager) => {
        const before = await this.find(manager, workspaceId, slug, true);
        const backed = await this.repository.backedApiVersions(manager, before);
        if (backed.length > 0) throw promptInUse(slug, backed);
        const labels = await this.repository.labels(manager, before.id);
        await this.repository.delete(manager, before);
        await this.audit.record(manager, ctx, { action: 'prompt.delete', workspaceId, resourceType: 'prompt', resourceId: before.id, before: toPromptDto(before, labels) });
      })
      .catch((error: unknown) => {
        // An API version added concurrently is caught by the foreign key when the delete commits.
        throw isForeignKeyViolation(error) ? promptInUse(slug, []) : error;
      });
  }

  private async find(manager: EntityManager, workspaceId: string, slug: string, lock = false): Promise<PromptRow> {
    const prompt = await this.repository.find(manager, workspaceId, slug, lock);
    if (!prompt) throw notFound('prompt');
    return prompt;
  }
}

function promptInUse(slug: string, apiVersions: readonly { apiProduct: string; version: number; state: string }[]): PorticoError {
  const listed = apiVersions.map((backed) => `${backed.apiProduct} v${backed.version} (${backed.state})`).join(', ');
  return new PorticoError(ErrorCode.PROMPT_IN_USE, `prompt '${slug}' serves API versions${listed ? `: ${listed}` : ''}; delete those drafts or API products first`, {
    status: 409,
    details: { apiVersions },
  });
}

function isForeignKeyViolation(error: unknown): boolean {
  const candidate = error as { code?: string; driverError?: { code?: string } };
  return candidate?.code === '23503' || candidate?.driverError?.code === '23503';
}
