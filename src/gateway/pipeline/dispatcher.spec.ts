import { describe, expect, it } from 'vitest';
import { PorticoError, ErrorCode } from '../../common/errors';
import { ProviderStreamError, type ChatResult, type ProviderCaller } from '../../plugin-host/provider-call';
import type { ChatCompletionChunk, ChatCompletionRequest } from '../../plugin-sdk';
import type { LiveProviderAccount } from '../../providers/provider-account-snapshot';
import { DEFAULT_RESILIENCE_POLICY } from '../routing/resilience-policy';
import { TransportError } from '../transport/undici-transport';
import { classify, Dispatcher } from './dispatcher';
import type { AttemptContext, AttemptResult, ExecutionOutcome, Executor, RoutePlan } from './ports';

const account = (name: string): LiveProviderAccount =>
  ({ id: `${name}-id`, workspaceId: 'ws', name, pluginId: 'provider-mock', baseUrl: null, credential: 'secret', config: {} }) as LiveProviderAccount;

const plan = (...names: string[]): RoutePlan => ({
  targets: names.map((name) => ({ key: name, account: account(name), model: 'm', displayName: `${name}/m`, weight: 1, priority: 0 })),
  policy: { ...DEFAULT_RESILIENCE_POLICY, timeouts: { connectMs: 100, firstByteMs: 50, totalMs: 1_000 } },
  cacheTtlSeconds: null,
});

/** The executor's contract in its simplest form: targets in order, first success wins. */
const sequential: Executor = {
  async run<T>(routePlan: RoutePlan, attempt: (context: AttemptContext) => Promise<AttemptResult<T>>, signal: AbortSignal): Promise<ExecutionOutcome<T>> {
    const attempts = [];
    let last: AttemptResult<T> | undefined;
    for (const [index, target] of routePlan.targets.entries()) {
      last = await attempt({ target, credential: target.account.credential, attemptNumber: index + 1, signal });
      attempts.push({ target: target.displayName, ms: 0, ...(last.ok ? {} : { errorClass: (last as { error: { class: string } }).error.class }) });
      if (last.ok) return { ok: true, value: last.value, target, attempts };
    }
    return { ok: false, error: (last as unknown as { error: never }).error, attempts };
  },
};

const chunk = (content: string): ChatCompletionChunk =>
  ({ id: 'c', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: null }] }) as ChatCompletionChunk;

function callerAnswering(answers: Record<string, () => Promise<ChatResult>>, seen: ChatCompletionRequest[] = []): ProviderCaller {
  return {
    chat: async (attempt: { target: { baseUrl: string }; request: ChatCompletionRequest; signal: AbortSignal }) => {
      seen.push(attempt.request);
      const answer = answers[Object.keys(answers)[seen.length - 1]];
      return answer();
    },
  } as unknown as ProviderCaller;
}

async function* slowStream(delayMs: number): AsyncGenerator<ChatCompletionChunk> {
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  yield chunk('late');
}

async function* quickStream(): AsyncGenerator<ChatCompletionChunk> {
  yield chunk('a');
  yield chunk('b');
}

const request: ChatCompletionRequest = { model: 'x', messages: [{ role: 'user', content: 'hi' }] };
const streamResult = (chunks: AsyncIterable<ChatCompletionChunk>): ChatResult =>
  ({ ok: true, kind: 'stream', status: 200, headers: {}, chunks, state: { done: false, scratch: {} } }) as unknown as ChatResult;

describe('Dispatcher', () => {
  it('fails a silent stream over to the next target before anything reached the client, and asks for usage upstream', async () => {
    const seen: ChatCompletionRequest[] = [];
    const caller = callerAnswering({ first: async () => streamResult(slowStream(500)), second: async () => streamResult(quickStream()) }, seen);
    const clock = { upstreamMs: 0 };
    const outcome = await new Dispatcher(sequential, caller).chat(plan('slow', 'fast'), { ...request, stream: true }, new AbortController().signal, clock);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok || outcome.value.kind !== 'stream') throw new Error('expected a stream');
    expect(outcome.target.displayName).toBe('fast/m');
    expect(outcome.attempts.map((attempt) => attempt.errorClass)).toEqual(['timeout', undefined]);
    expect(outcome.value.first.choices[0].delta.content).toBe('a');
    expect(seen.every((sent) => sent.stream_options?.include_usage === true && sent.model === 'm')).toBe(true);
    expect(clock.upstreamMs).toBeGreaterThan(40);
  });

  it('turns transport failures, broken streams and adapter errors into provider error classes', () => {
    expect(classify(new TransportError('connect_timeout', 'x'))).toMatchObject({ class: 'timeout', status: 504, code: 'connect_timeout' });
    expect(classify(new TransportError('connection', 'refused'))).toMatchObject({ class: 'server', status: 502, code: 'connection_error' });
    expect(classify(new ProviderStreamError({ class: 'server', status: 502, message: 'cut' }))).toMatchObject({ class: 'server', message: 'cut' });
    expect(classify(new PorticoError(ErrorCode.BAD_REQUEST, "'n' is not supported", { status: 400 }))).toMatchObject({ class: 'bad_request', status: 400 });
    expect(classify(new PorticoError(ErrorCode.PLUGIN_RUNTIME_FAILURE, 'boom', { status: 502 }))).toMatchObject({ class: 'server', code: 'plugin_failure' });
    const aborted = new AbortController();
    aborted.abort();
    expect(classify(new Error('whatever'), aborted.signal)).toMatchObject({ class: 'timeout', code: 'request_aborted' });
  });

  it('returns the provider error of a failed non-stream attempt', async () => {
    const caller = callerAnswering({
      only: async () => ({ ok: false, status: 429, headers: {}, error: { class: 'rate_limit', status: 429, message: 'slow down', retryAfterSeconds: 3 } }) as ChatResult,
    });
    const outcome = await new Dispatcher(sequential, caller).chat(plan('a'), request, new AbortController().signal, { upstreamMs: 0 });
    expect(outcome).toMatchObject({ ok: false, error: { class: 'rate_limit', retryAfterSeconds: 3 } });
  });
});
