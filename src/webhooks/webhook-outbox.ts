import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ErrorCode, PorticoError } from '../common/errors';
import { isUuid } from '../common/http/problems';
import { isEventType, matchesAnyEventType } from './event-types';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';

/** What a module announces: `type` is dot-separated (`budget.threshold_reached`), `data` any JSON value. */
export interface WebhookEventInput {
  workspaceId: string;
  type: string;
  data: unknown;
}

/** The JSON body of every delivery, byte for byte what is signed. */
export interface WebhookEnvelope<T = unknown> {
  /** Also the `webhook-id` header: the same on every attempt and redelivery. */
  id: string;
  type: string;
  /** ISO 8601, when the event was enqueued. */
  createdAt: string;
  workspaceId: string;
  data: T;
}

/** Bodies beyond this are refused: a webhook should carry ids and a summary, not documents. */
export const MAX_EVENT_BYTES = 256 * 1024;

/**
 * The transactional outbox. `enqueue` writes, inside the caller's transaction, the event and one
 * delivery per enabled endpoint of the workspace whose filters match: an event exists if and only
 * if the change that raised it committed. The dispatchers are woken on commit.
 *
 * @example
 * await this.repository.transaction(async (manager) => {
 *   const budget = await this.repository.recordSpend(manager, …);
 *   if (crossed) await this.outbox.enqueue(manager, { workspaceId, type: 'budget.threshold_reached', data: { budgetId: budget.id, threshold: 0.8 } });
 * });
 */
@Injectable()
export class WebhookOutbox {
  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
  ) {}

  async enqueue(manager: EntityManager, event: { workspaceId: string; type: string; data: unknown }): Promise<void> {
    const envelope = envelopeOf(event);
    const matching = (await this.endpoints.listEnabledFilters(manager, event.workspaceId)).filter((endpoint) => matchesAnyEventType(endpoint.eventTypes, event.type));
    if (matching.length === 0) return;
    await this.write(manager, envelope, matching.map((endpoint) => endpoint.id));
  }

  /** An event for exactly these endpoints of the workspace, whatever their filters (the test event). Answers the delivery ids. */
  async enqueueTo(manager: EntityManager, event: WebhookEventInput, endpointIds: readonly string[]): Promise<string[]> {
    return this.write(manager, envelopeOf(event), endpointIds);
  }

  private async write(manager: EntityManager, envelope: { id: string; workspaceId: string; type: string; createdAt: Date; body: string }, endpointIds: readonly string[]): Promise<string[]> {
    await this.deliveries.insertEvent(manager, envelope);
    return this.deliveries.insertDeliveries(manager, envelope.workspaceId, envelope.id, endpointIds);
  }
}

function envelopeOf(event: WebhookEventInput): { id: string; workspaceId: string; type: string; createdAt: Date; body: string } {
  if (!isUuid(event.workspaceId)) throw invalidEvent('workspaceId must be a workspace id', { workspaceId: event.workspaceId });
  if (!isEventType(event.type)) throw invalidEvent('type must be dot-separated identifiers, e.g. budget.threshold_reached', { type: event.type });
  const id = randomUUID();
  const createdAt = new Date();
  let body: string;
  try {
    body = JSON.stringify({ id, type: event.type, createdAt: createdAt.toISOString(), workspaceId: event.workspaceId, data: event.data ?? null } satisfies WebhookEnvelope);
  } catch (error) {
    throw invalidEvent(`data is not serialisable as JSON (${(error as Error).message})`, { type: event.type });
  }
  if (Buffer.byteLength(body) > MAX_EVENT_BYTES) throw invalidEvent(`the event is larger than ${MAX_EVENT_BYTES} bytes`, { type: event.type });
  return { id, workspaceId: event.workspaceId, type: event.type, createdAt, body };
}

function invalidEvent(message: string, details: Record<string, unknown>): PorticoError {
  return new PorticoError(ErrorCode.WEBHOOK_EVENT_INVALID, `webhook event refused: ${message}`, { status: 500, details });
}
