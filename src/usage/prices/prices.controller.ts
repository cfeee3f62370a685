import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Ctx, RequirePermission, RequireSuperadmin } from '../../auth/decorators';
import type { RequestContext } from '../../auth/principal';
import { parseBody } from '../../common/http/problems';
import { CreatePriceDto, createPriceSchema, historyQuerySchema, PriceDto } from './prices.dto';
import { PricesService } from './prices.service';

@ApiTags('prices')
@Controller('admin/workspaces/:workspaceId/prices')
export class WorkspacePricesController {
  constructor(private readonly service: PricesService) {}

  @Get()
  @RequirePermission('budgets', 'read')
  @ApiOperation({ summary: "The price in force now for each model: the workspace's own version, else the Portico-wide default" })
  @ApiOkResponse({ type: [PriceDto] })
  list(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string): Promise<PriceDto[]> {
    return this.service.inForce(ctx, workspaceId);
  }

  @Get('history')
  @RequirePermission('budgets', 'read')
  @ApiOperation({ summary: "Every version this workspace sees (its own and the defaults), newest first" })
  @ApiQuery({ name: 'pluginId', required: false })
  @ApiQuery({ name: 'model', required: false })
  @ApiOkResponse({ type: [PriceDto] })
  history(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Query() query: unknown): Promise<PriceDto[]> {
    return this.service.history(ctx, workspaceId, parseBody(historyQuerySchema, query));
  }

  @Post()
  @RequirePermission('budgets', 'write')
  @ApiOperation({ summary: 'Add a version of a price for this workspace (e.g. a negotiated price); it overrides the default from `effectiveFrom`' })
  @ApiCreatedResponse({ type: PriceDto })
  @ApiUnprocessableEntityResponse({ description: 'Unknown plugin, or `effectiveFrom` in the past' })
  create(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Body() body: CreatePriceDto): Promise<PriceDto> {
    return this.service.addWorkspaceVersion(ctx, workspaceId, parseBody(createPriceSchema, body));
  }
}

@ApiTags('prices')
@Controller('admin/prices')
export class DefaultPricesController {
  constructor(private readonly service: PricesService) {}

  @Post()
  @RequireSuperadmin()
  @ApiOperation({ summary: 'Add a version of a Portico-wide default price' })
  @ApiCreatedResponse({ type: PriceDto })
  @ApiUnprocessableEntityResponse({ description: 'Unknown plugin, or `effectiveFrom` in the past' })
  create(@Ctx() ctx: RequestContext, @Body() body: CreatePriceDto): Promise<PriceDto> {
    return this.service.addDefaultVersion(ctx, parseBody(createPriceSchema, body));
  }
}
