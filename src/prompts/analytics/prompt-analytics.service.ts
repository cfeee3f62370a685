import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../auth/principal';
import { invalid, notFound } from '../../common/http/problems';
import type { PromptAnalyticsDto } from '../playground/playground.dto';
import { PromptsRepository } from '../prompts.repository';
import { PromptAnalyticsRepository } from './prompt-analytics.repository';

const DAY_MS = 24 * 3600 * 1000;
const MAX_RANGE_MS = 93 * DAY_MS;
const NANO = 1e9;

/** Per-version calls, errors, latency percentiles and cost of one prompt, from the call logs. */
@Injectable()
export class PromptAnalyticsService {
  constructor(
    private readonly prompts: PromptsRepository,
    private readonly repository: PromptAnalyticsRepository,
  ) {}

  /** `[from, to)`; defaults to the last 24 hours; at most 93 days. */
  async perVersion(_ctx: RequestContext, workspaceId: string, slug: string, query: { from?: Date; to?: Date }, now = new Date()): Promise<PromptAnalyticsDto> {
    const prompt = await this.prompts.find(this.prompts.manager, workspaceId, slug);
    if (!prompt) throw notFound('prompt');
    const to = query.to ?? now;
    const from = query.from ?? new Date(to.getTime() - DAY_MS);
    if (from >= to || to.getTime() - from.getTime() > MAX_RANGE_MS) {
      throw invalid('the range must have from < to and span at most 93 days', [{ path: 'from', message: 'out of range' }]);
    }
    const versions = await this.repository.perVersion(workspaceId, prompt.id, from, to);
    return {
      from,
      to,
      versions: versions.map(({ costNanoUsd, ...usage }) => ({ ...usage, costUsd: costNanoUsd === null ? null : costNanoUsd / NANO })),
    };
  }
}
