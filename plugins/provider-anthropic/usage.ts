import type { Usage } from '../../src/plugin-sdk/index.js';
import type { AnthropicUsage } from './wire.js';

/**
 * Anthropic's `input_tokens` excludes cache reads and writes; the canonical `prompt_tokens`
 * counts every input token, with cache reads repeated as `cached_tokens`.
 */
export function toCanonicalUsage(usage: AnthropicUsage): Usage {
  const cacheRead = usage.cache_read_input_tokens ?? 0;
  const promptTokens = (usage.input_tokens ?? 0) + cacheRead + (usage.cache_creation_input_tokens ?? 0);
  const completionTokens = usage.output_tokens ?? 0;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: cacheRead },
  };
}

/** Later usage reports overwrite earlier ones field by field (they are cumulative totals). */
export function mergeUsage(into: AnthropicUsage, update: AnthropicUsage | undefined): AnthropicUsage {
  if (!update) return into;
  const merged = { ...into };
  for (const key of ['input_tokens', 'output_tokens', 'cache_read_input_tokens', 'cache_creation_input_tokens'] as const) {
    if (typeof update[key] === 'number') merged[key] = update[key];
  }
  return merged;
}
