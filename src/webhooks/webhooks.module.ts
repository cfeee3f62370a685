import { type BeforeApplicationShutdown, Global, Inject, Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { SecretBox } from '../common/crypto/secret-box';
import type { PorticoConfig } from '../config/portico-config';
import { PINO_LOGGER, PORTICO_CONFIG } from '../runtime.tokens';
import { DefaultWebhookRetryStrategy } from './default-webhook-retry-strategy';
import { WebhookUrlPolicy } from './url-policy';
import { WebhookDeliveriesController } from './webhook-deliveries.controller';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookEndpointsController } from './webhook-endpoints.controller';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhookOutbox } from './webhook-outbox';
import { WEBHOOK_RETRY_STRATEGY, type WebhookRetryStrategy } from './webhook-retry-strategy';
import { WebhookSender } from './webhook-sender';
import { WebhookWakeups } from './webhook-wakeups';

/** Starts this process's dispatcher after boot; at shutdown lets it finish or release what it holds. */
@Injectable()
class WebhookDispatcherLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly wakeups: WebhookWakeups;

  constructor(
    private readonly dispatcher: WebhookDispatcher,
    private readonly sender: WebhookSender,
    dataSource: DataSource,
    @Inject(PINO_LOGGER) logger: Logger,
  ) {
    const url = (dataSource.options as { url?: string }).url!;
    this.wakeups = new WebhookWakeups(url, () => dispatcher.poke(), logger.child({ component: 'webhooks' }));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.wakeups.start();
    this.dispatcher.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.wakeups.stop();
    await this.dispatcher.stop();
    await this.sender.close();
  }
}

/**
 * Signed outgoing webhooks (Standard Webhooks): endpoints per workspace, the transactional outbox
 * other modules write events through (`WebhookOutbox`, global), and a dispatcher in every process.
 */
@Global()
@Module({
  controllers: [WebhookEndpointsController, WebhookDeliveriesController],
  providers: [
    WebhookEndpointsRepository,
    WebhookDeliveriesRepository,
    WebhookEndpointsService,
    WebhookDeliveriesService,
    WebhookOutbox,
    { provide: WebhookUrlPolicy, useFactory: (config: PorticoConfig) => new WebhookUrlPolicy(config.webhooks.allowPrivateNetworks), inject: [PORTICO_CONFIG] },
    { provide: WEBHOOK_RETRY_STRATEGY, useFactory: () => new DefaultWebhookRetryStrategy() },
    { provide: WebhookSender, useFactory: (policy: WebhookUrlPolicy) => new WebhookSender(policy), inject: [WebhookUrlPolicy] },
    {
      provide: WebhookDispatcher,
      useFactory: (repository: WebhookDeliveriesRepository, box: SecretBox, sender: WebhookSender, retry: WebhookRetryStrategy, logger: Logger) =>
        new WebhookDispatcher(repository, box, sender, retry, logger.child({ component: 'webhooks' })),
      inject: [WebhookDeliveriesRepository, SecretBox, WebhookSender, WEBHOOK_RETRY_STRATEGY, PINO_LOGGER],
    },
    WebhookDispatcherLifecycle,
  ],
  exports: [WebhookOutbox],
})
export class WebhooksModule {}
