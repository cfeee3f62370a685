import { describe, expect, it, vi } from 'vitest';
import type { LimitsLogger } from './counter-store';
import { DegradingCounterStore, type ProbedCounterStore } from './degrading-counter-store';
import { MemoryCounterStore } from './memory-counter-store';

/** A primary that is a memory store with an on/off switch (ids re-prefixed with `r`). */
function switchablePrimary() {
  const inner = new MemoryCounterStore({ sweepIntervalMs: 0 });
  const state = { up: true, calls: 0 };
  const guard = () => {
    state.calls++;
    if (!state.up) throw new Error('connect ECONNREFUSED');
  };
  const primary: ProbedCounterStore = {
    async consume(...a) { guard(); return inner.consume(...a); },
    async acquire(k, l, t) { guard(); const lease = await inner.acquire(k, l, t); return lease && { leaseId: 'r' + lease.leaseId }; },
    async release(k, id) { guard(); return inner.release(k, id.slice(1)); },
    async reserve(k, a, l, t) { guard(); const r = await inner.reserve(k, a, l, t); return r.ok ? { ...r, reservationId: 'r' + r.reservationId } : r; },
    async settle(k, id, a) { guard(); return inner.settle(k, id.slice(1), a); },
    async cancel(k, id) { guard(); return inner.cancel(k, id.slice(1)); },
    async spent(k) { guard(); return inner.spent(k); },
    async adjust(k, d, w, b) { guard(); return inner.adjust(k, d, w, b); },
    async windowUsage(k, w) { guard(); return inner.windowUsage(k, w); },
    async seed(k, s) { guard(); return inner.seed(k, s); },
    async ping() { guard(); },
  };
  return { primary, state, inner };
}

function logger() {
  return { warn: vi.fn(), info: vi.fn() } satisfies LimitsLogger;
}

describe('DegradingCounterStore', () => {
  it('falls back on errors, warns once per outage, probes and switches back', async () => {
    let clock = 10_000;
    const { primary, state } = switchablePrimary();
    const log = logger();
    const store = new DegradingCounterStore(primary, new MemoryCounterStore({ sweepIntervalMs: 0, now: () => clock }), log, {
      probeIntervalMs: 1_000,
      now: () => clock,
    });
    expect((await store.consume('k', 1, 2, 60_000)).allowed).toBe(true);
    expect(store.degraded).toBe(false);

    state.up = false;
    // keeps enforcing locally: limit 2 → 2 admitted, then refused
    const results = [];
    for (let i = 0; i < 4; i++) results.push((await store.consume('k', 1, 2, 60_000)).allowed);
    expect(results).toEqual([true, true, false, false]);
    expect(store.degraded).toBe(true);
    expect(store.degradedSince).toBe(10_000);
    expect(log.warn).toHaveBeenCalledTimes(1);

    // no probe before the interval
    const callsBefore = state.calls;
    await store.consume('k', 1, 2, 60_000);
    expect(state.calls).toBe(callsBefore);

    state.up = true;
    clock += 1_000;
    await store.consume('k', 1, 2, 60_000); // served locally, triggers the probe
    await new Promise((r) => setImmediate(r));
    expect(store.degraded).toBe(false);
    expect(store.degradedSince).toBeUndefined();
    expect(log.info).toHaveBeenCalledTimes(1);
    expect((await store.consume('k', 1, 2, 60_000)).allowed).toBe(true); // primary again (1 used there)

    state.up = false;
    await store.consume('k', 1, 2, 60_000);
    expect(log.warn).toHaveBeenCalledTimes(2);
    expect(store.outages).toBe(2);
  });

  it('releases and settles in the store that issued the id, across an outage', async () => {
    const { primary, state, inner } = switchablePrimary();
    const fallback = new MemoryCounterStore({ sweepIntervalMs: 0 });
    const store = new DegradingCounterStore(primary, fallback, logger(), { probeIntervalMs: 60_000 });
    const remote = await store.reserve('b', 100, 1_000, 60_000);
    if (!remote.ok) throw new Error('expected grant');
    state.up = false;
    const local = await store.reserve('b', 100, 1_000, 60_000);
    if (!local.ok) throw new Error('expected grant');
    expect(local.reservationId.startsWith('m')).toBe(true);
    expect(await store.settle('b', local.reservationId, 40)).toBe(true);
    expect(await fallback.spent('b')).toEqual({ settled: 40, reserved: 0 });
    // settling the Redis reservation while Redis is down records the cost locally and never throws
    expect(await store.settle('b', remote.reservationId, 70)).toBe(false);
    expect(store.unsyncedSettledNano).toBe(70);
    expect(await fallback.spent('b')).toEqual({ settled: 110, reserved: 0 });
    state.up = true;
    expect(await inner.spent('b')).toEqual({ settled: 0, reserved: 100 }); // expires there by TTL
  });

  it('does not treat caller bugs as outages', async () => {
    const { primary } = switchablePrimary();
    const store = new DegradingCounterStore(primary, new MemoryCounterStore({ sweepIntervalMs: 0 }), logger());
    await expect(store.reserve('b', -1, 10, 1_000)).rejects.toThrow(RangeError);
    expect(store.degraded).toBe(false);
  });

  it('seeds both stores, so an outage falls back to a total that knows past spend', async () => {
    const { primary, state, inner } = switchablePrimary();
    const fallback = new MemoryCounterStore({ sweepIntervalMs: 0 });
    const store = new DegradingCounterStore(primary, fallback, logger());
    await store.seed('b', 900);
    expect(await inner.spent('b')).toEqual({ settled: 900, reserved: 0 });
    state.up = false;
    expect((await store.reserve('b', 200, 1_000, 60_000)).ok).toBe(false);
    expect((await store.reserve('b', 100, 1_000, 60_000)).ok).toBe(true);
  });

  it('tells listeners when Redis answers again', async () => {
    let clock = 0;
    const { primary, state } = switchablePrimary();
    const store = new DegradingCounterStore(primary, new MemoryCounterStore({ sweepIntervalMs: 0, now: () => clock }), logger(), { probeIntervalMs: 1_000, now: () => clock });
    const recovered = vi.fn();
    store.onRecovered(recovered);
    state.up = false;
    await store.consume('k', 1, 10, 60_000);
    state.up = true;
    clock += 1_000;
    await store.consume('k', 1, 10, 60_000); // starts the probe
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.degraded).toBe(false);
    expect(recovered).toHaveBeenCalledTimes(1);
  });
});
