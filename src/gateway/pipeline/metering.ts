import type { ChatCompletionChunk, ChatCompletionRequest, ChatCompletionResponse, EmbeddingsRequest, EmbeddingsResponse } from '../../plugin-sdk';
import { estimateEmbeddingTokens, estimatePromptTokens } from '../../usage/accounting/admission-estimate';
import { TokenCounter } from '../../usage/accounting/token-counter';
import { UsageMeter, type MeteredUsage } from '../../usage/accounting/usage-meter';
import type { ActualUsage, Pricer } from '../../usage/enforcement/usage-gate';
import { costOf } from '../../usage/prices/price';
import type { CallTokens } from './call-trace';
import type { AttemptTarget } from './ports';

const counter = new TokenCounter();

/** What a finished call used and cost: for the call log and for settling limits and budgets. */
export interface Metered {
  readonly tokens: CallTokens;
  /** Integer nano-USD; null when the model has no price. */
  readonly costNanoUsd: number | null;
}

/** For admission: the prompt estimated from its size (no tokenizer on the hot path), and the output the request allows. */
export function estimateChat(request: ChatCompletionRequest): { promptTokens: number; maxOutputTokens: number | null } {
  return { promptTokens: estimatePromptTokens(request), maxOutputTokens: request.max_completion_tokens ?? request.max_tokens ?? null };
}

export function estimateEmbeddings(request: EmbeddingsRequest): { promptTokens: number; maxOutputTokens: number | null } {
  return { promptTokens: estimateEmbeddingTokens(request), maxOutputTokens: 0 };
}

/**
 * Meters one chat call (buffered or streamed) and prices it at the target that answered, with the
 * price in force when the call started. Streamed and buffered answers meter the same (`UsageMeter`).
 */
export class ChatMeter {
  private readonly meter = new UsageMeter();

  constructor(
    private readonly prices: Pricer,
    private readonly workspaceId: string,
    private readonly request: ChatCompletionRequest,
    private readonly at: Date,
  ) {}

  observe(chunk: ChatCompletionChunk): void {
    this.meter.observe(chunk);
  }

  response(response: ChatCompletionResponse, target: AttemptTarget): Metered {
    return this.priced(this.meter.fromResponse(response, this.request), target);
  }

  stream(target: AttemptTarget): Metered {
    return this.priced(this.meter.finish(this.request), target);
  }

  private priced(usage: MeteredUsage, target: AttemptTarget): Metered {
    return { tokens: usage, costNanoUsd: priceOf(this.prices, this.workspaceId, target, usage, this.at) };
  }
}

export function meterEmbeddings(prices: Pricer, workspaceId: string, request: EmbeddingsRequest, response: EmbeddingsResponse, target: AttemptTarget, at: Date): Metered {
  const reported = response.usage?.prompt_tokens;
  const estimated = typeof reported !== 'number';
  const promptTokens = estimated ? embeddingInputTokens(request) : reported;
  const usage: MeteredUsage = { promptTokens, completionTokens: 0, cachedTokens: 0, reasoningTokens: 0, estimated };
  return { tokens: usage, costNanoUsd: priceOf(prices, workspaceId, target, usage, at) };
}

/** The figure limits and budgets settle with (unpriced calls cost 0 against budgets). */
export function actualUsage(metered: Metered): ActualUsage {
  return { tokens: metered.tokens.promptTokens + metered.tokens.completionTokens, costNanoUsd: metered.costNanoUsd ?? 0 };
}

function priceOf(prices: Pricer, workspaceId: string, target: AttemptTarget, usage: MeteredUsage, at: Date): number | null {
  const price = prices.priceAt(workspaceId, target.account.pluginId, target.model, at);
  if (!price) return null;
  return costOf(
    {
      prompt_tokens: usage.promptTokens,
      completion_tokens: usage.completionTokens,
      total_tokens: usage.promptTokens + usage.completionTokens,
      prompt_tokens_details: { cached_tokens: usage.cachedTokens },
      completion_tokens_details: { reasoning_tokens: usage.reasoningTokens },
    },
    price,
  ).nanoUsd;
}

function embeddingInputTokens(request: EmbeddingsRequest): number {
  const { input } = request;
  if (typeof input === 'string') return counter.countText(input, request.model);
  if (input.length === 0) return 0;
  if (typeof input[0] === 'number') return input.length; // one pre-tokenised input
  if (Array.isArray(input[0])) return (input as number[][]).reduce((sum, tokens) => sum + tokens.length, 0);
  return (input as string[]).reduce((sum, text) => sum + counter.countText(text, request.model), 0);
}
