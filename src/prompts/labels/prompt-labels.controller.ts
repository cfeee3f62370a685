import { Body, Controller, Get, Param, Put, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Ctx, RequirePermission } from '../../auth/decorators';
import type { RequestContext } from '../../auth/principal';
import { parseBody } from '../../common/http/problems';
import { LabelDto } from '../prompts.dto';
import { LabelMoveDto, MoveLabelDto, moveLabelSchema } from './labels.dto';
import { PromptLabelsService } from './prompt-labels.service';

@ApiTags('prompts')
@Controller('admin/workspaces/:workspaceId/prompts/:slug/labels')
export class PromptLabelsController {
  constructor(private readonly service: PromptLabelsService) {}

  @Get()
  @RequirePermission('prompts', 'read')
  @ApiOperation({ summary: "A prompt's labels and the versions (with weights) each points at" })
  @ApiOkResponse({ type: [LabelDto] })
  list(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('slug') slug: string): Promise<LabelDto[]> {
    return this.service.list(ctx, workspaceId, slug);
  }

  @Put(':label')
  @RequirePermission('prompts', 'write')
  @ApiOperation({
    summary: 'Point a label at a version, or split it between versions by weight (A/B); a rollback is a move back',
    description: '`production` is protected: the move files a `prompt_promotion` approval request (202) unless the workspace policy turned approvals off; other labels move at once (200).',
  })
  @ApiOkResponse({ type: LabelMoveDto, description: 'Moved' })
  @ApiAcceptedResponse({ type: LabelMoveDto, description: 'Waiting for approval: `approvalRequest` is the pending request' })
  @ApiUnprocessableEntityResponse({ description: 'A version that does not exist' })
  async move(
    @Ctx() ctx: RequestContext,
    @Param('workspaceId') workspaceId: string,
    @Param('slug') slug: string,
    @Param('label') label: string,
    @Body() body: MoveLabelDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LabelMoveDto> {
    const moved = await this.service.move(ctx, workspaceId, slug, label, parseBody(moveLabelSchema, body));
    void reply.status(moved.status);
    return moved.body;
  }
}
