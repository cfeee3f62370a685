import { Injectable } from '@nestjs/common';
import { AuditTrail } from '../../audit/audit-log/audit-trail';
import type { RequestContext } from '../../auth/principal';
import { unprocessable } from '../../common/http/problems';
import { PluginHost } from '../../plugin-host/plugin-host';
import type { ModelPriceEntity } from './model-price.entity';
import type { CreatePriceInput, PriceDto } from './prices.dto';
import { PricesRepository, toPrice } from './prices.repository';

/** A version may start a little in the past (clock skew, a slow request), never rewrite history. */
export const MAX_BACKDATE_MS = 60_000;

/**
 * Model prices: Portico-wide defaults (superadmins) and a workspace's own versions, which override
 * the default for that workspace. Append-only: every change is a new version with its
 * `effectiveFrom`, so the cost of any past call can be recomputed.
 */
@Injectable()
export class PricesService {
  constructor(
    private readonly repository: PricesRepository,
    private readonly plugins: PluginHost,
    private readonly audit: AuditTrail,
  ) {}

  async inForce(_ctx: RequestContext, workspaceId: string): Promise<PriceDto[]> {
    return (await this.repository.inForce(workspaceId, new Date())).map(toDto);
  }

  async history(_ctx: RequestContext, workspaceId: string, filter: { pluginId?: string; model?: string }): Promise<PriceDto[]> {
    return (await this.repository.history(workspaceId, filter)).map(toDto);
  }

  addWorkspaceVersion(ctx: RequestContext, workspaceId: string, input: CreatePriceInput): Promise<PriceDto> {
    return this.addVersion(ctx, workspaceId, input);
  }

  addDefaultVersion(ctx: RequestContext, input: CreatePriceInput): Promise<PriceDto> {
    return this.addVersion(ctx, null, input);
  }

  private async addVersion(ctx: RequestContext, workspaceId: string | null, input: CreatePriceInput): Promise<PriceDto> {
    const now = Date.now();
    const effectiveFrom = input.effectiveFrom ?? new Date(now);
    if (effectiveFrom.getTime() < now - MAX_BACKDATE_MS) {
      throw unprocessable('effectiveFrom may not be in the past: prices are versioned, add a version that starts now or later', { effectiveFrom });
    }
    if (!this.plugins.getProvider(input.pluginId)) throw unprocessable(`no provider plugin "${input.pluginId}" is loaded`, { pluginId: input.pluginId });
    const { currency: _usd, ...values } = input;
    const row = await this.repository.transaction(async (manager) => {
      const row = await this.repository.insert(manager, workspaceId, { ...values, effectiveFrom, createdBy: ctx.principal.subject });
      await this.audit.record(manager, ctx, { action: 'price.create', workspaceId, resourceType: 'price', resourceId: row.id, after: toDto(row) });
      return row;
    });
    return toDto(row);
  }
}

function toDto(row: ModelPriceEntity): PriceDto {
  return { ...toPrice(row), source: row.workspaceId ? 'workspace' : 'default' };
}
