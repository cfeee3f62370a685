import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Authenticated, Ctx, RequirePermission } from '../auth/decorators';
import type { RequestContext } from '../auth/principal';
import { parseBody } from '../common/http/problems';
import { CreateGuardBindingDto, createGuardBindingSchema, GuardBindingDto, GuardPluginDto, UpdateGuardBindingDto, updateGuardBindingSchema } from './guard-bindings.dto';
import { GuardBindingsService } from './guard-bindings.service';

@ApiTags('guards')
@Controller('admin/guards')
export class GuardPluginsController {
  constructor(private readonly service: GuardBindingsService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'The guard plugins this Portico loaded, by priority, with the schema of their binding config' })
  @ApiOkResponse({ type: [GuardPluginDto] })
  list(@Ctx() ctx: RequestContext): GuardPluginDto[] {
    return this.service.guards(ctx);
  }
}

@ApiTags('guards')
@Controller('admin/workspaces/:workspaceId/guard-bindings')
export class GuardBindingsController {
  constructor(private readonly service: GuardBindingsService) {}

  @Get()
  @RequirePermission('guards', 'read')
  @ApiOperation({ summary: "The workspace's guard bindings" })
  @ApiOkResponse({ type: [GuardBindingDto] })
  list(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string): Promise<GuardBindingDto[]> {
    return this.service.list(ctx, workspaceId);
  }

  @Post()
  @RequirePermission('guards', 'write')
  @ApiOperation({ summary: 'Bind a guard to the workspace, a route alias, an API key or a prompt API' })
  @ApiCreatedResponse({ type: GuardBindingDto })
  @ApiConflictResponse({ description: 'The guard is already bound to that target' })
  @ApiUnprocessableEntityResponse({ description: 'Unknown guard, unknown target, or a config its binding schema refuses' })
  create(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Body() body: CreateGuardBindingDto): Promise<GuardBindingDto> {
    return this.service.create(ctx, workspaceId, parseBody(createGuardBindingSchema, body));
  }

  @Get(':id')
  @RequirePermission('guards', 'read')
  @ApiOperation({ summary: 'One guard binding' })
  @ApiOkResponse({ type: GuardBindingDto })
  get(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('id') id: string): Promise<GuardBindingDto> {
    return this.service.get(ctx, workspaceId, id);
  }

  @Patch(':id')
  @RequirePermission('guards', 'write')
  @ApiOperation({ summary: "Change a binding's config, fail mode, time budget or enabled flag" })
  @ApiOkResponse({ type: GuardBindingDto })
  update(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('id') id: string, @Body() body: UpdateGuardBindingDto): Promise<GuardBindingDto> {
    return this.service.update(ctx, workspaceId, id, parseBody(updateGuardBindingSchema, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('guards', 'write')
  @ApiOperation({ summary: 'Remove a binding' })
  @ApiNoContentResponse()
  delete(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('id') id: string): Promise<void> {
    return this.service.delete(ctx, workspaceId, id);
  }
}
