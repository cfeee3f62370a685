import { Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { WebhookOutbox } from '../../webhooks/webhook-outbox';
import { WebhooksModule } from '../../webhooks/webhooks.module';
import type { BudgetAlertSink, BudgetThresholdEvent } from './budget-ledger';

export const BUDGET_ALERT_SINK = Symbol('BudgetAlertSink');

/** The webhook event type of a crossed budget threshold. */
export const BUDGET_THRESHOLD_EVENT = 'budget.threshold_reached';

/** Threshold alerts as signed webhooks, enqueued in the ledger's transaction (the outbox). */
export class WebhookBudgetAlerts implements BudgetAlertSink {
  constructor(private readonly outbox: WebhookOutbox) {}

  thresholdReached(manager: EntityManager, event: BudgetThresholdEvent): Promise<void> {
    return this.outbox.enqueue(manager, { workspaceId: event.workspaceId, type: BUDGET_THRESHOLD_EVENT, data: event });
  }
}

@Module({
  imports: [WebhooksModule],
  providers: [{ provide: BUDGET_ALERT_SINK, useFactory: (outbox: WebhookOutbox) => new WebhookBudgetAlerts(outbox), inject: [WebhookOutbox] }],
  exports: [BUDGET_ALERT_SINK],
})
export class BudgetAlertsModule {}
