import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBadGatewayResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Ctx, RequirePermission } from '../../auth/decorators';
import type { RequestContext } from '../../auth/principal';
import { parseBody } from '../../common/http/problems';
import { PromptAnalyticsService } from '../analytics/prompt-analytics.service';
import { analyticsQuerySchema, PromptAnalyticsDto, RenderDto, RenderedDto, renderSchema, TriedDto, TryDto, trySchema } from './playground.dto';
import { PromptPlaygroundService } from './prompt-playground.service';

@ApiTags('prompts')
@Controller('admin/workspaces/:workspaceId/prompts/:slug')
export class PromptPlaygroundController {
  constructor(
    private readonly playground: PromptPlaygroundService,
    private readonly analytics: PromptAnalyticsService,
  ) {}

  @Post('render')
  @HttpCode(200)
  @RequirePermission('prompts', 'read')
  @ApiOperation({ summary: 'Preview: render a version or label with variables (no model call)' })
  @ApiOkResponse({ type: RenderedDto })
  @ApiUnprocessableEntityResponse({ description: '`PORTICO_ERR_PROMPT_VARIABLES_INVALID`: `details.issues` lists every missing or ill-typed variable' })
  render(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('slug') slug: string, @Body() body: RenderDto): Promise<RenderedDto> {
    return this.playground.render(ctx, workspaceId, slug, parseBody(renderSchema, body));
  }

  @Post('try')
  @HttpCode(200)
  @RequirePermission('prompts', 'write')
  @ApiOperation({
    summary: "Render and call the model through the data plane's pipeline (limits, budgets, routing, retries, call log)",
    description: 'The call is metered and logged like a `/v1/chat/completions` call naming the prompt version; budgets of the workspace and the caller apply.',
  })
  @ApiOkResponse({ type: TriedDto })
  @ApiUnprocessableEntityResponse({ description: 'Variables that do not match the input schema, or a model with no target' })
  @ApiBadGatewayResponse({ description: '`PORTICO_ERR_PROMPT_TRY_FAILED`: the upstream failed (also 429, 503, 504 with their meaning)' })
  try(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('slug') slug: string, @Body() body: TryDto, @Req() request: FastifyRequest): Promise<TriedDto> {
    return this.playground.try(ctx, workspaceId, slug, parseBody(trySchema, body), request);
  }

  @Get('analytics')
  @RequirePermission('prompts', 'read')
  @ApiOperation({ summary: 'Per version: calls, errors, p50/p95 latency and cost, from the call logs' })
  @ApiQuery({ name: 'from', required: false, description: 'ISO 8601; default: 24 hours before `to`' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO 8601 (exclusive); default: now' })
  @ApiOkResponse({ type: PromptAnalyticsDto })
  perVersion(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('slug') slug: string, @Query() query: Record<string, string>): Promise<PromptAnalyticsDto> {
    return this.analytics.perVersion(ctx, workspaceId, slug, parseBody(analyticsQuerySchema, query));
  }
}
