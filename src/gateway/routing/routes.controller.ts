import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Ctx, RequirePermission } from '../../auth/decorators';
import type { RequestContext } from '../../auth/principal';
import { parseBody } from '../../common/http/problems';
import { CreateRouteDto, createRouteSchema, RouteDto, UpdateRouteDto, updateRouteSchema } from './routes.dto';
import { RoutesService } from './routes.service';

@ApiTags('routes')
@Controller('admin/workspaces/:workspaceId/routes')
export class RoutesController {
  constructor(private readonly service: RoutesService) {}

  @Get()
  @RequirePermission('routes', 'read')
  @ApiOkResponse({ type: [RouteDto] })
  list(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string): Promise<RouteDto[]> {
    return this.service.list(ctx, workspaceId);
  }

  @Post()
  @RequirePermission('routes', 'write')
  @ApiOperation({ summary: 'Define a model alias and the targets it fans out to' })
  @ApiCreatedResponse({ type: RouteDto })
  @ApiConflictResponse({ description: 'The alias is taken' })
  @ApiUnprocessableEntityResponse({ description: 'A target names a provider account that is not in this workspace' })
  create(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Body() body: CreateRouteDto): Promise<RouteDto> {
    return this.service.create(ctx, workspaceId, parseBody(createRouteSchema, body));
  }

  @Get(':route')
  @RequirePermission('routes', 'read')
  @ApiOperation({ summary: 'One route, by id or alias' })
  @ApiOkResponse({ type: RouteDto })
  @ApiNotFoundResponse()
  get(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('route') route: string): Promise<RouteDto> {
    return this.service.get(ctx, workspaceId, route);
  }

  @Patch(':route')
  @RequirePermission('routes', 'write')
  @ApiOperation({ summary: 'Update a route (by id or alias); `targets` and `policy`, when given, replace the old ones' })
  @ApiOkResponse({ type: RouteDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The new alias is taken' })
  @ApiUnprocessableEntityResponse({ description: 'A target names a provider account that is not in this workspace' })
  update(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('route') route: string, @Body() body: UpdateRouteDto): Promise<RouteDto> {
    return this.service.update(ctx, workspaceId, route, parseBody(updateRouteSchema, body));
  }

  @Delete(':route')
  @HttpCode(204)
  @RequirePermission('routes', 'write')
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  delete(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('route') route: string): Promise<void> {
    return this.service.delete(ctx, workspaceId, route);
  }
}
