import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Ctx, RequirePermission } from '../auth/decorators';
import type { RequestContext } from '../auth/principal';
import { parseBody } from '../common/http/problems';
import {
  CreateWebhookDto,
  createWebhookSchema,
  RotateSecretDto,
  rotateSecretSchema,
  UpdateWebhookDto,
  updateWebhookSchema,
  WebhookDeliveryDto,
  WebhookEndpointDto,
  WebhookEndpointWithSecretDto,
} from './webhooks.dto';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { WebhookEndpointsService } from './webhook-endpoints.service';

const URL_REFUSED = 'PORTICO_ERR_WEBHOOK_URL_REFUSED: not http(s), carries credentials, or resolves to a private, loopback or link-local address';

@ApiTags('webhooks')
@Controller('admin/workspaces/:workspaceId/webhooks')
export class WebhookEndpointsController {
  constructor(
    private readonly endpoints: WebhookEndpointsService,
    private readonly deliveries: WebhookDeliveriesService,
  ) {}

  @Get()
  @RequirePermission('webhooks', 'read')
  @ApiOperation({ summary: "The workspace's webhook endpoints (secrets masked)" })
  @ApiOkResponse({ type: [WebhookEndpointDto] })
  list(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string): Promise<WebhookEndpointDto[]> {
    return this.endpoints.list(ctx, workspaceId);
  }

  @Post()
  @RequirePermission('webhooks', 'write')
  @ApiOperation({ summary: 'Add an endpoint; the answer shows its signing secret, once' })
  @ApiCreatedResponse({ type: WebhookEndpointWithSecretDto })
  @ApiUnprocessableEntityResponse({ description: URL_REFUSED })
  create(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Body() body: CreateWebhookDto): Promise<WebhookEndpointWithSecretDto> {
    return this.endpoints.create(ctx, workspaceId, parseBody(createWebhookSchema, body));
  }

  @Get(':webhookId')
  @RequirePermission('webhooks', 'read')
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiNotFoundResponse()
  get(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('webhookId') webhookId: string): Promise<WebhookEndpointDto> {
    return this.endpoints.get(ctx, workspaceId, webhookId);
  }

  @Patch(':webhookId')
  @RequirePermission('webhooks', 'write')
  @ApiOperation({ summary: 'Change the URL, description, event types or enabled flag' })
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiUnprocessableEntityResponse({ description: URL_REFUSED })
  update(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('webhookId') webhookId: string, @Body() body: UpdateWebhookDto): Promise<WebhookEndpointDto> {
    return this.endpoints.update(ctx, workspaceId, webhookId, parseBody(updateWebhookSchema, body));
  }

  @Delete(':webhookId')
  @HttpCode(204)
  @RequirePermission('webhooks', 'write')
  @ApiOperation({ summary: 'Remove an endpoint with its deliveries' })
  @ApiNoContentResponse()
  delete(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('webhookId') webhookId: string): Promise<void> {
    return this.endpoints.delete(ctx, workspaceId, webhookId);
  }

  @Post(':webhookId/rotate-secret')
  @HttpCode(200)
  @RequirePermission('webhooks', 'write')
  @ApiOperation({ summary: 'Replace the signing secret (shown once); the old one keeps signing alongside for `graceSeconds` (default 24 h)' })
  @ApiOkResponse({ type: WebhookEndpointWithSecretDto })
  rotateSecret(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('webhookId') webhookId: string, @Body() body: RotateSecretDto): Promise<WebhookEndpointWithSecretDto> {
    return this.endpoints.rotateSecret(ctx, workspaceId, webhookId, parseBody(rotateSecretSchema, body));
  }

  @Post(':webhookId/test')
  @HttpCode(202)
  @RequirePermission('webhooks', 'write')
  @ApiOperation({ summary: 'Send a `webhook.test` event to this endpoint, whatever its event types' })
  @ApiAcceptedResponse({ type: WebhookDeliveryDto })
  @ApiConflictResponse({ description: 'PORTICO_ERR_WEBHOOK_ENDPOINT_DISABLED' })
  test(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('webhookId') webhookId: string): Promise<WebhookDeliveryDto> {
    return this.deliveries.sendTest(ctx, workspaceId, webhookId);
  }
}
