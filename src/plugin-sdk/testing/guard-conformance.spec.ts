import { describe, expect, it } from 'vitest';
import type { ChatCompletionChunk } from '../canonical.js';
import { verdict, type Guard } from '../guard.js';
import { definePlugin } from '../plugin.js';
import {
  createGuardContext,
  describeGuardConformance,
  runGuardStream,
  streamText,
  textStream,
  undescribedProperties,
  verdictProblem,
} from './guard-conformance.js';

const contentOf = (chunks: readonly ChatCompletionChunk[]) => chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
const WORD = 'secret';

/** Holds while the text ends in a prefix of "secret", then releases it with "secret" masked. */
const masker: Guard<{ mask: string }> = {
  onRequest: () => verdict.pass(),
  onStreamChunk: (ctx, chunk, state) => {
    const text = contentOf([...state.held, chunk]);
    const ending = chunk.choices.length === 0 || chunk.choices[0].finish_reason !== null;
    const pending = [...WORD].some((_, at) => text.endsWith(WORD.slice(0, at + 1))) && !text.endsWith(WORD);
    if (!ending && pending) return verdict.hold();
    if (state.held.length === 0 && !text.includes(WORD)) return verdict.pass();
    const masked = text.replaceAll(WORD, ctx.config.mask);
    const textChunk = { ...(state.held[0] ?? chunk), choices: [{ index: 0, delta: { content: masked }, finish_reason: null }] };
    const rest = { ...chunk, choices: chunk.choices.map((choice) => ({ ...choice, delta: { ...choice.delta, content: undefined } })) };
    return verdict.modify(ending ? [textChunk, rest] : [textChunk]);
  },
  onStreamEnd: (_ctx, state) => (state.held.length === 0 ? verdict.pass() : verdict.modify([...state.held])),
};

const maskingPlugin = definePlugin<Record<string, never>, { mask: string }>({
  manifest: {
    id: 'guard-test-masker',
    kind: 'guard',
    version: '1.0.0',
    sdk: '^1.0.0',
    priority: 1,
    displayName: 'Test masker',
    description: 'Masks one word, holding chunks that may start it.',
    configSchema: { type: 'object', additionalProperties: false, properties: {} },
    bindingSchema: {
      type: 'object',
      additionalProperties: false,
      properties: { mask: { type: 'string', default: '******', description: 'What replaces the word.' } },
    },
  },
  create: () => ({ guard: masker }),
});

describeGuardConformance(maskingPlugin, { bindings: [{}, { mask: '[gone]' }] });

describe('guard conformance helpers', () => {
  it('checks verdict shapes per hook kind', () => {
    expect(verdictProblem(verdict.pass(), 'request')).toBeUndefined();
    expect(verdictProblem(verdict.hold(), 'request')).toMatch(/hold/);
    expect(verdictProblem(verdict.hold(), 'chunks', true)).toBeUndefined();
    expect(verdictProblem(verdict.block('PII', 422, 'no'), 'request')).toBeUndefined();
    expect(verdictProblem(verdict.block('PII', 200, 'no'), 'request')).toMatch(/status/);
    expect(verdictProblem(verdict.modify({}), 'request')).toMatch(/messages/);
    expect(verdictProblem(verdict.modify([{ object: 'chat.completion' }]), 'chunks')).toMatch(/chunk/);
    expect(verdictProblem(undefined, 'response')).toMatch(/unknown/);
  });

  it('finds undescribed properties at any depth', () => {
    const schema = {
      type: 'object',
      properties: { a: { type: 'object', description: 'ok', properties: { b: { type: 'string' } } }, c: { type: 'array', description: 'ok', items: { type: 'object', properties: { d: {} } } } },
    };
    expect(undescribedProperties(schema)).toEqual(['/a/b', '/c/items/d']);
  });

  it('drives a stream with the host semantics: held chunks are replaced by a modify and flushed at the end', async () => {
    const ctx = createGuardContext({ mask: '***' });
    const run = await runGuardStream(masker, ctx, textStream(['a se', 'cr', 'et b', ' s']));
    expect(run.steps.map((step) => streamText(step))).toEqual(['', '', '', 'a *** b', '', ' s', '', '']);
    expect(run.verdicts.map((item) => (item as { action: string }).action)).toEqual(['pass', 'hold', 'hold', 'modify', 'hold', 'modify', 'pass', 'pass']);
  });

  it('reports a block and stops', async () => {
    const blocker: Guard = { onStreamChunk: (_ctx, chunk) => (streamText([chunk]) === 'x' ? verdict.block('X', 400, 'x') : verdict.pass()) };
    const run = await runGuardStream(blocker, createGuardContext({}), textStream(['a', 'x', 'b']));
    expect(run.blocked).toEqual({ action: 'block', code: 'X', status: 400, message: 'x' });
    expect(run.steps.map((step) => streamText(step))).toEqual(['', 'a']);
  });

  it('throws on a malformed verdict', async () => {
    const broken = { onStreamChunk: () => ({ action: 'modify', value: 'text' }) } as unknown as Guard;
    await expect(runGuardStream(broken, createGuardContext({}), textStream(['a']))).rejects.toThrow(/malformed/);
  });
});
