import { estimateChat } from '../../gateway/pipeline/metering';
import type { RoutePlan } from '../../gateway/pipeline/ports';
import type { ChatCompletionRequest } from '../../plugin-sdk';
import { DEFAULT_RESERVED_OUTPUT_TOKENS, type Pricer } from '../../usage/enforcement/usage-gate';
import { costOf } from '../../usage/prices/price';

/**
 * What a subscription plan reserves for one call: prompt tokens plus the output limit (or the gate's
 * default) at the most expensive candidate target's price in the API product's workspace, where
 * the targets' provider accounts live.
 */
export function estimatePlanCost(prices: Pricer, workspaceId: string, request: ChatCompletionRequest, plan: RoutePlan, at: Date): number {
  const { promptTokens, maxOutputTokens } = estimateChat(request);
  const completion = maxOutputTokens ?? DEFAULT_RESERVED_OUTPUT_TOKENS;
  let highest = 0;
  for (const target of plan.targets) {
    const price = prices.priceAt(workspaceId, target.account.pluginId, target.model, at);
    if (!price) continue;
    highest = Math.max(highest, costOf({ prompt_tokens: promptTokens, completion_tokens: completion, total_tokens: promptTokens + completion }, price).nanoUsd);
  }
  return highest;
}
