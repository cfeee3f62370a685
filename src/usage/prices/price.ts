import type { Usage } from '../../plugin-sdk/canonical';

/**
 * One version of a model's price, as the data plane reads it from `PriceBook`. Token prices are
 * USD per 1M tokens with at most 6 decimals; `perRequest` and `perImage` are USD with at most 9.
 * `null` cached/reasoning prices mean "same as input/output".
 */
export interface Price {
  readonly id: string;
  /** `null`: the Portico-wide default; otherwise a workspace's own (e.g. negotiated) price. */
  readonly workspaceId: string | null;
  readonly pluginId: string;
  readonly model: string;
  readonly inputPerMTok: number;
  readonly outputPerMTok: number;
  readonly cachedInputPerMTok: number | null;
  readonly reasoningPerMTok: number | null;
  readonly perRequest: number | null;
  readonly perImage: number | null;
  readonly currency: 'USD';
  readonly effectiveFrom: Date;
  readonly createdAt: Date;
  readonly createdBy: string;
}

/** Each component in integer nano-dollars (1e-9 USD). */
export interface CostBreakdown {
  input: number;
  cachedInput: number;
  output: number;
  reasoning: number;
  request: number;
  images: number;
}

export interface Cost {
  /** The sum of the breakdown, an integer number of nano-dollars. */
  nanoUsd: number;
  breakdown: CostBreakdown;
}

export const NANO_USD_PER_USD = 1_000_000_000;

/**
 * What one call costs, in integer nano-dollars, computed exactly (no float drift):
 *
 * - input = (prompt_tokens − cached_tokens) × input + cached_tokens × cached_input
 * - output = (completion_tokens − reasoning_tokens) × output + reasoning_tokens × reasoning
 *   (reasoning tokens are part of the completion tokens, as OpenAI reports them)
 * - plus `perRequest` once and `perImage` × `images`.
 *
 * Prices are converted to integers (micro-dollars per 1M tokens = milli-nano-dollars per token)
 * and multiplied exactly (in doubles while the product is a safe integer, as BigInt beyond); each
 * component is rounded half up to a whole nano-dollar on its own, so the breakdown always adds up
 * to `nanoUsd`. Detail counts larger than their totals are clamped.
 *
 * @example
 * costOf({ prompt_tokens: 1000, completion_tokens: 500, total_tokens: 1500 }, gpt4oMini).nanoUsd // 450_000 (0.00045 USD)
 */
export function costOf(usage: Usage, price: Price, images = 0): Cost {
  const prompt = wholeTokens(usage.prompt_tokens);
  const completion = wholeTokens(usage.completion_tokens);
  const cached = Math.min(wholeTokens(usage.prompt_tokens_details?.cached_tokens), prompt);
  const reasoning = Math.min(wholeTokens(usage.completion_tokens_details?.reasoning_tokens), completion);
  const breakdown: CostBreakdown = {
    input: tokenCost(prompt - cached, price.inputPerMTok),
    cachedInput: tokenCost(cached, price.cachedInputPerMTok ?? price.inputPerMTok),
    output: tokenCost(completion - reasoning, price.outputPerMTok),
    reasoning: tokenCost(reasoning, price.reasoningPerMTok ?? price.outputPerMTok),
    request: usdToNano(price.perRequest ?? 0),
    images: wholeTokens(images) * usdToNano(price.perImage ?? 0),
  };
  const nanoUsd = breakdown.input + breakdown.cachedInput + breakdown.output + breakdown.reasoning + breakdown.request + breakdown.images;
  return { nanoUsd, breakdown };
}

/** USD per 1M tokens (≤ 6 decimals) → integer micro-dollars per 1M tokens. */
export function microsPerMTok(usdPerMTok: number): number {
  return Math.round(usdPerMTok * 1_000_000);
}

/** USD (≤ 9 decimals) → integer nano-dollars. */
export function usdToNano(usd: number): number {
  return Math.round(usd * NANO_USD_PER_USD);
}

/** tokens × micro-USD per 1M tokens = tokens × price × 1e-12 USD = (tokens × price / 1000) nano-USD, rounded half up. */
function tokenCost(tokens: number, usdPerMTok: number): number {
  const micros = microsPerMTok(usdPerMTok);
  const milliNano = tokens * micros + 500;
  // Every call is priced twice (estimate and actual): stay off BigInt (an allocation per operation) while exact.
  if (!Number.isSafeInteger(milliNano)) return Number((BigInt(tokens) * BigInt(micros) + 500n) / 1000n);
  let nano = Math.trunc(milliNano / 1000);
  const rest = milliNano - nano * 1000;
  if (rest < 0) nano -= 1;
  else if (rest >= 1000) nano += 1;
  return nano;
}

function wholeTokens(count: number | undefined): number {
  return count && Number.isFinite(count) && count > 0 ? Math.floor(count) : 0;
}
