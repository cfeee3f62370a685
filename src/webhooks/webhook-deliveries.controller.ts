import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Ctx, RequirePermission } from '../auth/decorators';
import type { RequestContext } from '../auth/principal';
import { parseBody } from '../common/http/problems';
import { deliveriesQuerySchema, WebhookDeliveryDto } from './webhooks.dto';
import { WebhookDeliveriesService } from './webhook-deliveries.service';

@ApiTags('webhooks')
@Controller('admin/workspaces/:workspaceId/webhooks/:webhookId/deliveries')
export class WebhookDeliveriesController {
  constructor(private readonly service: WebhookDeliveriesService) {}

  @Get()
  @RequirePermission('webhooks', 'read')
  @ApiOperation({ summary: "The endpoint's most recent deliveries, newest first, with every attempt" })
  @ApiQuery({ name: 'status', required: false, enum: ['pending', 'delivered', 'failed'] })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 } })
  @ApiOkResponse({ type: [WebhookDeliveryDto] })
  @ApiNotFoundResponse()
  list(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('webhookId') webhookId: string, @Query() query: unknown): Promise<WebhookDeliveryDto[]> {
    return this.service.list(ctx, workspaceId, webhookId, parseBody(deliveriesQuerySchema, query));
  }

  @Post(':deliveryId/redeliver')
  @HttpCode(202)
  @RequirePermission('webhooks', 'write')
  @ApiOperation({ summary: 'Send the same event again (same `webhook-id`), as a new delivery' })
  @ApiAcceptedResponse({ type: WebhookDeliveryDto })
  @ApiConflictResponse({ description: 'PORTICO_ERR_WEBHOOK_ENDPOINT_DISABLED' })
  @ApiNotFoundResponse()
  redeliver(
    @Ctx() ctx: RequestContext,
    @Param('workspaceId') workspaceId: string,
    @Param('webhookId') webhookId: string,
    @Param('deliveryId') deliveryId: string,
  ): Promise<WebhookDeliveryDto> {
    return this.service.redeliver(ctx, workspaceId, webhookId, deliveryId);
  }
}
