import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Ctx, RequirePermission } from '../../auth/decorators';
import type { RequestContext } from '../../auth/principal';
import { parseBody } from '../../common/http/problems';
import {
  ListSubscriptionsQueryDto,
  listSubscriptionsSchema,
  RequestSubscriptionDto,
  requestSubscriptionSchema,
  RevokeSubscriptionDto,
  revokeSubscriptionSchema,
  SubscriptionDto,
} from './subscriptions.dto';
import { SubscriptionsService } from './subscriptions.service';

@ApiTags('subscriptions')
@Controller('admin/workspaces/:workspaceId/subscriptions')
export class SubscriptionsController {
  constructor(private readonly service: SubscriptionsService) {}

  @Post()
  @RequirePermission('subscriptions', 'write')
  @ApiOperation({ summary: 'Request access to a published API product: files a `subscription` approval request per the workspace policy (active at once when the policy is off)' })
  @ApiCreatedResponse({ type: SubscriptionDto, description: '`state` is `pending` (approval filed, see `approvalRequestId`) or `active`' })
  @ApiNotFoundResponse({ description: 'No API product with this slug in the workspace' })
  @ApiConflictResponse({ description: 'PORTICO_ERR_SUBSCRIPTION_EXISTS: the subscriber holds a pending or active subscription (`details.subscriptionId`)' })
  @ApiUnprocessableEntityResponse({ description: 'The product has no published version, the expiry is past, or the service account is unknown' })
  request(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Body() body: RequestSubscriptionDto): Promise<SubscriptionDto> {
    return this.service.request(ctx, workspaceId, parseBody(requestSubscriptionSchema, body));
  }

  @Get()
  @RequirePermission('subscriptions', 'read')
  @ApiOperation({ summary: "The workspace's subscriptions, newest first; `mine=true`: those I requested or hold" })
  @ApiOkResponse({ type: [SubscriptionDto] })
  list(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Query() query: ListSubscriptionsQueryDto): Promise<SubscriptionDto[]> {
    return this.service.list(ctx, workspaceId, parseBody(listSubscriptionsSchema, query));
  }

  @Get(':id')
  @RequirePermission('subscriptions', 'read')
  @ApiOperation({ summary: 'One subscription' })
  @ApiOkResponse({ type: SubscriptionDto })
  @ApiNotFoundResponse()
  get(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('id') id: string): Promise<SubscriptionDto> {
    return this.service.get(ctx, workspaceId, id);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @RequirePermission('subscriptions', 'approve')
  @ApiOperation({ summary: "Revoke a pending or active subscription: the subscriber's keys stop on every process within a second" })
  @ApiOkResponse({ type: SubscriptionDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'PORTICO_ERR_SUBSCRIPTION_NOT_REVOCABLE: it is already rejected, revoked or expired' })
  revoke(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('id') id: string, @Body() body: RevokeSubscriptionDto): Promise<SubscriptionDto> {
    return this.service.revoke(ctx, workspaceId, id, parseBody(revokeSubscriptionSchema, body));
  }
}
