import { type ChatCompletionRequest, type Guard, type GuardVerdict, verdict } from '../../src/plugin-sdk/index.js';
import {
  DEFAULT_PROMPT_INJECTION_BINDING,
  type PromptInjectionBinding,
  type PromptInjectionConfig,
} from './config.schema.js';
import { type InjectionSignal, scanPieces } from './detector.js';
import { normalizePhrase } from './normalize.js';
import { SIGNAL_CATEGORIES, type SignalCategory } from './patterns/index.js';
import { splitRequest } from './segments.js';

/** Stable code of a block; tests and clients rely on it, not on the message. */
export const PROMPT_INJECTION_DETECTED = 'PROMPT_INJECTION_DETECTED';

/** Key of the full report in `ctx.callState` (set on every scanned request, blocked or not). */
export const PROMPT_INJECTION_STATE_KEY = 'promptInjection';

/**
 * What goes to the call log: the host copies `callState.counts` (numbers only) into the call
 * record. `flagged` is 0 or 1, scores are per mille, and each signal category present counts its
 * signals.
 */
export function reportCounts(report: PromptInjectionReport): Record<string, number> {
  const counts: Record<string, number> = {
    flagged: report.flagged ? 1 : 0,
    scorePermille: Math.round(report.score * 1000),
    trustedScorePermille: Math.round(report.trustedScore * 1000),
    untrustedScorePermille: Math.round(report.untrustedScore * 1000),
    signals: report.signals.length,
  };
  for (const signal of report.signals) counts[signal.category] = (counts[signal.category] ?? 0) + 1;
  return counts;
}

/**
 * What the guard found in one request. Holds pattern ids and weights, never the scanned text.
 *
 * @example
 * const report = ctx.callState[PROMPT_INJECTION_STATE_KEY] as PromptInjectionReport;
 * if (report.flagged) console.log(report.score, report.categories);
 */
export interface PromptInjectionReport {
  /** The larger of the two scores. */
  score: number;
  trustedScore: number;
  untrustedScore: number;
  threshold: number;
  untrustedThreshold: number;
  flagged: boolean;
  action: 'block' | 'flag';
  categories: SignalCategory[];
  signals: InjectionSignal[];
}

/** Keyed by the binding's own array, which lives as long as the binding does. */
const normalizedAllowlists = new WeakMap<readonly string[], string[]>();

function allowlistOf(binding: PromptInjectionBinding): string[] {
  let normalized = normalizedAllowlists.get(binding.allowlist);
  if (!normalized) {
    normalized = binding.allowlist.map(normalizePhrase).filter((phrase) => phrase.length > 0);
    normalizedAllowlists.set(binding.allowlist, normalized);
  }
  return normalized;
}

function categoriesOf(signals: readonly InjectionSignal[]): SignalCategory[] {
  const present = new Set(signals.map((signal) => signal.category));
  return SIGNAL_CATEGORIES.filter((category) => present.has(category));
}

/**
 * Scores one request under one binding.
 *
 * @example
 * const report = assessRequest(request, DEFAULT_PROMPT_INJECTION_BINDING, DEFAULT_PROMPT_INJECTION_CONFIG);
 */
export function assessRequest(request: ChatCompletionRequest, binding: PromptInjectionBinding, config: PromptInjectionConfig): PromptInjectionReport {
  const pieces = splitRequest(request, { roles: binding.roles, detectRetrieved: binding.detectRetrieved, maxScanChars: config.maxScanChars });
  const scan = scanPieces(pieces, {
    allowlist: allowlistOf(binding),
    maxPayloads: config.maxPayloads,
    maxDecodeDepth: config.maxDecodeDepth,
    maxEncodedChars: config.maxScanChars,
  });
  const trustedHit = scan.trustedScore >= binding.threshold && scan.trustedScore > 0;
  const untrustedHit = scan.untrustedScore >= binding.untrustedThreshold && scan.untrustedScore > 0;
  return {
    score: Math.max(scan.trustedScore, scan.untrustedScore),
    trustedScore: scan.trustedScore,
    untrustedScore: scan.untrustedScore,
    threshold: binding.threshold,
    untrustedThreshold: binding.untrustedThreshold,
    flagged: trustedHit || untrustedHit,
    action: binding.action,
    categories: categoriesOf(scan.signals),
    signals: scan.signals,
  };
}

function blockMessage(report: PromptInjectionReport): string {
  const where = [
    report.trustedScore >= report.threshold ? 'the request' : undefined,
    report.untrustedScore >= report.untrustedThreshold ? 'tool output or retrieved content' : undefined,
  ].filter(Boolean);
  return `Possible prompt injection in ${where.join(' and ')} (${report.categories.join(', ')}).`;
}

/** The binding as bound, with defaults for anything missing (the host applies them too). */
function bindingOf(config: Partial<PromptInjectionBinding> | undefined): PromptInjectionBinding {
  return { ...DEFAULT_PROMPT_INJECTION_BINDING, ...(config ?? {}) };
}

/**
 * The guard: scans the request before it goes upstream, blocks or flags.
 *
 * @example
 * const guard = createPromptInjectionGuard(DEFAULT_PROMPT_INJECTION_CONFIG);
 * await guard.onRequest!(ctx, request); // { action: 'block', code: 'PROMPT_INJECTION_DETECTED', status: 400, … }
 */
export function createPromptInjectionGuard(config: PromptInjectionConfig): Guard<PromptInjectionBinding> {
  return {
    onRequest(ctx, request): GuardVerdict<ChatCompletionRequest> {
      const binding = bindingOf(ctx.config);
      const report = assessRequest(request, binding, config);
      ctx.callState[PROMPT_INJECTION_STATE_KEY] = report;
      ctx.callState.counts = reportCounts(report);
      if (report.flagged && binding.action === 'block') {
        return verdict.block(PROMPT_INJECTION_DETECTED, binding.blockStatus, blockMessage(report));
      }
      return verdict.pass();
    },
  };
}
