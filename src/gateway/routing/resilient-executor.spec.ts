import { describe, expect, it } from 'vitest';
import { InMemoryCircuitBreakers } from './circuit-breaker';
import { EwmaLatencyTracker } from './latency-tracker';
import { ResilientExecutor } from './resilient-executor';
import { FakeClock, failed, ok, plan, providerError, scriptedAttempts, target } from './__fixtures__/routing-fixtures';

const never = () => new AbortController().signal;

function setup(options: { random?: () => number; threshold?: number; cooldownMs?: number } = {}) {
  const clock = new FakeClock();
  const latency = new EwmaLatencyTracker(0.5);
  const breakers = new InMemoryCircuitBreakers({ failureThreshold: options.threshold ?? 3, cooldownMs: options.cooldownMs ?? 30_000 });
  const executor = new ResilientExecutor({ clock, latency, breakers, random: options.random ?? (() => 0.5) });
  return { clock, latency, breakers, executor };
}

const serverError = providerError('server', 500);
const timeout = providerError('timeout', 504);

describe('ResilientExecutor', () => {
  it('answers from the first target and records the attempt and its latency', async () => {
    const { executor, clock, latency } = setup();
    const { attempt, calls } = scriptedAttempts({}, clock, 120);
    const first = target('a');
    const outcome = await executor.run(plan([first, target('b')]), attempt, never());
    expect(outcome).toEqual({ ok: true, value: 'from a/m', target: first, attempts: [{ target: 'a/m', ms: 120 }] });
    expect(calls).toEqual([{ target: 'a/m', credential: undefined, attemptNumber: 1 }]);
    expect(latency.estimate(first.key)).toBe(120);
  });

  describe('transient failures (server, overloaded, timeout)', () => {
    it('retries the same target with exponential backoff and full jitter, then falls back', async () => {
      const { executor, clock } = setup({ random: () => 0.5 });
      const { attempt, calls } = scriptedAttempts({ 'a/m': [failed(serverError)], 'b/m': [failed(timeout), ok('b')] }, clock);
      const outcome = await executor.run(plan([target('a'), target('b')], { retriesPerTarget: 2, maxAttempts: 10 }), attempt, never());
      expect(outcome).toMatchObject({ ok: true, value: 'b' });
      expect(calls.map((call) => call.target)).toEqual(['a/m', 'a/m', 'a/m', 'b/m', 'b/m']);
      // base 100: retry 1 waits random × 100, retry 2 random × 200; then b's first retry random × 100 again
      expect(clock.sleeps).toEqual([50, 100, 50]);
      expect(outcome.attempts.map((record) => [record.target, record.status, record.errorClass])).toEqual([
        ['a/m', 500, 'server'],
        ['a/m', 500, 'server'],
        ['a/m', 500, 'server'],
        ['b/m', 504, 'timeout'],
        ['b/m', undefined, undefined],
      ]);
    });

    it('caps the backoff at backoffMaxMs and draws the jitter from the whole range', async () => {
      const { executor, clock } = setup({ random: () => 0.999, threshold: 10 });
      const { attempt } = scriptedAttempts({ 'a/m': [failed(providerError('overloaded', 529))] }, clock);
      await executor.run(plan([target('a')], { retriesPerTarget: 5, maxAttempts: 10, backoffBaseMs: 100, backoffMaxMs: 300 }), attempt, never());
      expect(clock.sleeps).toEqual([99, 199, 299, 299, 299]);
      const zero = setup({ random: () => 0 });
      await zero.executor.run(plan([target('a')], { retriesPerTarget: 2 }), scriptedAttempts({ 'a/m': [failed(serverError)] }, zero.clock).attempt, never());
      expect(zero.clock.sleeps).toEqual([0, 0]);
    });

    it('returns the last error when every target failed', async () => {
      const { executor, clock } = setup();
      const { attempt } = scriptedAttempts({ 'a/m': [failed(serverError)], 'b/m': [failed(timeout)] }, clock);
      const outcome = await executor.run(plan([target('a'), target('b')], { retriesPerTarget: 0 }), attempt, never());
      expect(outcome).toMatchObject({ ok: false, error: timeout });
      expect(outcome.attempts).toHaveLength(2);
    });

    it('caps the total number of attempts across targets, without sleeping before giving up', async () => {
      const { executor, clock } = setup();
      const { attempt, calls } = scriptedAttempts({ 'a/m': [failed(serverError)], 'b/m': [failed(serverError)], 'c/m': [ok('c')] }, clock);
      const outcome = await executor.run(plan([target('a'), target('b'), target('c')], { retriesPerTarget: 1, maxAttempts: 3 }), attempt, never());
      expect(outcome).toMatchObject({ ok: false, error: serverError });
      expect(calls.map((call) => call.attemptNumber)).toEqual([1, 2, 3]);
      expect(calls.map((call) => call.target)).toEqual(['a/m', 'a/m', 'b/m']);
      expect(clock.sleeps).toHaveLength(1);
    });
  });

  describe('rate limits', () => {
    it('waits out a retry-after within the cap on the same target', async () => {
      const { executor, clock } = setup({ random: () => 0.1 });
      const limited = providerError('rate_limit', 429, { retryAfterSeconds: 2 });
      const { attempt, calls } = scriptedAttempts({ 'a/m': [failed(limited), ok('a')] }, clock);
      const outcome = await executor.run(plan([target('a'), target('b')], { maxRetryAfterSeconds: 5 }), attempt, never());
      expect(outcome).toMatchObject({ ok: true, value: 'a' });
      expect(calls.map((call) => call.target)).toEqual(['a/m', 'a/m']);
      expect(clock.sleeps).toEqual([2_000]);
    });

    it('honours the backoff when it is longer than the retry-after, and backs off when there is none', async () => {
      const { executor, clock } = setup({ random: () => 0.999 });
      const { attempt } = scriptedAttempts({ 'a/m': [failed(providerError('rate_limit', 429, { retryAfterSeconds: 0 })), failed(providerError('rate_limit', 429)), ok('a')] }, clock);
      const outcome = await executor.run(plan([target('a')], { retriesPerTarget: 2, backoffBaseMs: 1_000, backoffMaxMs: 4_000 }), attempt, never());
      expect(outcome.ok).toBe(true);
      expect(clock.sleeps).toEqual([999, 1_998]);
    });

    it('moves to the next target at once when retry-after exceeds the cap', async () => {
      const { executor, clock } = setup();
      const { attempt, calls } = scriptedAttempts({ 'a/m': [failed(providerError('rate_limit', 429, { retryAfterSeconds: 60 }))] }, clock);
      const outcome = await executor.run(plan([target('a'), target('b')], { maxRetryAfterSeconds: 10 }), attempt, never());
      expect(outcome).toMatchObject({ ok: true, value: 'from b/m' });
      expect(calls.map((call) => call.target)).toEqual(['a/m', 'b/m']);
      expect(clock.sleeps).toEqual([]);
    });

    it('answers the truthful 429 with its retry-after when every target is throttled', async () => {
      const { executor, clock } = setup();
      const limited = providerError('rate_limit', 429, { retryAfterSeconds: 30 });
      const { attempt } = scriptedAttempts({ 'a/m': [failed(limited)], 'b/m': [failed(limited)] }, clock);
      const outcome = await executor.run(plan([target('a'), target('b')]), attempt, never());
      expect(outcome).toMatchObject({ ok: false, error: { class: 'rate_limit', status: 429, retryAfterSeconds: 30 } });
    });

    it('does not open the circuit: a 429 is an answer', async () => {
      const { executor, clock, breakers } = setup({ threshold: 1 });
      const { attempt } = scriptedAttempts({ 'a/m': [failed(providerError('rate_limit', 429, { retryAfterSeconds: 99 }))] }, clock);
      await executor.run(plan([target('a')]), attempt, never());
      expect(breakers.states(clock.now())).toEqual([{ key: 'id-a:m', state: 'closed' }]);
    });
  });

  describe('credential rotation', () => {
    it('rotates to the next credential on 401, then on 429, before leaving the target', async () => {
      const { executor, clock } = setup();
      const unauthorized = providerError('auth', 401);
      const limited = providerError('rate_limit', 429, { retryAfterSeconds: 1 });
      const { attempt, calls } = scriptedAttempts({ 'a/m': [failed(unauthorized), failed(limited), ok('third key')] }, clock);
      const outcome = await executor.run(plan([target('a', { credentials: ['k1', 'k2', 'k3'] }), target('b')]), attempt, never());
      expect(outcome).toMatchObject({ ok: true, value: 'third key' });
      expect(calls.map((call) => [call.target, call.credential])).toEqual([
        ['a/m', 'k1'],
        ['a/m', 'k2'],
        ['a/m', 'k3'],
      ]);
      expect(clock.sleeps).toEqual([]);
    });

    it('returns the 401 at once when no credential is left (no fallback to other targets)', async () => {
      const { executor, clock } = setup();
      const unauthorized = providerError('auth', 401, { code: 'invalid_api_key' });
      const { attempt, calls } = scriptedAttempts({ 'a/m': [failed(unauthorized)] }, clock);
      const outcome = await executor.run(plan([target('a', { credentials: ['k1', 'k2'] }), target('b')]), attempt, never());
      expect(outcome).toMatchObject({ ok: false, error: unauthorized });
      expect(calls.map((call) => call.credential)).toEqual(['k1', 'k2']);
    });

    it('after the last credential is throttled, retries it after retry-after, then falls back', async () => {
      const { executor, clock } = setup();
      const limited = providerError('rate_limit', 429, { retryAfterSeconds: 1 });
      const { attempt, calls } = scriptedAttempts({ 'a/m': [failed(limited)] }, clock);
      const outcome = await executor.run(plan([target('a', { credentials: ['k1', 'k2'] }), target('b')], { retriesPerTarget: 1 }), attempt, never());
      expect(outcome).toMatchObject({ ok: true, value: 'from b/m' });
      expect(calls.map((call) => [call.target, call.credential])).toEqual([
        ['a/m', 'k1'],
        ['a/m', 'k2'],
        ['a/m', 'k2'],
        ['b/m', undefined],
      ]);
      expect(clock.sleeps).toEqual([1_000]);
    });

    it('falls back to the primary credential when the account lists no credentials array', async () => {
      const { executor, clock } = setup();
      const legacy = target('a');
      const withPrimaryOnly = { ...legacy, account: { ...legacy.account, credential: 'primary', credentials: undefined as unknown as string[] } };
      const { attempt, calls } = scriptedAttempts({}, clock);
      await executor.run(plan([withPrimaryOnly]), attempt, never());
      expect(calls[0].credential).toBe('primary');
    });
  });

  describe('errors another target would repeat', () => {
    it.each([
      ['bad_request', 400],
      ['content_policy', 400],
      ['not_found', 404],
    ] as const)('%s is returned at once, without fallback', async (errorClass, status) => {
      const { executor, clock } = setup();
      const error = providerError(errorClass, status);
      const { attempt, calls } = scriptedAttempts({ 'a/m': [failed(error)] }, clock);
      const outcome = await executor.run(plan([target('a'), target('b')]), attempt, never());
      expect(outcome).toEqual({ ok: false, error, attempts: [{ target: 'a/m', status, errorClass, ms: 0 }] });
      expect(calls).toHaveLength(1);
    });
  });

  describe('context length', () => {
    it('escalates to the next target with a larger context window, skipping smaller ones', async () => {
      const { executor, clock } = setup();
      const tooLong = providerError('context_length', 400);
      const { attempt, calls } = scriptedAttempts({ 'small/m': [failed(tooLong)], 'mid/m': [failed(tooLong)] }, clock);
      const targets = [
        target('small', { contextWindow: 8_000 }),
        target('same', { contextWindow: 8_000 }),
        target('mid', { contextWindow: 32_000 }),
        target('unknown'),
        target('smaller', { contextWindow: 16_000 }),
        target('large', { contextWindow: 128_000 }),
      ];
      const outcome = await executor.run(plan(targets), attempt, never());
      expect(outcome).toMatchObject({ ok: true, value: 'from large/m' });
      expect(calls.map((call) => call.target)).toEqual(['small/m', 'mid/m', 'large/m']);
      expect(clock.sleeps).toEqual([]);
    });

    it('returns the context-length error when no larger target exists', async () => {
      const { executor, clock } = setup();
      const tooLong = providerError('context_length', 400, { code: 'context_length_exceeded' });
      const { attempt, calls } = scriptedAttempts({ 'a/m': [failed(tooLong)] }, clock);
      const outcome = await executor.run(plan([target('a', { contextWindow: 128_000 }), target('b', { contextWindow: 8_000 })]), attempt, never());
      expect(outcome).toMatchObject({ ok: false, error: tooLong });
      expect(calls).toHaveLength(1);
    });
  });

  describe('circuit breakers', () => {
    it('opens after N transient failures, skips the open target, probes once after the cooldown, closes on success', async () => {
      const { executor, clock } = setup({ threshold: 2, cooldownMs: 10_000 });
      const targets = [target('a'), target('b')];
      const down = scriptedAttempts({ 'a/m': [failed(serverError)] }, clock);
      await executor.run(plan(targets, { retriesPerTarget: 1 }), down.attempt, never());
      expect(executor.breakerStates()).toContainEqual({ key: 'id-a:m', state: 'open' });

      const skipping = scriptedAttempts({}, clock);
      const skipped = await executor.run(plan(targets), skipping.attempt, never());
      expect(skipped).toMatchObject({ ok: true, value: 'from b/m' });
      expect(skipping.calls.map((call) => call.target)).toEqual(['b/m']);

      clock.advance(10_000);
      expect(executor.breakerStates()).toContainEqual({ key: 'id-a:m', state: 'half_open' });
      const probe = scriptedAttempts({}, clock);
      const probed = await executor.run(plan(targets), probe.attempt, never());
      expect(probed).toMatchObject({ ok: true, value: 'from a/m' });
      expect(executor.breakerStates()).toContainEqual({ key: 'id-a:m', state: 'closed' });
    });

    it('stops retrying a target whose circuit opens during the request', async () => {
      const { executor, clock } = setup({ threshold: 2 });
      const { attempt, calls } = scriptedAttempts({ 'a/m': [failed(serverError)] }, clock);
      const outcome = await executor.run(plan([target('a'), target('b')], { retriesPerTarget: 5, maxAttempts: 10 }), attempt, never());
      expect(outcome).toMatchObject({ ok: true, value: 'from b/m' });
      expect(calls.map((call) => call.target)).toEqual(['a/m', 'a/m', 'b/m']);
    });

    it('a failed probe re-opens the target; a concurrent request does not probe too', async () => {
      const { executor, clock } = setup({ threshold: 1, cooldownMs: 5_000 });
      const targets = [target('a'), target('b')];
      await executor.run(plan(targets, { retriesPerTarget: 0 }), scriptedAttempts({ 'a/m': [failed(serverError)] }, clock).attempt, never());
      clock.advance(5_000);

      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const slowProbe = scriptedAttempts({ 'a/m': [async () => (await held, failed(serverError))] }, clock);
      const probing = executor.run(plan(targets, { retriesPerTarget: 0 }), slowProbe.attempt, never());
      const concurrent = scriptedAttempts({}, clock);
      const other = await executor.run(plan(targets), concurrent.attempt, never());
      expect(concurrent.calls.map((call) => call.target)).toEqual(['b/m']);
      expect(other).toMatchObject({ ok: true, value: 'from b/m' });
      release();
      await probing;
      expect(executor.breakerStates()).toContainEqual({ key: 'id-a:m', state: 'open' });
    });

    it('4xx answers never open a circuit', async () => {
      const { executor, clock } = setup({ threshold: 1 });
      for (let i = 0; i < 3; i++) await executor.run(plan([target('a')]), scriptedAttempts({ 'a/m': [failed(providerError('bad_request', 400))] }, clock).attempt, never());
      expect(executor.breakerStates()).toEqual([{ key: 'id-a:m', state: 'closed' }]);
    });

    it('answers 503 overloaded with the time to the earliest half-open when every target is open', async () => {
      const { executor, clock } = setup({ threshold: 1, cooldownMs: 30_000 });
      const a = target('a');
      const b = target('b');
      await executor.run(plan([a], { retriesPerTarget: 0 }), scriptedAttempts({ 'a/m': [failed(serverError)] }, clock).attempt, never());
      clock.advance(10_000);
      await executor.run(plan([b], { retriesPerTarget: 0 }), scriptedAttempts({ 'b/m': [failed(serverError)] }, clock).attempt, never());
      clock.advance(4_500);
      const { attempt, calls } = scriptedAttempts({}, clock);
      const outcome = await executor.run(plan([a, b]), attempt, never());
      expect(calls).toEqual([]);
      expect(outcome).toEqual({
        ok: false,
        error: { class: 'overloaded', status: 503, code: 'all_targets_unavailable', message: 'all targets are unavailable', retryAfterSeconds: 16 },
        attempts: [],
      });
    });
  });

  describe('abort', () => {
    it('stops before the first attempt when the caller already aborted', async () => {
      const { executor, clock } = setup();
      const controller = new AbortController();
      controller.abort();
      const { attempt, calls } = scriptedAttempts({}, clock);
      const outcome = await executor.run(plan([target('a')]), attempt, controller.signal);
      expect(outcome).toMatchObject({ ok: false, error: { class: 'timeout', code: 'request_aborted' } });
      expect(calls).toEqual([]);
    });

    it('stops retrying when the caller aborts mid-request, without blaming the target', async () => {
      const { executor, clock } = setup({ threshold: 1 });
      const controller = new AbortController();
      const { attempt, calls } = scriptedAttempts(
        {
          'a/m': [
            (context) => {
              controller.abort();
              expect(context.signal.aborted).toBe(true);
              return failed(timeout);
            },
          ],
        },
        clock,
      );
      const outcome = await executor.run(plan([target('a'), target('b')]), attempt, controller.signal);
      expect(outcome).toMatchObject({ ok: false, error: { code: 'request_aborted' } });
      expect(calls).toHaveLength(1);
      expect(executor.breakerStates()).toEqual([{ key: 'id-a:m', state: 'closed' }]);
    });

    it('an abort during the backoff ends the run before the retry', async () => {
      const controller = new AbortController();
      const clock = new FakeClock();
      clock.sleep = async () => controller.abort();
      const executor = new ResilientExecutor({ clock, random: () => 0.5 });
      const { attempt, calls } = scriptedAttempts({ 'a/m': [failed(serverError)] }, clock);
      const outcome = await executor.run(plan([target('a')], { retriesPerTarget: 3 }), attempt, controller.signal);
      expect(outcome).toMatchObject({ ok: false, error: { code: 'request_aborted' } });
      expect(calls).toHaveLength(1);
    });
  });

  it('answers 503 for a plan without targets, and turns a throwing attempt into a 502 record', async () => {
    const { executor, clock } = setup();
    expect(await executor.run(plan([]), scriptedAttempts({}, clock).attempt, never())).toMatchObject({ ok: false, error: { status: 503, code: 'no_available_target' } });
    const throwing = async () => {
      throw new Error('socket hang up');
    };
    const outcome = await executor.run(plan([target('a')], { retriesPerTarget: 0 }), throwing, never());
    expect(outcome).toMatchObject({ ok: false, error: { class: 'server', status: 502, code: 'attempt_failed' } });
  });
});
