import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, RequirePermission } from '../../auth/decorators';
import type { RequestContext } from '../../auth/principal';
import { WorkspaceModelDto } from './routes.dto';
import { WorkspaceModelsService } from './workspace-models.service';

@ApiTags('routes')
@Controller('admin/workspaces/:workspaceId/models')
export class WorkspaceModelsController {
  constructor(private readonly service: WorkspaceModelsService) {}

  @Get()
  @RequirePermission('providers', 'read')
  @ApiOperation({ summary: 'Every model name the workspace can call: route aliases and `<account>/<model>` of its enabled accounts' })
  @ApiOkResponse({ type: [WorkspaceModelDto] })
  list(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string): Promise<WorkspaceModelDto[]> {
    return this.service.list(ctx, workspaceId);
  }
}
