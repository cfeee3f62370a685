import { Injectable, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { CHANGE_BUS, type ChangeBus } from '../common/change-bus/change-bus';
import { RoutingModule } from '../gateway/routing/routing.module';
import { PINO_LOGGER } from '../runtime.tokens';
import { UsageModule } from '../usage/usage.module';
import { PromptAnalyticsRepository } from './analytics/prompt-analytics.repository';
import { PromptAnalyticsService } from './analytics/prompt-analytics.service';
import { PromptLabelsController } from './labels/prompt-labels.controller';
import { PromptLabelsService } from './labels/prompt-labels.service';
import { PromptPromotionKind } from './labels/prompt-promotion.kind';
import { PromptPlaygroundController } from './playground/prompt-playground.controller';
import { PromptPlaygroundService } from './playground/prompt-playground.service';
import { PromptTryRunner } from './playground/prompt-try.runner';
import { PromptsController } from './prompts.controller';
import { PromptsRepository } from './prompts.repository';
import { PromptsService } from './prompts.service';
import { PromptRenderer } from './rendering/prompt-renderer';
import { installPromptResolver } from './runtime/prompt-data-plane';
import { PromptResolver } from './runtime/prompt-resolver';
import { PromptSnapshot } from './runtime/prompt-snapshot';
import { PromptVersionsController } from './versions/prompt-versions.controller';
import { PromptVersionsService } from './versions/prompt-versions.service';
import { VersionRules } from './versions/version-rules';

/** Puts the resolver where `/v1/chat/completions` finds it, and stops following changes at shutdown. */
@Injectable()
class PromptDataPlane implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly snapshot: PromptSnapshot,
    private readonly renderer: PromptRenderer,
  ) {}

  onModuleInit(): void {
    installPromptResolver(this.adapterHost.httpAdapter.getInstance<FastifyInstance>(), new PromptResolver(this.snapshot, this.renderer));
  }

  onApplicationShutdown(): void {
    this.snapshot.stop();
  }
}

/**
 * The prompt registry (#7): prompts, immutable versions, labels with A/B weights (moving
 * `production` through the approval engine), Mustache rendering, diffs, a render preview, a "try"
 * through the data plane's pipeline, per-version analytics, and the in-memory snapshot that lets
 * `/v1/chat/completions` name a prompt instead of messages.
 */
@Module({
  imports: [RoutingModule, UsageModule],
  controllers: [PromptsController, PromptVersionsController, PromptLabelsController, PromptPlaygroundController],
  providers: [
    PromptsRepository,
    PromptAnalyticsRepository,
    { provide: VersionRules, useFactory: () => new VersionRules() },
    { provide: PromptRenderer, useFactory: () => new PromptRenderer() },
    PromptsService,
    PromptVersionsService,
    PromptLabelsService,
    PromptPromotionKind,
    PromptTryRunner,
    PromptPlaygroundService,
    PromptAnalyticsService,
    {
      provide: PromptSnapshot,
      useFactory: async (repository: PromptsRepository, changes: ChangeBus, logger: Logger) => {
        const snapshot = new PromptSnapshot(repository, changes, logger.child({ component: 'prompts' }));
        await snapshot.start();
        return snapshot;
      },
      inject: [PromptsRepository, CHANGE_BUS, PINO_LOGGER],
    },
    PromptDataPlane,
  ],
  exports: [PromptsRepository, PromptSnapshot, PromptRenderer],
})
export class PromptsModule {}
