import { type Guard, type GuardContext, verdict } from '../../src/plugin-sdk/index.js';
import { BindingCache, type NlpOptions, type ResolvedBinding } from './binding.js';
import type { PiiBindingConfig } from './config.schema.js';
import { OutputProcessor } from './output.js';
import { BLOCK_CODE, BLOCK_STATUS, blockMessage, Redactor } from './redactor.js';
import { requestTexts, rewriteRequest } from './request.js';
import { processResponse } from './response.js';
import { type HoldRules, StreamProcessor } from './stream.js';
import { countsOf, vaultOf } from './vault.js';

type Context = GuardContext<Partial<PiiBindingConfig>>;

function holdRules(binding: ResolvedBinding, tokens: readonly string[]): HoldRules {
  const { entities, custom } = binding.config;
  return {
    tokens,
    detect: binding.responseDetector !== undefined,
    words: entities.person !== 'off' || entities.address !== 'off' || custom.some((entity) => entity.terms?.some((term) => /\s/.test(term))),
    maxHoldChars: binding.config.maxHoldChars,
  };
}

/**
 * The PII guard: redacts the request (every text the provider reads), rehydrates this call's
 * tokens in the response and the stream, and, when the binding asks, redacts values the model
 * emits. Counts per phase and label land in `ctx.callState.counts`.
 */
export function createPiiGuard(nlpOptions: NlpOptions = {}): Guard<Partial<PiiBindingConfig>> {
  const bindings = new BindingCache(nlpOptions);
  const outputOf = (ctx: Context) => {
    const binding = bindings.get(ctx.config, ctx.logger);
    return { binding, output: new OutputProcessor(binding, vaultOf(ctx.callState), countsOf(ctx.callState)) };
  };

  return {
    onRequest(ctx, request) {
      const binding = bindings.get(ctx.config, ctx.logger);
      if (!binding.requestDetector) return verdict.pass();
      const vault = vaultOf(ctx.callState);
      if (binding.anyTokenize) for (const text of requestTexts(request)) vault.reserveLiteralTokens(text);
      const redactor = new Redactor(binding, binding.requestDetector, vault, countsOf(ctx.callState), 'request');
      const redacted = rewriteRequest(request, (text) => redactor.redact(text));
      if (redactor.blocked.size > 0) return verdict.block(BLOCK_CODE, BLOCK_STATUS, blockMessage('request', redactor.blocked));
      return redacted === request ? verdict.pass() : verdict.modify(redacted);
    },

    onResponse(ctx, response) {
      const { output } = outputOf(ctx);
      if (!output.active) return verdict.pass();
      const processed = processResponse(response, output);
      if (output.redactor?.blocked.size) return verdict.block(BLOCK_CODE, BLOCK_STATUS, blockMessage('response', output.redactor.blocked));
      return processed === response ? verdict.pass() : verdict.modify(processed);
    },

    onStreamChunk(ctx, chunk, state) {
      const { binding, output } = outputOf(ctx);
      if (!output.active) return verdict.pass();
      const stream = new StreamProcessor(state.scratch, output, holdRules(binding, [...vaultOf(ctx.callState).tokens()]));
      const step = stream.push(chunk);
      if (output.redactor?.blocked.size) return verdict.block(BLOCK_CODE, BLOCK_STATUS, blockMessage('response', output.redactor.blocked));
      if (!step.changed && state.held.length === 0) return verdict.pass();
      return step.chunks.length === 1 && step.empty ? verdict.hold() : verdict.modify(step.chunks);
    },

    onStreamEnd(ctx, state) {
      const { binding, output } = outputOf(ctx);
      if (!output.active && state.held.length === 0) return verdict.pass();
      const flushed = new StreamProcessor(state.scratch, output, holdRules(binding, [])).flush();
      if (output.redactor?.blocked.size) return verdict.block(BLOCK_CODE, BLOCK_STATUS, blockMessage('response', output.redactor.blocked));
      if (flushed) return verdict.modify([flushed]);
      return state.held.length > 0 ? verdict.modify([]) : verdict.pass();
    },
  };
}
