import {
  type BlockVerdict,
  type ChatCompletionChunk,
  type Guard,
  type GuardContext,
  type GuardVerdict,
  type StreamChunkVerdict,
  verdict,
} from '../../src/plugin-sdk/index.js';
import { outputViolations, requestViolations, type Violation } from './checks.js';
import { STATUS_OF } from './codes.js';
import type { ContentPolicyBinding, ContentPolicyConfig } from './config.schema.js';
import { policyFor } from './policy.js';
import { OutputStream } from './stream.js';

/** Key of the list of flagged hits in `ctx.callState`; the call log reads the numbers in `callState.counts` (one count per code). */
export const CONTENT_POLICY_STATE_KEY = 'contentPolicy';

/**
 * The rules that matched with action `flag` during one call (never the matched text).
 *
 * @example
 * const report = ctx.callState[CONTENT_POLICY_STATE_KEY] as ContentPolicyReport | undefined;
 */
export interface ContentPolicyReport {
  flags: { code: string; rule: string; stage: 'request' | 'response' | 'stream' }[];
}

type Stage = ContentPolicyReport['flags'][number]['stage'];

function recordFlag(ctx: GuardContext<ContentPolicyBinding>, violation: Violation, stage: Stage): void {
  const report = (ctx.callState[CONTENT_POLICY_STATE_KEY] ??= { flags: [] }) as ContentPolicyReport;
  report.flags.push({ code: violation.code, rule: violation.rule, stage });
  const counts = (ctx.callState.counts ??= {}) as Record<string, number>;
  counts[violation.code] = (counts[violation.code] ?? 0) + 1;
}

/** Records the flags, and returns the block of the first violation whose rule blocks. */
function settle(ctx: GuardContext<ContentPolicyBinding>, violations: readonly Violation[], stage: Stage): BlockVerdict | undefined {
  const blocking = violations.find((violation) => violation.action === 'block');
  for (const violation of violations) if (violation.action === 'flag') recordFlag(ctx, violation, stage);
  return blocking ? verdict.block(blocking.code, STATUS_OF[blocking.code], blocking.message) : undefined;
}

const STREAM_KEY = 'outputStream';

/**
 * The guard: prompt rules at `onRequest`; output rules on complete responses and over streams
 * (denied terms held across chunks until decided; JSON and whole-text regex rules at the end).
 *
 * @example
 * const guard = createContentPolicyGuard({ tokenizer: 'auto' });
 */
export function createContentPolicyGuard(config: ContentPolicyConfig): Guard<ContentPolicyBinding> {
  return {
    onRequest(ctx, request) {
      const policy = policyFor(ctx.config);
      return settle(ctx, requestViolations(policy, request, config.tokenizer), 'request') ?? verdict.pass();
    },

    onResponse(ctx, response) {
      const policy = policyFor(ctx.config);
      if (!policy.checksOutput) return verdict.pass();
      const choices = Array.isArray(response?.choices) ? response.choices : [];
      const violations = choices.flatMap((choice) => {
        const text = choice?.message?.content;
        return typeof text === 'string' ? outputViolations(policy, text, { checkLength: true, checkTerms: true }) : [];
      });
      return settle(ctx, violations, 'response') ?? verdict.pass();
    },

    onStreamChunk(ctx, chunk: ChatCompletionChunk, state): StreamChunkVerdict {
      const policy = policyFor(ctx.config);
      if (!policy.checksOutput) return verdict.pass();
      const stream = (state.scratch[STREAM_KEY] ??= new OutputStream(policy)) as OutputStream;
      const step = stream.push(chunk);
      return settle(ctx, step.violations, 'stream') ?? (step.hold ? verdict.hold() : verdict.pass());
    },

    onStreamEnd(ctx, state): GuardVerdict<ChatCompletionChunk[]> {
      const stream = state.scratch[STREAM_KEY] as OutputStream | undefined;
      if (!stream) return verdict.pass();
      return settle(ctx, stream.end(), 'stream') ?? verdict.pass();
    },
  };
}
