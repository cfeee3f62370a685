import type { ChatCompletionChunk, ChatCompletionRequest, ChatCompletionResponse, Usage } from '../../plugin-sdk/index.js';
import { TokenCounter } from './token-counter.js';

/**
 * What one call consumed. `estimated` is true when the provider reported no usage and the figures
 * come from Portico's tokenizer (see `TokenCounter`: exact for OpenAI text, an estimate otherwise).
 * `promptTokens` includes `cachedTokens`; `completionTokens` includes `reasoningTokens`.
 */
export interface MeteredUsage {
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  reasoningTokens: number;
  estimated: boolean;
}

/** The completion text of one choice, gathered from a response or from stream deltas. */
interface ChoiceOutput {
  text: string;
  tools: Map<number, { name: string; arguments: string }>;
}

const sharedCounter = new TokenCounter();

/** Provider-reported usage in Portico's shape; missing details count as 0. */
export function fromProviderUsage(usage: Usage): MeteredUsage {
  return {
    promptTokens: usage.prompt_tokens ?? 0,
    completionTokens: usage.completion_tokens ?? 0,
    cachedTokens: usage.prompt_tokens_details?.cached_tokens ?? 0,
    reasoningTokens: usage.completion_tokens_details?.reasoning_tokens ?? 0,
    estimated: false,
  };
}

/**
 * Meters one call. Buffered: `fromResponse`. Streamed: `observe` every chunk, then `finish`.
 * The provider's own usage wins (`response.usage`, or the last chunk that carries `usage`);
 * without it the prompt is counted with `countChatPrompt` and the completion as the concatenated
 * text (content and refusal) plus each tool call's name and arguments, per choice — so a stream
 * and a buffered answer with the same content meter the same. Pure: no I/O, no clock.
 *
 * @example
 * const meter = new UsageMeter();
 * for await (const chunk of chunks) meter.observe(chunk);
 * const usage = meter.finish(request); // { promptTokens, completionTokens, cachedTokens, reasoningTokens, estimated }
 */
export class UsageMeter {
  private readonly outputs = new Map<number, ChoiceOutput>();
  private reported: Usage | undefined;

  constructor(private readonly counter: TokenCounter = sharedCounter) {}

  fromResponse(response: ChatCompletionResponse, request: ChatCompletionRequest): MeteredUsage {
    if (response.usage) return fromProviderUsage(response.usage);
    const outputs: ChoiceOutput[] = response.choices.map(({ message }) => ({
      text: (message.content ?? '') + (message.refusal ?? ''),
      tools: new Map((message.tool_calls ?? []).map((call, index) => [index, { ...call.function }])),
    }));
    return this.estimate(request, outputs);
  }

  observe(chunk: ChatCompletionChunk): void {
    if (chunk.usage) this.reported = chunk.usage;
    for (const choice of chunk.choices) {
      const output = this.output(choice.index);
      const { content, refusal, tool_calls: toolCalls } = choice.delta;
      if (content) output.text += content;
      if (refusal) output.text += refusal;
      for (const fragment of toolCalls ?? []) {
        const call = output.tools.get(fragment.index) ?? { name: '', arguments: '' };
        call.name += fragment.function?.name ?? '';
        call.arguments += fragment.function?.arguments ?? '';
        output.tools.set(fragment.index, call);
      }
    }
  }

  finish(request: ChatCompletionRequest): MeteredUsage {
    if (this.reported) return fromProviderUsage(this.reported);
    const outputs = [...this.outputs.entries()].sort(([a], [b]) => a - b).map(([, output]) => output);
    return this.estimate(request, outputs);
  }

  private output(index: number): ChoiceOutput {
    let output = this.outputs.get(index);
    if (!output) {
      output = { text: '', tools: new Map() };
      this.outputs.set(index, output);
    }
    return output;
  }

  /** The request's model picks the encoding in both modes, so a stream and a buffered answer agree. */
  private estimate(request: ChatCompletionRequest, outputs: ChoiceOutput[]): MeteredUsage {
    let completionTokens = 0;
    for (const output of outputs) {
      completionTokens += this.counter.countText(output.text, request.model);
      completionTokens += this.counter.countToolCalls([...output.tools.values()].map((call) => ({ function: call })), request.model);
    }
    return { promptTokens: this.counter.countChatPrompt(request), completionTokens, cachedTokens: 0, reasoningTokens: 0, estimated: true };
  }
}
