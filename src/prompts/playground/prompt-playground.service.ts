import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../../auth/principal';
import { notFound } from '../../common/http/problems';
import { parseChatRequest } from '../../gateway/validation/openai-requests';
import type { ChatCompletionRequest } from '../../plugin-sdk';
import { LabelSplit } from '../labels/label-split';
import { PromptsRepository, type PromptRow } from '../prompts.repository';
import { PromptRenderer } from '../rendering/prompt-renderer';
import { chatRequestFor } from '../runtime/prompt-resolver';
import type { PromptParameters, PromptVersion } from '../versions/prompt-version';
import type { RenderedDto, RenderInput, TriedDto, TryInput } from './playground.dto';
import { PromptTryRunner } from './prompt-try.runner';

const NANO = 1e9;

/**
 * The prompt engineer's bench: render a version or label with variables (no model call), or try it
 * against the model through the data plane's pipeline. Reads the database, so a version saved a
 * moment ago is there at once.
 */
@Injectable()
export class PromptPlaygroundService {
  constructor(
    private readonly repository: PromptsRepository,
    private readonly renderer: PromptRenderer,
    private readonly runner: PromptTryRunner,
  ) {}

  async render(_ctx: RequestContext, workspaceId: string, slug: string, input: RenderInput): Promise<RenderedDto> {
    const { prompt, version, label } = await this.select(workspaceId, slug, input);
    return { prompt: prompt.slug, version: version.number, label, model: version.model, parameters: { ...version.parameters }, messages: this.renderer.render(version, input.variables) };
  }

  async try(ctx: RequestContext, workspaceId: string, slug: string, input: TryInput, httpRequest: FastifyRequest): Promise<TriedDto> {
    const { prompt, version, label } = await this.select(workspaceId, slug, input);
    const messages = this.renderer.render(version, input.variables);
    const overrides = { ...input.parameters, ...(input.model && { model: input.model }), stream: false };
    const request = parseChatRequest(chatRequestFor(version, messages, overrides));
    const { model, messages: _rendered, stream: _stream, ...parameters } = request as ChatCompletionRequest & PromptParameters;
    const result = await this.runner.run(ctx, workspaceId, httpRequest, request, { promptId: prompt.id, version: version.number });
    return {
      prompt: prompt.slug,
      version: version.number,
      label,
      model,
      parameters,
      messages,
      target: result.target,
      attempts: result.attempts,
      costUsd: result.costNanoUsd === null ? null : result.costNanoUsd / NANO,
      response: result.response as unknown as Record<string, unknown>,
    };
  }

  /** A version by number, a label (drawn by weight), or the latest. */
  private async select(workspaceId: string, slug: string, input: { version?: number; label?: string }): Promise<{ prompt: PromptRow; version: PromptVersion; label: string | null }> {
    const manager = this.repository.manager;
    const prompt = await this.repository.find(manager, workspaceId, slug);
    if (!prompt) throw notFound('prompt');
    let number = input.version ?? prompt.latestVersion;
    if (input.label !== undefined) {
      const label = await this.repository.label(manager, prompt.id, input.label);
      if (!label || label.targets.length === 0) throw notFound(`label '${input.label}'`);
      number = new LabelSplit(label.targets).pick(Math.random).version;
    }
    const version = number > 0 ? await this.repository.version(manager, prompt.id, number) : undefined;
    if (!version) throw notFound('prompt version');
    return { prompt, version, label: input.label ?? null };
  }
}
