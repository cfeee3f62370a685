import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditTrail } from '../../audit/audit-log/audit-trail';
import type { RequestContext } from '../../auth/principal';
import { ErrorCode, PorticoError } from '../../common/errors';
import { notFound } from '../../common/http/problems';
import type { VersionDiffDto } from '../playground/playground.dto';
import { toVersionDto } from '../prompt-views';
import type { CreateVersionInput, PromptVersionDto } from '../prompts.dto';
import { type PromptRow, PromptsRepository } from '../prompts.repository';
import type { PromptVersion } from './prompt-version';
import { diffVersions } from './version-diff';
import { VersionRules } from './version-rules';

/**
 * Versions of a prompt: numbered 1, 2, … in the order they are saved, never changed afterwards
 * (there is no route to change one, and the database refuses it), compared with `diff`.
 */
@Injectable()
export class PromptVersionsService {
  constructor(
    private readonly repository: PromptsRepository,
    private readonly rules: VersionRules,
    private readonly audit: AuditTrail,
  ) {}

  async list(_ctx: RequestContext, workspaceId: string, slug: string): Promise<PromptVersionDto[]> {
    const prompt = await this.prompt(this.repository.manager, workspaceId, slug);
    return (await this.repository.versions(this.repository.manager, prompt.id)).map(toVersionDto);
  }

  async get(_ctx: RequestContext, workspaceId: string, slug: string, number: string): Promise<PromptVersionDto> {
    const prompt = await this.prompt(this.repository.manager, workspaceId, slug);
    return toVersionDto(await this.version(prompt, number));
  }

  /** Saves the next version; 409 when `baseVersion` is given and another version was saved since. */
  async create(ctx: RequestContext, workspaceId: string, slug: string, input: CreateVersionInput): Promise<PromptVersionDto> {
    const { baseVersion, ...draft } = input;
    const checked = this.rules.check(draft);
    return this.repository.transaction(async (manager) => {
      const prompt = await this.prompt(manager, workspaceId, slug, true);
      if (baseVersion !== undefined && baseVersion !== prompt.latestVersion) {
        throw new PorticoError(ErrorCode.PROMPT_VERSION_CONFLICT, `version ${prompt.latestVersion} was saved after version ${baseVersion}: review it, then save again`, {
          status: 409,
          details: { latestVersion: prompt.latestVersion },
        });
      }
      const version = await this.repository.insertVersion(manager, prompt, checked, ctx.principal.subject);
      const dto = toVersionDto(version);
      await this.audit.record(manager, ctx, { action: 'prompt_version.create', workspaceId, resourceType: 'prompt_version', resourceId: version.id, after: dto });
      return dto;
    });
  }

  /** `to` defaults to the latest version, `from` to the one before `to`. */
  async diff(_ctx: RequestContext, workspaceId: string, slug: string, query: { from?: number; to?: number }): Promise<VersionDiffDto> {
    const prompt = await this.prompt(this.repository.manager, workspaceId, slug);
    if (prompt.latestVersion === 0) throw notFound('prompt version');
    const to = query.to ?? prompt.latestVersion;
    const from = query.from ?? Math.max(1, to - 1);
    const found = await this.repository.versionsNumbered(this.repository.manager, prompt.id, [from, to]);
    const byNumber = new Map(found.map((version) => [version.number, version]));
    const [before, after] = [byNumber.get(from), byNumber.get(to)];
    if (!before || !after) throw notFound(`prompt version ${!before ? from : to}`);
    return diffVersions(before, after) as VersionDiffDto;
  }

  private async prompt(manager: EntityManager, workspaceId: string, slug: string, lock = false): Promise<PromptRow> {
    const prompt = await this.repository.find(manager, workspaceId, slug, lock);
    if (!prompt) throw notFound('prompt');
    return prompt;
  }

  private async version(prompt: PromptRow, number: string): Promise<PromptVersion> {
    const version = /^\d{1,9}$/.test(number) ? await this.repository.version(this.repository.manager, prompt.id, Number(number)) : undefined;
    if (!version) throw notFound('prompt version');
    return version;
  }
}
