import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Ctx, RequirePermission } from '../../auth/decorators';
import type { RequestContext } from '../../auth/principal';
import { parseBody } from '../../common/http/problems';
import { diffQuerySchema, VersionDiffDto } from '../playground/playground.dto';
import { CreateVersionDto, createVersionSchema, PromptVersionDto } from '../prompts.dto';
import { PromptVersionsService } from './prompt-versions.service';

@ApiTags('prompts')
@Controller('admin/workspaces/:workspaceId/prompts/:slug')
export class PromptVersionsController {
  constructor(private readonly service: PromptVersionsService) {}

  @Get('versions')
  @RequirePermission('prompts', 'read')
  @ApiOperation({ summary: 'Every version of a prompt, oldest first' })
  @ApiOkResponse({ type: [PromptVersionDto] })
  list(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('slug') slug: string): Promise<PromptVersionDto[]> {
    return this.service.list(ctx, workspaceId, slug);
  }

  @Post('versions')
  @RequirePermission('prompts', 'write')
  @ApiOperation({ summary: 'Save the next version (immutable once saved: there is no route to change or delete one)' })
  @ApiCreatedResponse({ type: PromptVersionDto })
  @ApiBadRequestResponse({ description: '`PORTICO_ERR_PROMPT_TEMPLATE_INVALID` with `details.issues`, e.g. a template variable missing from the input schema' })
  @ApiConflictResponse({ description: '`PORTICO_ERR_PROMPT_VERSION_CONFLICT`: `baseVersion` is not the latest version any more' })
  create(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('slug') slug: string, @Body() body: CreateVersionDto): Promise<PromptVersionDto> {
    return this.service.create(ctx, workspaceId, slug, parseBody(createVersionSchema, body));
  }

  @Get('versions/:version')
  @RequirePermission('prompts', 'read')
  @ApiOperation({ summary: 'One version by number' })
  @ApiOkResponse({ type: PromptVersionDto })
  @ApiNotFoundResponse()
  get(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('slug') slug: string, @Param('version') version: string): Promise<PromptVersionDto> {
    return this.service.get(ctx, workspaceId, slug, version);
  }

  @Get('diff')
  @RequirePermission('prompts', 'read')
  @ApiOperation({ summary: 'What changed between two versions: a line diff of the templates and a field diff of model, parameters and schemas' })
  @ApiQuery({ name: 'from', required: false, description: 'Version number; default: the one before `to`' })
  @ApiQuery({ name: 'to', required: false, description: 'Version number; default: the latest' })
  @ApiOkResponse({ type: VersionDiffDto })
  diff(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('slug') slug: string, @Query() query: Record<string, string>): Promise<VersionDiffDto> {
    return this.service.diff(ctx, workspaceId, slug, parseBody(diffQuerySchema, query));
  }
}
