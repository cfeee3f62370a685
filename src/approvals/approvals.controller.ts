import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Ctx, RequirePermission } from '../auth/decorators';
import type { RequestContext } from '../auth/principal';
import { parseBody } from '../common/http/problems';
import { ApprovalRequestsService } from './approval-requests.service';
import {
  ApprovalPageDto,
  ApprovalRequestDto,
  approveSchema,
  ApproveDto,
  CreateApprovalDto,
  createApprovalSchema,
  ListApprovalsQueryDto,
  listApprovalsSchema,
  RejectDto,
  rejectSchema,
} from './approvals.dto';

const DECIDED = 'PORTICO_ERR_APPROVAL_INVALID_TRANSITION: the request is no longer pending (decided, cancelled or expired); PORTICO_ERR_APPROVAL_ALREADY_DECIDED: you decided it before';
const NOT_APPROVER = "The caller lacks the kind's approver permission, or PORTICO_ERR_APPROVAL_SELF_APPROVAL: it is their own request (four eyes)";

@ApiTags('approvals')
@Controller('admin/workspaces/:workspaceId/approvals')
export class ApprovalsController {
  constructor(private readonly service: ApprovalRequestsService) {}

  @Post()
  @RequirePermission('approvals', 'write')
  @ApiOperation({ summary: 'File an approval request of a directly requestable kind (e.g. budget_increase); applied at once when the policy requires no approval' })
  @ApiCreatedResponse({ type: ApprovalRequestDto })
  @ApiConflictResponse({ description: 'PORTICO_ERR_APPROVAL_ALREADY_PENDING: a request for this subject is pending (`details.requestId`)' })
  @ApiUnprocessableEntityResponse({ description: 'PORTICO_ERR_APPROVAL_KIND_UNKNOWN, or the kind refused the subject' })
  create(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Body() body: CreateApprovalDto): Promise<ApprovalRequestDto> {
    return this.service.create(ctx, workspaceId, parseBody(createApprovalSchema, body));
  }

  @Get()
  @RequirePermission('approvals', 'read')
  @ApiOperation({ summary: "The workspace's approval requests, newest first: `mine=true` (filed by me), `toDecide=true` (pending, mine to decide)" })
  @ApiOkResponse({ type: ApprovalPageDto })
  list(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Query() query: ListApprovalsQueryDto): Promise<ApprovalPageDto> {
    return this.service.list(ctx, workspaceId, parseBody(listApprovalsSchema, query));
  }

  @Get(':id')
  @RequirePermission('approvals', 'read')
  @ApiOperation({ summary: 'One approval request with its decisions' })
  @ApiOkResponse({ type: ApprovalRequestDto })
  @ApiNotFoundResponse()
  get(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('id') id: string): Promise<ApprovalRequestDto> {
    return this.service.get(ctx, workspaceId, id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @RequirePermission('approvals', 'approve')
  @ApiOperation({ summary: "Approve: counts once per approver; the last approval the policy needs applies the change, in the same transaction" })
  @ApiOkResponse({ type: ApprovalRequestDto })
  @ApiForbiddenResponse({ description: NOT_APPROVER })
  @ApiConflictResponse({ description: DECIDED })
  approve(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('id') id: string, @Body() body: ApproveDto): Promise<ApprovalRequestDto> {
    return this.service.approve(ctx, workspaceId, id, parseBody(approveSchema, body).comment);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @RequirePermission('approvals', 'approve')
  @ApiOperation({ summary: 'Reject, with a comment: one rejection closes the request' })
  @ApiOkResponse({ type: ApprovalRequestDto })
  @ApiForbiddenResponse({ description: NOT_APPROVER })
  @ApiConflictResponse({ description: DECIDED })
  reject(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('id') id: string, @Body() body: RejectDto): Promise<ApprovalRequestDto> {
    return this.service.reject(ctx, workspaceId, id, parseBody(rejectSchema, body).comment);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequirePermission('approvals', 'read')
  @ApiOperation({ summary: 'Withdraw a pending request: its requester, or anyone with approvals:write' })
  @ApiOkResponse({ type: ApprovalRequestDto })
  @ApiForbiddenResponse({ description: 'Neither the requester nor holding approvals:write' })
  @ApiConflictResponse({ description: 'PORTICO_ERR_APPROVAL_INVALID_TRANSITION: the request is no longer pending' })
  cancel(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('id') id: string): Promise<ApprovalRequestDto> {
    return this.service.cancel(ctx, workspaceId, id);
  }
}
