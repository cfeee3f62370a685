import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, Ctx, RequirePermission, RequireSuperadmin } from '../../auth/decorators';
import type { RequestContext } from '../../auth/principal';
import { parseBody } from '../../common/http/problems';
import { CreateWorkspaceDto, createWorkspaceSchema, UpdateWorkspaceDto, updateWorkspaceSchema, WorkspaceDto } from './workspace.dto';
import { WorkspacesService } from './workspaces.service';

@ApiTags('workspaces')
@Controller('admin/workspaces')
export class WorkspacesController {
  constructor(private readonly service: WorkspacesService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: "The caller's workspaces with their role (a superadmin sees all)" })
  @ApiOkResponse({ type: [WorkspaceDto] })
  list(@Ctx() ctx: RequestContext): Promise<WorkspaceDto[]> {
    return this.service.list(ctx);
  }

  @Post()
  @RequireSuperadmin()
  @ApiOperation({ summary: 'Create a workspace with its first owner' })
  @ApiCreatedResponse({ type: WorkspaceDto })
  @ApiConflictResponse({ description: 'The slug is taken' })
  create(@Ctx() ctx: RequestContext, @Body() body: CreateWorkspaceDto): Promise<WorkspaceDto> {
    return this.service.create(ctx, parseBody(createWorkspaceSchema, body));
  }

  @Get(':workspaceId')
  @RequirePermission('workspace', 'read')
  @ApiOkResponse({ type: WorkspaceDto })
  @ApiNotFoundResponse({ description: 'No such workspace, or the caller is not a member' })
  get(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string): Promise<WorkspaceDto> {
    return this.service.get(ctx, workspaceId);
  }

  @Patch(':workspaceId')
  @RequirePermission('workspace', 'write')
  @ApiOkResponse({ type: WorkspaceDto })
  update(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Body() body: UpdateWorkspaceDto): Promise<WorkspaceDto> {
    return this.service.update(ctx, workspaceId, parseBody(updateWorkspaceSchema, body));
  }

  @Delete(':workspaceId')
  @HttpCode(204)
  @RequirePermission('workspace', 'write')
  @ApiOperation({ summary: 'Delete a workspace and everything in it (never the last one)' })
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'It is the last workspace' })
  delete(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string): Promise<void> {
    return this.service.delete(ctx, workspaceId);
  }
}
