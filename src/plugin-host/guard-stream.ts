import type { ChatCompletionChunk, GuardVerdict, StreamChunkVerdict } from '../plugin-sdk/index.js';
import {
  activateGuards,
  type ActiveGuard,
  blockFromFailure,
  blockFromVerdict,
  callGuardHook,
  type GuardBinding,
  type GuardBlock,
  type GuardCall,
  type GuardFailure,
  GUARD_FAILURE_STATUS,
} from './guard-runner.js';
import type { HostLogger } from './host-logger.js';
import type { PluginHost } from './plugin-host.js';

export type GuardStreamStep = { outcome: 'emit'; chunks: ChatCompletionChunk[] } | { outcome: 'block'; block: GuardBlock };

interface StageState {
  guard: ActiveGuard;
  held: ChatCompletionChunk[];
  scratch: Record<string, unknown>;
}

/**
 * Runs the bound guards over one stream, chunk by chunk, in priority order. What a guard lets out
 * is what the next one sees. A guard may hold chunks back until a later verdict (or the end of
 * the stream) decides about them. After a block the stream stays blocked.
 */
export class GuardStream {
  readonly failures: GuardFailure[] = [];
  private readonly stages: StageState[];
  private blocked: GuardBlock | undefined;
  private ended = false;

  constructor(
    private readonly host: PluginHost,
    bindings: readonly GuardBinding[] | { readonly active: readonly ActiveGuard[] },
    call?: GuardCall,
    logger?: HostLogger,
  ) {
    const active = 'active' in bindings ? bindings.active : activateGuards(host, bindings, call!, logger!);
    this.stages = active.map((guard) => ({ guard, held: [], scratch: {} }));
  }

  /** Feeds one upstream chunk; returns the chunks that may be sent to the client now. */
  async push(chunk: ChatCompletionChunk): Promise<GuardStreamStep> {
    if (this.blocked) return { outcome: 'block', block: this.blocked };
    if (this.ended) throw new Error('guard stream already ended');
    let carry = [chunk];
    for (const stage of this.stages) {
      const out: ChatCompletionChunk[] = [];
      for (const item of carry) {
        const released = await this.process(stage, item);
        if (!released) return { outcome: 'block', block: this.blocked! };
        out.push(...released);
      }
      carry = out;
    }
    return { outcome: 'emit', chunks: carry };
  }

  /** Ends the stream: every guard decides about what it still holds, in priority order. */
  async end(): Promise<GuardStreamStep> {
    if (this.blocked) return { outcome: 'block', block: this.blocked };
    this.ended = true;
    let carry: ChatCompletionChunk[] = [];
    for (const stage of this.stages) {
      const out: ChatCompletionChunk[] = [];
      for (const item of carry) {
        const released = await this.process(stage, item);
        if (!released) return { outcome: 'block', block: this.blocked! };
        out.push(...released);
      }
      const flushed = await this.finish(stage);
      if (!flushed) return { outcome: 'block', block: this.blocked! };
      carry = [...out, ...flushed];
    }
    return { outcome: 'emit', chunks: carry };
  }

  private async process(stage: StageState, chunk: ChatCompletionChunk): Promise<ChatCompletionChunk[] | undefined> {
    const state = { held: stage.held as readonly ChatCompletionChunk[], scratch: stage.scratch };
    const result = await callGuardHook<StreamChunkVerdict>(
      this.host,
      stage.guard,
      'onStreamChunk',
      (guard) => guard.onStreamChunk?.(stage.guard.context, chunk, state),
      true,
    );
    if ('skipped' in result) return this.release(stage, [chunk]);
    if ('failure' in result) return this.onFailure(stage, result.failure, [chunk]);
    const verdict = result.verdict;
    switch (verdict.action) {
      case 'hold':
        stage.held.push(chunk);
        return [];
      case 'modify':
        if (!Array.isArray(verdict.value)) return this.malformed(stage, 'onStreamChunk', [chunk]);
        stage.held = [];
        return verdict.value;
      case 'block':
        return this.block(blockFromVerdict(stage.guard.binding.pluginId, verdict));
      default:
        return this.release(stage, [chunk]);
    }
  }

  private async finish(stage: StageState): Promise<ChatCompletionChunk[] | undefined> {
    const state = { held: stage.held as readonly ChatCompletionChunk[], scratch: stage.scratch };
    const result = await callGuardHook<GuardVerdict<ChatCompletionChunk[]>>(
      this.host,
      stage.guard,
      'onStreamEnd',
      (guard) => guard.onStreamEnd?.(stage.guard.context, state),
      false,
    );
    if ('skipped' in result) return this.release(stage, []);
    if ('failure' in result) return this.onFailure(stage, result.failure, []);
    const verdict = result.verdict;
    if (verdict.action === 'block') return this.block(blockFromVerdict(stage.guard.binding.pluginId, verdict));
    if (verdict.action === 'modify') {
      if (!Array.isArray(verdict.value)) return this.malformed(stage, 'onStreamEnd', []);
      stage.held = [];
      return verdict.value;
    }
    return this.release(stage, []);
  }

  private release(stage: StageState, extra: ChatCompletionChunk[]): ChatCompletionChunk[] {
    const out = [...stage.held, ...extra];
    stage.held = [];
    return out;
  }

  private malformed(stage: StageState, hook: string, extra: ChatCompletionChunk[]): ChatCompletionChunk[] | undefined {
    const { pluginId } = stage.guard.binding;
    const error = this.host.recordFailure(pluginId, hook, new Error('modify verdict on a stream needs an array of chunks'), GUARD_FAILURE_STATUS);
    return this.onFailure(stage, { pluginId, hook, failMode: stage.guard.failMode, error }, extra);
  }

  private onFailure(stage: StageState, failure: GuardFailure, extra: ChatCompletionChunk[]): ChatCompletionChunk[] | undefined {
    this.failures.push(failure);
    if (failure.failMode === 'closed') return this.block(blockFromFailure(failure));
    return this.release(stage, extra);
  }

  private block(block: GuardBlock): undefined {
    this.blocked = block;
    for (const stage of this.stages) stage.held = [];
    return undefined;
  }
}
