import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditTrail } from '../../audit/audit-log/audit-trail';
import type { RequestContext } from '../../auth/principal';
import { conflict, isUniqueViolation, isUuid, notFound, unprocessable } from '../../common/http/problems';
import { RATE_WINDOW_MS } from '../enforcement/usage-gate';
import { COUNTER_STORE } from './limits.module';
import type { CounterStore } from './counter-store';
import type { RateLimitDto, RateLimitInput, RateLimitUsageDto } from './rate-limits.dto';
import { RateLimitsRepository, type RateLimitRow } from './rate-limits.repository';

/** Rate-limit rules of a workspace: requests/min, tokens/min and concurrency, in any combination of key, route and model. */
@Injectable()
export class RateLimitsService {
  constructor(
    private readonly repository: RateLimitsRepository,
    private readonly audit: AuditTrail,
    @Inject(COUNTER_STORE) private readonly store: CounterStore,
  ) {}

  async list(_ctx: RequestContext, workspaceId: string): Promise<RateLimitDto[]> {
    return this.repository.list(workspaceId);
  }

  async get(_ctx: RequestContext, workspaceId: string, id: string): Promise<RateLimitDto> {
    return this.find(workspaceId, id);
  }

  /** The current sliding-minute usage of an unsplit rule (split rules have one counter per key/route/model). */
  async usage(_ctx: RequestContext, workspaceId: string, id: string): Promise<RateLimitUsageDto> {
    const rule = await this.find(workspaceId, id);
    if (rule.per.key || rule.per.route || rule.per.model) {
      throw unprocessable('this rule keeps one counter per key, route or model; its usage is reported per request in x-ratelimit-* headers');
    }
    const [requests, tokens] = await Promise.all([
      rule.requestsPerMinute === null ? null : this.store.windowUsage(`r:${rule.id}`, RATE_WINDOW_MS),
      rule.tokensPerMinute === null ? null : this.store.windowUsage(`t:${rule.id}`, RATE_WINDOW_MS),
    ]);
    return { counter: rule.id, requests, tokens };
  }

  async create(ctx: RequestContext, workspaceId: string, input: RateLimitInput): Promise<RateLimitDto> {
    return this.unique(() =>
      this.repository.transaction(async (manager) => {
        await this.checkKey(manager, workspaceId, input);
        const created = await this.repository.insert(manager, workspaceId, input, ctx.principal.subject);
        await this.audit.record(manager, ctx, { action: 'rate_limit.create', workspaceId, resourceType: 'rate_limit', resourceId: created.id, after: created });
        return created;
      }),
    );
  }

  async update(ctx: RequestContext, workspaceId: string, id: string, input: RateLimitInput): Promise<RateLimitDto> {
    return this.unique(() =>
      this.repository.transaction(async (manager) => {
        const before = await this.repository.get(manager, workspaceId, this.checkId(id), true);
        if (!before) throw notFound('rate limit');
        await this.checkKey(manager, workspaceId, input);
        const after = await this.repository.update(manager, workspaceId, id, input);
        await this.audit.record(manager, ctx, { action: 'rate_limit.update', workspaceId, resourceType: 'rate_limit', resourceId: id, before, after });
        return after;
      }),
    );
  }

  async delete(ctx: RequestContext, workspaceId: string, id: string): Promise<void> {
    await this.repository.transaction(async (manager) => {
      const before = await this.repository.get(manager, workspaceId, this.checkId(id), true);
      if (!before) throw notFound('rate limit');
      await this.repository.delete(manager, workspaceId, id);
      await this.audit.record(manager, ctx, { action: 'rate_limit.delete', workspaceId, resourceType: 'rate_limit', resourceId: id, before });
    });
  }

  private async find(workspaceId: string, id: string): Promise<RateLimitRow> {
    const rule = await this.repository.find(workspaceId, this.checkId(id));
    if (!rule) throw notFound('rate limit');
    return rule;
  }

  private checkId(id: string): string {
    if (!isUuid(id)) throw notFound('rate limit');
    return id;
  }

  private async checkKey(manager: EntityManager, workspaceId: string, input: RateLimitInput): Promise<void> {
    if (input.match.apiKeyId && !(await this.repository.keyInWorkspace(manager, workspaceId, input.match.apiKeyId))) {
      throw unprocessable('match.apiKeyId names no API key of this workspace', { apiKeyId: input.match.apiKeyId });
    }
  }

  private async unique<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('a rate limit with this name already exists in the workspace');
      throw error;
    }
  }
}
