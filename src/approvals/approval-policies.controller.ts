import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, RequirePermission } from '../auth/decorators';
import type { RequestContext } from '../auth/principal';
import { parseBody } from '../common/http/problems';
import { ApprovalPoliciesService } from './approval-policies.service';
import { ApprovalPolicyDto, PutApprovalPolicyDto, putPolicySchema } from './approvals.dto';

const UNKNOWN_KIND = { description: 'PORTICO_ERR_APPROVAL_KIND_UNKNOWN: no such approval kind' };

@ApiTags('approvals')
@Controller('admin/workspaces/:workspaceId/approval-policies')
export class ApprovalPoliciesController {
  constructor(private readonly service: ApprovalPoliciesService) {}

  @Get()
  @RequirePermission('approvals', 'read')
  @ApiOperation({ summary: 'The approval policy in force for every kind' })
  @ApiOkResponse({ type: [ApprovalPolicyDto] })
  list(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string): Promise<ApprovalPolicyDto[]> {
    return this.service.list(ctx, workspaceId);
  }

  @Get(':kind')
  @RequirePermission('approvals', 'read')
  @ApiOperation({ summary: "One kind's approval policy (the defaults when the workspace stored none)" })
  @ApiOkResponse({ type: ApprovalPolicyDto })
  @ApiNotFoundResponse(UNKNOWN_KIND)
  get(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('kind') kind: string): Promise<ApprovalPolicyDto> {
    return this.service.get(ctx, workspaceId, kind);
  }

  @Put(':kind')
  @RequirePermission('approvals', 'write')
  @ApiOperation({ summary: "Replace a kind's approval policy (omitted fields take their defaults)" })
  @ApiOkResponse({ type: ApprovalPolicyDto })
  @ApiNotFoundResponse(UNKNOWN_KIND)
  @ApiForbiddenResponse({ description: 'The caller does not hold the permission that approves the kind (before or after the change)' })
  put(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('kind') kind: string, @Body() body: PutApprovalPolicyDto): Promise<ApprovalPolicyDto> {
    return this.service.put(ctx, workspaceId, kind, parseBody(putPolicySchema, body));
  }
}
