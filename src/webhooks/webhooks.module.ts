import { Module } from '@nestjs/common';

/** Signed outgoing webhooks: endpoints per workspace, a transactional outbox, delivery with retries. */
@Module({})
export class WebhooksModule {}
