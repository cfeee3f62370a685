import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../auth/principal';
import { ProviderAccountSnapshot } from '../../providers/provider-account-snapshot';
import { ModelsCatalog } from '../models-catalog';
import type { WorkspaceModelDto } from './routes.dto';
import { RoutesRepository } from './routes.repository';

/** What a workspace can put in `model`: `<account>/<model>` of its enabled accounts, and its route aliases. */
@Injectable()
export class WorkspaceModelsService {
  constructor(
    private readonly catalog: ModelsCatalog,
    private readonly accounts: ProviderAccountSnapshot,
    private readonly routes: RoutesRepository,
  ) {}

  async list(_ctx: RequestContext, workspaceId: string): Promise<WorkspaceModelDto[]> {
    const [models, routes] = await Promise.all([this.catalog.list(workspaceId), this.routes.list(workspaceId)]);
    const direct = models.map((model): WorkspaceModelDto => {
      const account = model.id.slice(0, model.id.indexOf('/'));
      return {
        id: model.id,
        type: 'model',
        account,
        pluginId: this.accounts.get(workspaceId, account)?.pluginId,
        ownedBy: model.owned_by,
        ...(model.capabilities && { capabilities: model.capabilities }),
        ...(model.context_window !== undefined && { contextWindow: model.context_window }),
        enabled: true,
      };
    });
    const aliases = routes.map((route): WorkspaceModelDto => ({ id: route.alias, type: 'route', strategy: route.strategy, description: route.description, enabled: route.enabled }));
    return [...aliases, ...direct];
  }
}
