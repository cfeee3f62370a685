import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Ctx, RequirePermission } from '../../auth/decorators';
import type { RequestContext } from '../../auth/principal';
import { parseBody } from '../../common/http/problems';
import { RateLimitBodyDto, RateLimitDto, rateLimitSchema, RateLimitUsageDto } from './rate-limits.dto';
import { RateLimitsService } from './rate-limits.service';

@ApiTags('rate limits')
@Controller('admin/workspaces/:workspaceId/rate-limits')
export class RateLimitsController {
  constructor(private readonly service: RateLimitsService) {}

  @Get()
  @RequirePermission('budgets', 'read')
  @ApiOperation({ summary: "The workspace's rate-limit rules" })
  @ApiOkResponse({ type: [RateLimitDto] })
  list(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string): Promise<RateLimitDto[]> {
    return this.service.list(ctx, workspaceId);
  }

  @Post()
  @RequirePermission('budgets', 'write')
  @ApiOperation({ summary: 'Add a rule: requests/min, tokens/min and/or concurrent requests, for matching requests, optionally per key, route or model' })
  @ApiCreatedResponse({ type: RateLimitDto })
  @ApiConflictResponse({ description: 'A rule with this name exists' })
  @ApiUnprocessableEntityResponse({ description: 'match.apiKeyId is not a key of this workspace' })
  create(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Body() body: RateLimitBodyDto): Promise<RateLimitDto> {
    return this.service.create(ctx, workspaceId, parseBody(rateLimitSchema, body));
  }

  @Get(':id')
  @RequirePermission('budgets', 'read')
  @ApiOperation({ summary: 'One rule' })
  @ApiOkResponse({ type: RateLimitDto })
  get(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('id') id: string): Promise<RateLimitDto> {
    return this.service.get(ctx, workspaceId, id);
  }

  @Get(':id/usage')
  @RequirePermission('budgets', 'read')
  @ApiOperation({ summary: "An unsplit rule's current use of its sliding minute (shared across replicas with Redis)" })
  @ApiOkResponse({ type: RateLimitUsageDto })
  usage(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('id') id: string): Promise<RateLimitUsageDto> {
    return this.service.usage(ctx, workspaceId, id);
  }

  @Put(':id')
  @RequirePermission('budgets', 'write')
  @ApiOperation({ summary: 'Replace a rule (takes effect on every replica within about a second)' })
  @ApiOkResponse({ type: RateLimitDto })
  update(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('id') id: string, @Body() body: RateLimitBodyDto): Promise<RateLimitDto> {
    return this.service.update(ctx, workspaceId, id, parseBody(rateLimitSchema, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('budgets', 'write')
  @ApiOperation({ summary: 'Remove a rule' })
  @ApiNoContentResponse()
  delete(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('id') id: string): Promise<void> {
    return this.service.delete(ctx, workspaceId, id);
  }
}
