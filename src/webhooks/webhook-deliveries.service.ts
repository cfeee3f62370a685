import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditTrail } from '../audit/audit-log/audit-trail';
import type { RequestContext } from '../auth/principal';
import { ErrorCode, PorticoError } from '../common/errors';
import { isUuid, notFound } from '../common/http/problems';
import { TEST_EVENT_TYPE } from './event-types';
import type { DeliveriesQuery, WebhookDeliveryDto } from './webhooks.dto';
import { type AttemptRow, type DeliveryRow, WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { type WebhookEndpointRow, WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { WebhookOutbox } from './webhook-outbox';

/** What an endpoint was sent and how each attempt went; redelivery and the test event. */
@Injectable()
export class WebhookDeliveriesService {
  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly outbox: WebhookOutbox,
    private readonly audit: AuditTrail,
  ) {}

  async list(_ctx: RequestContext, workspaceId: string, endpointId: string, query: DeliveriesQuery): Promise<WebhookDeliveryDto[]> {
    if (!isUuid(endpointId) || !(await this.endpoints.find(workspaceId, endpointId))) throw notFound('webhook endpoint');
    const rows = await this.deliveries.listForEndpoint(workspaceId, endpointId, query);
    const attempts = await this.deliveries.attemptsOf(rows.map((row) => row.id));
    return rows.map((row) => toDto(row, attempts.filter((attempt) => attempt.deliveryId === row.id)));
  }

  /** Sends the delivery's event again to the endpoint, as a new delivery with the same `webhook-id`. */
  async redeliver(ctx: RequestContext, workspaceId: string, endpointId: string, deliveryId: string): Promise<WebhookDeliveryDto> {
    return this.onEnabledEndpoint(workspaceId, endpointId, async (manager, endpoint) => {
      const original = isUuid(deliveryId) ? await this.deliveries.find(workspaceId, endpointId, deliveryId, manager) : null;
      if (!original) throw notFound('webhook delivery');
      const [id] = await this.deliveries.insertDeliveries(manager, workspaceId, original.eventId, [endpoint.id]);
      const delivery = await this.load(manager, workspaceId, endpointId, id);
      await this.audit.record(manager, ctx, {
        action: 'webhook_delivery.redeliver',
        workspaceId,
        resourceType: 'webhook_delivery',
        resourceId: id,
        after: { id, redeliveryOf: original.id, endpointId, eventId: original.eventId, eventType: original.eventType },
      });
      return delivery;
    });
  }

  /** A `webhook.test` event to this endpoint only, whatever its filters. */
  async sendTest(ctx: RequestContext, workspaceId: string, endpointId: string): Promise<WebhookDeliveryDto> {
    return this.onEnabledEndpoint(workspaceId, endpointId, async (manager, endpoint) => {
      const data = { endpointId: endpoint.id, message: 'A test event from Portico: verify its signature with your endpoint secret.' };
      const [id] = await this.outbox.enqueueTo(manager, { workspaceId, type: TEST_EVENT_TYPE, data }, [endpoint.id]);
      const delivery = await this.load(manager, workspaceId, endpointId, id);
      await this.audit.record(manager, ctx, {
        action: 'webhook_endpoint.test',
        workspaceId,
        resourceType: 'webhook_endpoint',
        resourceId: endpointId,
        after: { deliveryId: id, eventId: delivery.event.id, eventType: TEST_EVENT_TYPE },
      });
      return delivery;
    });
  }

  private onEnabledEndpoint<T>(workspaceId: string, endpointId: string, work: (manager: EntityManager, endpoint: WebhookEndpointRow) => Promise<T>): Promise<T> {
    if (!isUuid(endpointId)) throw notFound('webhook endpoint');
    return this.deliveries.transaction(async (manager) => {
      const endpoint = await this.endpoints.find(workspaceId, endpointId, manager);
      if (!endpoint) throw notFound('webhook endpoint');
      if (!endpoint.enabled) {
        throw new PorticoError(ErrorCode.WEBHOOK_ENDPOINT_DISABLED, 'the webhook endpoint is disabled; enable it first', { status: 409, details: { endpointId } });
      }
      return work(manager, endpoint);
    });
  }

  private async load(manager: EntityManager, workspaceId: string, endpointId: string, deliveryId: string): Promise<WebhookDeliveryDto> {
    return toDto((await this.deliveries.find(workspaceId, endpointId, deliveryId, manager))!, []);
  }

}

function toDto(row: DeliveryRow, attempts: AttemptRow[]): WebhookDeliveryDto {
  return {
    id: row.id,
    endpointId: row.endpointId,
    event: { id: row.eventId, type: row.eventType, createdAt: row.eventCreatedAt, payload: JSON.parse(row.body) as Record<string, unknown> },
    status: row.status,
    attemptCount: row.attemptCount,
    nextAttemptAt: row.nextAttemptAt,
    lastAttemptAt: row.lastAttemptAt,
    completedAt: row.completedAt,
    createdAt: row.createdAt,
    attempts: attempts.map(({ deliveryId: _delivery, ...attempt }) => attempt),
  };
}
