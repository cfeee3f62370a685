import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, RequirePermission } from '../auth/decorators';
import type { RequestContext } from '../auth/principal';
import { parseBody } from '../common/http/problems';
import { CreatePromptDto, createPromptSchema, PromptDto, UpdatePromptDto, updatePromptSchema } from './prompts.dto';
import { PromptsService } from './prompts.service';

@ApiTags('prompts')
@Controller('admin/workspaces/:workspaceId/prompts')
export class PromptsController {
  constructor(private readonly service: PromptsService) {}

  @Get()
  @RequirePermission('prompts', 'read')
  @ApiOperation({ summary: "The workspace's prompts with their labels" })
  @ApiOkResponse({ type: [PromptDto] })
  list(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string): Promise<PromptDto[]> {
    return this.service.list(ctx, workspaceId);
  }

  @Post()
  @RequirePermission('prompts', 'write')
  @ApiOperation({ summary: 'Create a prompt, optionally with its version 1' })
  @ApiCreatedResponse({ type: PromptDto })
  @ApiBadRequestResponse({ description: '`PORTICO_ERR_PROMPT_TEMPLATE_INVALID`: a template does not parse, uses partials, or reads variables the input schema does not declare (`details.issues`)' })
  @ApiConflictResponse({ description: 'The slug is taken in this workspace' })
  create(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Body() body: CreatePromptDto): Promise<PromptDto> {
    return this.service.create(ctx, workspaceId, parseBody(createPromptSchema, body));
  }

  @Get(':slug')
  @RequirePermission('prompts', 'read')
  @ApiOperation({ summary: 'One prompt with its labels' })
  @ApiOkResponse({ type: PromptDto })
  @ApiNotFoundResponse()
  get(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('slug') slug: string): Promise<PromptDto> {
    return this.service.get(ctx, workspaceId, slug);
  }

  @Patch(':slug')
  @RequirePermission('prompts', 'write')
  @ApiOperation({ summary: "Rename a prompt or change its description (versions are immutable: save a new one)" })
  @ApiOkResponse({ type: PromptDto })
  update(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('slug') slug: string, @Body() body: UpdatePromptDto): Promise<PromptDto> {
    return this.service.update(ctx, workspaceId, slug, parseBody(updatePromptSchema, body));
  }

  @Delete(':slug')
  @HttpCode(204)
  @RequirePermission('prompts', 'write')
  @ApiOperation({ summary: 'Delete a prompt with all its versions and labels' })
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: '`PORTICO_ERR_PROMPT_IN_USE`: an API version (any state) is served by it (`details.apiVersions`)' })
  delete(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('slug') slug: string): Promise<void> {
    return this.service.delete(ctx, workspaceId, slug);
  }
}
