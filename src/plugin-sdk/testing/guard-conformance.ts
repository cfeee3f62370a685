import { Ajv } from 'ajv';
import semver from 'semver';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChatCompletionChunk, ChatCompletionRequest, ChatCompletionResponse } from '../canonical.js';
import type { BlockVerdict, Guard, GuardContext, GuardStreamState } from '../guard.js';
import type { PluginLogger } from '../logger.js';
import type { PluginConfigSchema } from '../manifest.js';
import type { GuardPluginDefinition } from '../plugin.js';
import { SDK_VERSION } from '../version.js';

/**
 * What a guard plugin hands the shared suite besides its definition. Every field is optional:
 * the suite always adds its own odd inputs (empty, huge, unicode, multimodal, tool calls).
 *
 * @example
 * describeGuardConformance(plugin, {
 *   bindings: [{}, { entities: { email: 'block' } }],
 *   requests: [readJson('__fixtures__/request-with-pii.json')],
 *   neutralText: 'The meeting moved to the large room on the second floor.',
 * });
 */
export interface GuardConformanceFixtures {
  /** Plugin-level config for `create()`; the config schema's defaults are applied first. */
  config?: Record<string, unknown>;
  /** Binding configs (`ctx.config`) every hook runs under; the binding schema's defaults are applied. Default `[{}]`. */
  bindings?: Record<string, unknown>[];
  requests?: ChatCompletionRequest[];
  responses?: ChatCompletionResponse[];
  streams?: ChatCompletionChunk[][];
  /** Text the guard lets through unchanged under every binding; used to check held text is released in order. */
  neutralText?: string;
}

/** The result of driving one guard over one stream the way the host's `GuardStream` does. */
export interface GuardStreamRun {
  /** What the client would receive after each push, then after the end (last entry). */
  steps: ChatCompletionChunk[][];
  blocked?: BlockVerdict;
  /** Every verdict the guard answered, checked or not. */
  verdicts: unknown[];
}

const silentLogger: PluginLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/**
 * A context as the host builds one for a call: ids, the binding config, a silent logger, and a
 * fresh `callState` (pass one to share it across hooks, as within one call).
 *
 * @example
 * const ctx = createGuardContext({ entities: { email: 'tokenize' } });
 * await guard.onRequest?.(ctx, request);
 */
export function createGuardContext<TBinding = Record<string, unknown>>(
  config: TBinding,
  callState: Record<string, unknown> = {},
): GuardContext<TBinding> {
  return { requestId: 'req_conformance', workspaceId: 'ws_conformance', config, logger: silentLogger, callState };
}

/**
 * Returns why a verdict is malformed, or `undefined`. `hold` is allowed only on stream chunks;
 * `kind` checks the shape of a `modify` value.
 *
 * @example
 * expect(verdictProblem(await guard.onRequest!(ctx, request), 'request')).toBeUndefined();
 */
export function verdictProblem(verdict: unknown, kind: 'request' | 'response' | 'chunks', allowHold = false): string | undefined {
  const value = verdict as { action?: unknown; value?: unknown; code?: unknown; status?: unknown; message?: unknown } | null;
  switch (value?.action) {
    case 'pass':
      return undefined;
    case 'hold':
      return allowHold ? undefined : 'hold outside a stream chunk';
    case 'block': {
      const status = value.status as number;
      const statusOk = Number.isInteger(status) && status >= 400 && status <= 599;
      return typeof value.code === 'string' && value.code !== '' && typeof value.message === 'string' && statusOk
        ? undefined
        : 'block needs a code, a message and a 4xx/5xx status';
    }
    case 'modify':
      return modifyProblem(value.value, kind);
    default:
      return `unknown verdict ${JSON.stringify(verdict)?.slice(0, 80)}`;
  }
}

function modifyProblem(value: unknown, kind: 'request' | 'response' | 'chunks'): string | undefined {
  if (kind === 'chunks') {
    const chunks = value as ChatCompletionChunk[];
    return Array.isArray(chunks) && chunks.every((chunk) => chunk?.object === 'chat.completion.chunk' && Array.isArray(chunk.choices))
      ? undefined
      : 'a stream modify needs an array of chat.completion.chunk';
  }
  if (kind === 'request') return Array.isArray((value as ChatCompletionRequest)?.messages) ? undefined : 'a request modify needs messages';
  return (value as ChatCompletionResponse)?.object === 'chat.completion' && Array.isArray((value as ChatCompletionResponse).choices)
    ? undefined
    : 'a response modify needs a chat.completion';
}

/**
 * Drives one guard over a stream with the host's semantics (`src/plugin-host/guard-stream.ts`):
 * `hold` keeps the chunk back, `modify` replaces the held chunks and the current one, `pass`
 * releases them, `block` ends the stream; at the end `onStreamEnd` decides about what is held.
 *
 * @example
 * const run = await runGuardStream(guard, createGuardContext({}), chunks);
 * expect(streamText(run.steps.flat())).toBe('Hello world');
 */
export async function runGuardStream<TBinding>(
  guard: Guard<TBinding>,
  ctx: GuardContext<TBinding>,
  chunks: readonly ChatCompletionChunk[],
): Promise<GuardStreamRun> {
  let held: ChatCompletionChunk[] = [];
  const state: GuardStreamState = { held, scratch: {} };
  const run: GuardStreamRun = { steps: [], verdicts: [] };
  const fail = (problem: string) => {
    throw new Error(`malformed stream verdict: ${problem}`);
  };
  for (const chunk of chunks) {
    const verdict = guard.onStreamChunk ? await guard.onStreamChunk(ctx, chunk, { ...state, held }) : { action: 'pass' as const };
    run.verdicts.push(verdict);
    const problem = verdictProblem(verdict, 'chunks', true);
    if (problem) fail(problem);
    if (verdict.action === 'block') return { ...run, blocked: verdict };
    if (verdict.action === 'hold') {
      held = [...held, chunk];
      run.steps.push([]);
    } else {
      run.steps.push(verdict.action === 'modify' ? verdict.value : [...held, chunk]);
      held = [];
    }
  }
  const end = guard.onStreamEnd ? await guard.onStreamEnd(ctx, { ...state, held }) : { action: 'pass' as const };
  run.verdicts.push(end);
  const problem = verdictProblem(end, 'chunks');
  if (problem) fail(problem);
  if (end.action === 'block') return { ...run, blocked: end };
  run.steps.push(end.action === 'modify' ? end.value : held);
  return run;
}

/**
 * The text of choice `index` across chunks, in order.
 *
 * @example
 * expect(streamText(run.steps.flat())).toBe('Hello world');
 */
export function streamText(chunks: readonly ChatCompletionChunk[], index = 0): string {
  return chunks.flatMap((chunk) => chunk.choices.filter((choice) => choice.index === index).map((choice) => choice.delta.content ?? '')).join('');
}

/**
 * A text stream as an upstream sends it: a role chunk, one content chunk per piece, a finish
 * chunk and a usage chunk.
 *
 * @example
 * const chunks = textStream(['Hel', 'lo']);
 */
export function textStream(pieces: readonly string[], index = 0): ChatCompletionChunk[] {
  const base = { id: 'chatcmpl-conf', object: 'chat.completion.chunk' as const, created: 1_735_689_600, model: 'conformance-model' };
  const choice = (delta: ChatCompletionChunk['choices'][number]['delta'], finish: 'stop' | null = null) => ({
    ...base,
    choices: [{ index, delta, finish_reason: finish }],
  });
  return [
    choice({ role: 'assistant', content: '' }),
    ...pieces.map((piece) => choice({ content: piece })),
    choice({}, 'stop'),
    { ...base, choices: [], usage: { prompt_tokens: 5, completion_tokens: pieces.length, total_tokens: 5 + pieces.length } },
  ];
}

const DEFAULT_NEUTRAL_TEXT = 'The quarterly review moved to Thursday afternoon; bring the printed slides and a good question.';

function userRequest(content: ChatCompletionRequest['messages'][number]['content']): ChatCompletionRequest {
  return { model: 'conformance-model', messages: [{ role: 'user', content }] };
}

function assistantResponse(content: string | null, extra: Partial<ChatCompletionResponse['choices'][number]['message']> = {}): ChatCompletionResponse {
  return {
    id: 'chatcmpl-conf',
    object: 'chat.completion',
    created: 1_735_689_600,
    model: 'conformance-model',
    choices: [{ index: 0, message: { role: 'assistant', content, ...extra }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 5, completion_tokens: 5, total_tokens: 10 },
  };
}

const UNICODE = 'Zoë 👩‍💻 naïve café — ﷽ שלום مرحبا 中文 \u0301e\u200b\ud800 \u0000 tab\tnew\nline';
const HUGE = 'lorem ipsum dolor sit amet, '.repeat(10_000);

/** Inputs that are legal on the wire but unusual; no guard may throw on them. */
export const ODD_REQUESTS: ChatCompletionRequest[] = [
  { model: 'conformance-model', messages: [] },
  userRequest(''),
  userRequest(null),
  userRequest(UNICODE),
  userRequest(HUGE),
  userRequest([
    { type: 'text', text: 'What is in this picture?' },
    { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' } },
    { type: 'text', text: '' },
  ]),
  {
    model: 'conformance-model',
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Weather?' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: '{"temp":3,"note":"ok"}' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_2', type: 'function', function: { name: 'weather', arguments: '{not json' } }] },
      { role: 'tool', tool_call_id: 'call_2', content: '' },
    ],
  },
];

export const ODD_RESPONSES: ChatCompletionResponse[] = [
  assistantResponse(''),
  assistantResponse(null, { tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } }] }),
  assistantResponse(UNICODE),
  assistantResponse(HUGE),
  { ...assistantResponse('x'), choices: [] },
];

export const ODD_STREAMS: ChatCompletionChunk[][] = [
  [],
  textStream([]),
  textStream(['', '', '']),
  textStream([...UNICODE]),
  textStream([HUGE]),
  textStream(['<', '<<', '>', '_', '1>']),
  [
    ...textStream(['x']).slice(0, 1),
    {
      id: 'chatcmpl-conf', object: 'chat.completion.chunk', created: 1, model: 'conformance-model',
      choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"ci' } }] }, finish_reason: null }],
    },
    {
      id: 'chatcmpl-conf', object: 'chat.completion.chunk', created: 1, model: 'conformance-model',
      choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: 'ty":"Oslo"}' } }] }, finish_reason: 'tool_calls' }],
    },
  ],
];

/** Every property at every depth explains itself (STYLE rule 3); the host refuses the plugin otherwise. */
export function undescribedProperties(schema: unknown, path = ''): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const node = schema as Record<string, unknown>;
  const found: string[] = [];
  for (const [name, property] of Object.entries((node.properties ?? {}) as Record<string, unknown>)) {
    const description = (property as { description?: unknown } | null)?.description;
    if (typeof description !== 'string' || description.trim() === '') found.push(`${path}/${name}`);
    found.push(...undescribedProperties(property, `${path}/${name}`));
  }
  for (const key of ['items', 'additionalProperties'] as const) found.push(...undescribedProperties(node[key], `${path}/${key}`));
  return found;
}

function withDefaults(schema: PluginConfigSchema | undefined, config: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(config);
  if (!schema) return copy;
  const validate = new Ajv({ allErrors: true, useDefaults: true, strict: true }).compile(schema);
  if (!validate(copy)) throw new Error(`fixture config is invalid: ${JSON.stringify(validate.errors)}`);
  return copy;
}

/**
 * The shared suite every guard plugin passes (STYLE rules 2, 3 and 9): a manifest the host
 * accepts, described config and binding schemas, well-formed verdicts from every hook for the
 * plugin's fixtures and for odd inputs (never a throw, never a mutated input), and stream
 * handling that releases held text in order and by the end of the stream.
 *
 * @example
 * import plugin from './index.js';
 * describeGuardConformance(plugin, { bindings: [{}, { entities: { email: 'tokenize' } }] });
 */
export function describeGuardConformance(plugin: GuardPluginDefinition<never, never>, fixtures: GuardConformanceFixtures = {}): void {
  const { manifest } = plugin;
  const definition = plugin as unknown as GuardPluginDefinition;
  let guard: Guard;
  const bindings = () => (fixtures.bindings ?? [{}]).map((binding) => withDefaults(manifest.bindingSchema, binding));
  const requests = [...(fixtures.requests ?? []), ...ODD_REQUESTS];
  const responses = [...(fixtures.responses ?? []), ...ODD_RESPONSES];
  const streams = [...(fixtures.streams ?? []), ...ODD_STREAMS];
  const neutral = fixtures.neutralText ?? DEFAULT_NEUTRAL_TEXT;

  describe(`${manifest.id} guard conformance`, () => {
    beforeAll(async () => {
      const config = withDefaults(manifest.configSchema, fixtures.config ?? {});
      guard = (await definition.create({ pluginId: manifest.id, config, logger: silentLogger })).guard;
    });

    it('declares a manifest the host accepts', () => {
      expect(manifest.id).toMatch(/^guard-[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(manifest.kind).toBe('guard');
      expect(Number.isInteger(manifest.priority)).toBe(true);
      expect(semver.valid(manifest.version)).toBeTruthy();
      expect(semver.satisfies(SDK_VERSION, manifest.sdk, { includePrerelease: true })).toBe(true);
      expect(manifest.displayName.trim()).not.toBe('');
      expect(manifest.description.trim()).not.toBe('');
    });

    it('describes every property of its config and binding schemas, and both compile strictly', () => {
      for (const schema of [manifest.configSchema, manifest.bindingSchema].filter(Boolean)) {
        expect(schema!.type).toBe('object');
        expect(undescribedProperties(schema)).toEqual([]);
        expect(() => new Ajv({ strict: true, useDefaults: true }).compile(schema!)).not.toThrow();
      }
      expect(() => withDefaults(manifest.configSchema, {})).not.toThrow();
      expect(() => bindings()).not.toThrow();
    });

    it('creates a guard with at least one hook', () => {
      const hooks = (['onRequest', 'onResponse', 'onStreamChunk', 'onStreamEnd'] as const).filter((hook) => guard[hook] !== undefined);
      expect(hooks.length).toBeGreaterThan(0);
      for (const hook of hooks) expect(typeof guard[hook]).toBe('function');
    });

    it('answers a well-formed verdict to every request, without throwing or mutating it', async () => {
      for (const binding of bindings()) {
        for (const request of requests) {
          const before = structuredClone(request);
          const verdict = await guard.onRequest?.(createGuardContext(binding), request);
          if (verdict) expect(verdictProblem(verdict, 'request'), JSON.stringify(request).slice(0, 120)).toBeUndefined();
          expect(request).toEqual(before);
        }
      }
    });

    it('answers a well-formed verdict to every response, after a request of the same call', async () => {
      for (const binding of bindings()) {
        for (const response of responses) {
          const ctx = createGuardContext(binding);
          await guard.onRequest?.(ctx, requests[0]);
          const before = structuredClone(response);
          const verdict = await guard.onResponse?.(ctx, response);
          if (verdict) expect(verdictProblem(verdict, 'response'), JSON.stringify(response).slice(0, 120)).toBeUndefined();
          expect(response).toEqual(before);
        }
      }
    });

    it('answers well-formed verdicts over every stream, odd ones included, without mutating the chunks', async () => {
      for (const binding of bindings()) {
        for (const chunks of streams) {
          const ctx = createGuardContext(binding);
          await guard.onRequest?.(ctx, requests[0]);
          const before = structuredClone(chunks);
          const run = await runGuardStream(guard, ctx, chunks);
          expect(run.steps.length + (run.blocked ? 1 : 0)).toBeGreaterThan(0);
          expect(chunks).toEqual(before);
        }
      }
    });

    it('lets neutral text through a request unchanged', async () => {
      for (const binding of bindings()) {
        const verdict = await guard.onRequest?.(createGuardContext(binding), userRequest(neutral));
        if (verdict?.action === 'modify') expect(verdict.value.messages[0].content).toBe(neutral);
        else if (verdict) expect(verdict.action).toBe('pass');
      }
    });

    it('releases neutral stream text in order and completely, wherever the chunks split it', async () => {
      const splits = [[neutral], [...neutral], ...Array.from({ length: neutral.length - 1 }, (_, at) => [neutral.slice(0, at + 1), neutral.slice(at + 1)])];
      for (const binding of bindings()) {
        for (const pieces of splits) {
          const run = await runGuardStream(guard, createGuardContext(binding), textStream(pieces));
          expect(run.blocked).toBeUndefined();
          const released = run.steps.flat();
          expect(streamText(released)).toBe(neutral);
          let soFar = '';
          for (const step of run.steps) {
            soFar += streamText(step);
            expect(neutral.startsWith(soFar)).toBe(true);
          }
          expect(released.flatMap((chunk) => chunk.choices.map((choice) => choice.finish_reason)).filter(Boolean)).toEqual(['stop']);
          expect(released[released.length - 1]?.usage).toBeTruthy();
        }
      }
    });

    it('keeps the text of interleaved choices apart', async () => {
      const first = textStream(neutral.split(' ').map((word) => `${word} `), 0).slice(0, -1);
      const second = textStream(['one ', 'two ', 'three'], 1).slice(0, -1);
      const interleaved = Array.from({ length: Math.max(first.length, second.length) }, (_, at) => [first[at], second[at]]).flat().filter(Boolean);
      for (const binding of bindings()) {
        const run = await runGuardStream(guard, createGuardContext(binding), interleaved);
        expect(streamText(run.steps.flat(), 0)).toBe(`${neutral} `);
        expect(streamText(run.steps.flat(), 1)).toBe('one two three');
      }
    });
  });
}
